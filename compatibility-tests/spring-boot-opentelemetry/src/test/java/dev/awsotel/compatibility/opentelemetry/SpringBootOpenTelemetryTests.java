/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compatibility.opentelemetry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.awsotel.localaws.ElasticMqServer;
import dev.awsotel.localaws.LocalServer;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.InstrumentedClient;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that takes its {@code OpenTelemetry} from Spring Boot 4's own support
 * ({@code spring-boot-starter-opentelemetry}, with Micrometer Tracing) instead of the
 * OpenTelemetry Spring Boot starter: its SQS client bean is traced, the spans go to the
 * {@code SpanExporter} bean Spring Boot exports to, a span opened through Micrometer's
 * {@link Tracer} is their parent, and a sent message is processed in the same trace.
 * ElasticMQ is the SQS server.
 *
 * @author aws-otel-spring-boot authors
 */
class SpringBootOpenTelemetryTests {

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication() {
		context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties(Map.of("management.tracing.sampling.probability", "1.0",
					// Nothing listens for OTLP metrics here.
					"management.otlp.metrics.export.enabled", "false"))
			.run();
	}

	@AfterAll
	static void stopApplication() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void theOpenTelemetrySpringBootStarterIsAbsentAndSpringBootProvidesTheOpenTelemetryBean() {
		assertThat(ClassUtils.isPresent(
				"io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration",
				getClass().getClassLoader()))
			.isFalse();
		assertThat(context.getBeansOfType(OpenTelemetry.class)).hasSize(1)
			.hasEntrySatisfying("openTelemetrySdk", (bean) -> assertThat(bean).isInstanceOf(OpenTelemetrySdk.class));
		InstrumentedClient client = context.getBean(AwsClientRegistry.class).client("sqsClient").orElseThrow();
		assertThat(client.mode()).isEqualTo(TracingMode.INTERCEPTOR);
	}

	@Test
	void whenClientSendsAndReceivesInsideMicrometerSpanThenSpringBootExportsTheTrace() {
		SqsClient sqs = context.getBean(SqsClient.class);
		Tracer tracer = context.getBean(Tracer.class);
		InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
		String queueUrl = sqs.createQueue((q) -> q.queueName("boot-otel-orders")).queueUrl();

		Span parent = tracer.nextSpan().name("place order").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(parent)) {
			sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1"));
		}
		finally {
			parent.end();
		}
		List<Message> received = sqs.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
		for (Message message : received) {
			// Handled inside the message's process span.
			sqs.deleteMessage((d) -> d.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
		}
		flush();

		assertThat(received).hasSize(1);
		SpanData parentSpan = single(exporter, "place order");
		SpanData publish = single(exporter, "boot-otel-orders publish");
		assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(publish.getParentSpanId()).isEqualTo(parentSpan.getSpanId());
		assertThat(publish.getTraceId()).isEqualTo(parent.context().traceId());
		assertThat(publish.getAttributes().get(AttributeKey.stringKey("rpc.system"))).isEqualTo("aws-api");
		assertThat(publish.getAttributes().get(AttributeKey.stringKey("rpc.method"))).isEqualTo("SendMessage");
		assertThat(publish.getAttributes().get(AttributeKey.stringKey("aws.region"))).isEqualTo("eu-west-1");
		SpanData process = single(exporter, "boot-otel-orders process");
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(process.getTraceId()).isEqualTo(publish.getTraceId());
		assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
		SpanData delete = single(exporter, "Sqs.DeleteMessage");
		assertThat(delete.getParentSpanId()).isEqualTo(process.getSpanId());
		assertThat(single(exporter, "Sqs.CreateQueue").getKind()).isEqualTo(SpanKind.CLIENT);
	}

	private static void flush() {
		// Spring Boot exports through a batch processor.
		assertThat(context.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
			.isTrue();
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

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		// Spring Boot adds every SpanExporter bean to its tracer provider.
		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean(destroyMethod = "close")
		LocalServer sqsServer() {
			return ElasticMqServer.start();
		}

		@Bean
		SqsClient sqsClient(LocalServer sqsServer) {
			return SqsClient.builder()
				.endpointOverride(sqsServer.endpoint())
				.region(Region.EU_WEST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
				.build();
		}

	}

}
