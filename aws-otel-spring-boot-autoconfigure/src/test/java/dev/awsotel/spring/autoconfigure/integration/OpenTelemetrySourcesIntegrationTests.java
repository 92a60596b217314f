/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.lang.reflect.Proxy;
import java.util.List;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the application's {@code OpenTelemetry} comes from: the OpenTelemetry Spring Boot
 * starter (what this starter brings), the application's own bean (beside that starter,
 * which then backs off), or nowhere. Each case calls ElasticMQ through the same two SQS
 * client beans. Spring Boot 4's own OpenTelemetry support is proven in the
 * {@code compatibility-tests/spring-boot-opentelemetry} module, whose classpath has no
 * OpenTelemetry Spring Boot starter.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class OpenTelemetrySourcesIntegrationTests {

	private static final String NOT_TRACED = "AWS SDK clients are not traced";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class, AwsOtelAutoConfiguration.class))
		.withUserConfiguration(SqsClients.class)
		.withPropertyValues("otel.traces.exporter=none", "otel.metrics.exporter=none", "otel.logs.exporter=none");

	@Test
	void whenTheOpenTelemetrySpringBootStarterProvidesTheSdkThenClientsAreTraced(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(StarterExportsToMemory.class).run((context) -> {
			// The SDK the OpenTelemetry starter builds: the test declares none.
			assertThat(context).hasNotFailed()
				.hasSingleBean(OpenTelemetry.class)
				.hasSingleBean(AutoConfiguredOpenTelemetrySdk.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);

			SpanData publish = sendInParent(context.getBean(OpenTelemetry.class),
					context.getBean("sqsClient", SqsClient.class), exporter, "starter-orders");

			AwsSpans.assertSuccessfulCall(publish, "Sqs", "SendMessage", SpanKind.PRODUCER);
			assertTracedClients(context.getBean(AwsClientRegistry.class));
			assertThat(lastSent(context.getBean("interceptor", RecordingInterceptor.class)).messageAttributes())
				.containsKey("traceparent");
		});
		assertThat(output).doesNotContain(NOT_TRACED);
	}

	@Test
	void whenTheApplicationDeclaresItsOwnOpenTelemetryThenTheStarterBacksOffAndClientsUseTheApplicationBean(
			CapturedOutput output) {
		this.contextRunner.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class).run((context) -> {
			// The starter's SDK backed off: the only OpenTelemetry is the application's.
			assertThat(context).hasNotFailed()
				.hasSingleBean(OpenTelemetry.class)
				.doesNotHaveBean(AutoConfiguredOpenTelemetrySdk.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);

			SpanData publish = sendInParent(context.getBean(OpenTelemetry.class),
					context.getBean("sqsClient", SqsClient.class), exporter, "own-bean-orders");

			AwsSpans.assertSuccessfulCall(publish, "Sqs", "SendMessage", SpanKind.PRODUCER);
			assertTracedClients(context.getBean(AwsClientRegistry.class));
		});
		assertThat(output).doesNotContain(NOT_TRACED);
	}

	@Test
	void whenNoOpenTelemetryIsPresentThenOneLineSaysWhyAndClientsAreUntouched(CapturedOutput output) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
			.withUserConfiguration(SqsClients.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(OpenTelemetry.class);
				SqsClient sqs = context.getBean("sqsClient", SqsClient.class);
				SqsClient undecorated = LocalAws.configure(SqsClient.builder(), LocalAws.sqs())
					.overrideConfiguration((o) -> o.addExecutionInterceptor(new RecordingInterceptor()))
					.build();
				assertThat(Proxy.isProxyClass(sqs.getClass())).isFalse();
				assertThat(interceptorTypes(sqs)).isEqualTo(interceptorTypes(undecorated));
				assertThat(context.getBean(AwsClientRegistry.class).clients()).isEmpty();

				String queueUrl = sqs.createQueue((q) -> q.queueName("untraced-orders")).queueUrl();
				sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1"));

				// Sent exactly as the application made it: no trace attribute added.
				SendMessageRequest sent = lastSent(context.getBean("interceptor", RecordingInterceptor.class));
				assertThat(sent.messageAttributes()).isEmpty();
				assertThat(sent.messageSystemAttributes()).isEmpty();
				undecorated.close();
			});
		assertThat(output.toString().split(NOT_TRACED, -1)).as("lines saying clients are not traced").hasSize(2);
		assertThat(output).contains("no io.opentelemetry.api.OpenTelemetry bean");
	}

	private static SpanData sendInParent(OpenTelemetry openTelemetry, SqsClient sqs, InMemorySpanExporter exporter,
			String queue) {
		String queueUrl = sqs.createQueue((q) -> q.queueName(queue)).queueUrl();
		io.opentelemetry.api.trace.Span parent = Spans.runInParent(openTelemetry,
				() -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1")));
		SpanData publish = Spans.single(exporter, queue + " publish");
		AwsSpans.assertChildOf(publish, parent);
		return publish;
	}

	private static void assertTracedClients(AwsClientRegistry registry) {
		assertThat(registry.clients()).hasSize(2)
			.allSatisfy((client) -> assertThat(client.mode()).isEqualTo(TracingMode.INTERCEPTOR));
	}

	private static SendMessageRequest lastSent(RecordingInterceptor interceptor) {
		return interceptor.sdkRequests()
			.stream()
			.filter(SendMessageRequest.class::isInstance)
			.map(SendMessageRequest.class::cast)
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	private static List<String> interceptorTypes(SqsClient client) {
		return client.serviceClientConfiguration()
			.overrideConfiguration()
			.executionInterceptors()
			.stream()
			.map(ExecutionInterceptor::getClass)
			.map(Class::getName)
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class SqsClients {

		@Bean
		RecordingInterceptor interceptor() {
			return new RecordingInterceptor();
		}

		@Bean(destroyMethod = "close")
		SqsClient sqsClient(RecordingInterceptor interceptor) {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs())
				.overrideConfiguration((o) -> o.addExecutionInterceptor(interceptor))
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsClient secondSqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

	/**
	 * How an application adds an exporter to the SDK the OpenTelemetry starter builds: an
	 * {@link AutoConfigurationCustomizerProvider} bean.
	 */
	@Configuration(proxyBeanMethods = false)
	static class StarterExportsToMemory {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		AutoConfigurationCustomizerProvider exportToMemory(InMemorySpanExporter exporter) {
			return (customizer) -> customizer.addTracerProviderCustomizer(
					(builder, config) -> builder.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
		}

	}

}
