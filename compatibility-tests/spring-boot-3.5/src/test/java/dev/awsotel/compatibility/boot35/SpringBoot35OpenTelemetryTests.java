/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compatibility.boot35;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.InstrumentedClient;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Spring Boot 3.5, an application that takes its {@code OpenTelemetry} from Spring
 * Boot's own support (Actuator with Micrometer Tracing's OpenTelemetry bridge) instead of
 * the OpenTelemetry Spring Boot starter: the starter's auto-configuration runs after
 * Spring Boot's, so its SQS client bean is traced and the spans reach the
 * {@code SpanExporter} bean Spring Boot exports to. ElasticMQ is the SQS server.
 *
 * @author aws-otel-spring-boot authors
 */
class SpringBoot35OpenTelemetryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class, OpenTelemetryAutoConfiguration.class,
				OpenTelemetryTracingAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
		.withUserConfiguration(Application.class)
		.withPropertyValues("management.tracing.sampling.probability=1.0");

	@Test
	void whenSpringBootProvidesTheOpenTelemetryThenClientsAreTracedUnderMicrometerSpans() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(OpenTelemetry.class);
			assertThat(context.getBean(OpenTelemetry.class)).isInstanceOf(OpenTelemetrySdk.class);
			InstrumentedClient client = context.getBean(AwsClientRegistry.class).client("sqsClient").orElseThrow();
			assertThat(client.mode()).isEqualTo(TracingMode.INTERCEPTOR);
			SqsClient sqs = context.getBean(SqsClient.class);
			Tracer tracer = context.getBean(Tracer.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("boot35-otel-orders")).queueUrl();

			Span parent = tracer.nextSpan().name("place order").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(parent)) {
				sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1"));
			}
			finally {
				parent.end();
			}
			// Spring Boot exports through a batch processor.
			assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
				.isTrue();

			SpanData publish = single(exporter, "boot35-otel-orders publish");
			assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
			assertThat(publish.getTraceId()).isEqualTo(parent.context().traceId());
			assertThat(publish.getParentSpanId()).isEqualTo(parent.context().spanId());
		});
	}

	private static SpanData single(InMemorySpanExporter exporter, String name) {
		List<SpanData> spans = exporter.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals(name))
			.toList();
		assertThat(spans)
			.as("spans named %s among %s", name,
					exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList())
			.hasSize(1);
		return spans.get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class Application {

		// Spring Boot adds every SpanExporter bean to its tracer provider.
		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

}
