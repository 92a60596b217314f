/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package example;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own versions, pinned before the starter's BOM, are the ones it runs
 * with, and the starter traces its calls with them.
 */
class UserApplicationTests {

	private static final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private static SQSRestServer sqs;

	private static int port;

	@BeforeAll
	static void startSqs() {
		sqs = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
		port = sqs.waitUntilStarted().localAddress().getPort();
	}

	@AfterAll
	static void stopSqs() {
		sqs.stopAndWait();
	}

	@Test
	void whenTheApplicationPinsItsOwnVersionsThenItKeepsThemAndItsCallsAreTraced() {
		assertThat(VersionInfo.SDK_VERSION).isEqualTo(System.getProperty("user.aws-sdk.version"));
		assertThat(openTelemetryApiVersion()).isEqualTo(System.getProperty("user.opentelemetry.version"));
		try (ConfigurableApplicationContext context = SpringApplication.run(
				new Class<?>[] { UserApplication.class, InMemoryTracing.class },
				new String[] { "--app.sqs.endpoint=http://127.0.0.1:" + port, "--otel.metrics.exporter=none",
						"--otel.logs.exporter=none" })) {
			SqsClient sqsClient = context.getBean(SqsClient.class);
			String queueUrl = sqsClient.createQueue((request) -> request.queueName("orders")).queueUrl();
			sqsClient.sendMessage((request) -> request.queueUrl(queueUrl).messageBody("order 1"));
			List<Message> messages = sqsClient
				.receiveMessage((request) -> request.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
				.messages();
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			for (Message message : messages) {
				openTelemetry.getTracer("app").spanBuilder("handle " + message.body()).startSpan().end();
			}
			assertThat(messages).extracting(Message::body).containsExactly("order 1");
			List<SpanData> spans = exporter.getFinishedSpanItems();
			SpanData create = single(spans, "Sqs.CreateQueue");
			assertThat(create.getKind()).isEqualTo(SpanKind.CLIENT);
			SpanData send = single(spans, "orders publish");
			assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
			SpanData process = single(spans, "orders process");
			assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
			assertThat(single(spans, "handle order 1").getParentSpanId()).isEqualTo(process.getSpanId());
		}
	}

	private static SpanData single(List<SpanData> spans, String name) {
		List<SpanData> named = spans.stream().filter((span) -> span.getName().equals(name)).toList();
		assertThat(named).as("spans named '%s' among %s", name, spans.stream().map(SpanData::getName).toList())
			.hasSize(1);
		return named.get(0);
	}

	private static String openTelemetryApiVersion() {
		Properties properties = new Properties();
		try (InputStream input = OpenTelemetry.class.getClassLoader()
			.getResourceAsStream("io/opentelemetry/api/version.properties")) {
			properties.load(input);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return properties.getProperty("sdk.version");
	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryTracing {

		@Bean
		OpenTelemetry openTelemetry() {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
				.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
				.build();
		}

	}

}
