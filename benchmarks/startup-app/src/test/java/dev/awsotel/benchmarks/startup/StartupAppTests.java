/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.startup;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run of {@code benchmarks/startup.sh app}: each mode does what its name says,
 * seen in the spans its three first calls export (the application's exporters replaced by
 * one in memory).
 *
 * @author aws-otel-spring-boot authors
 */
class StartupAppTests {

	// The send is a producer span named after its queue, the others client spans.
	private static final List<String> FIRST_CALLS = List.of("orders publish", "DynamoDb.GetItem", "S3.PutObject");

	@Test
	void withTheStarterOffTheFirstCallsMakeNoSpans() {
		assertThat(firstCallSpans("--otel.aws.enabled=false")).isEmpty();
	}

	@Test
	void withOpenTelemetrysLibraryWiredByHandEachFirstCallIsASpanOfTheLibrary() {
		try (ConfigurableApplicationContext context = run("--otel.aws.enabled=false", "--startup.library=true")) {
			assertThat(names(exporter(context).getFinishedSpanItems())).containsExactlyElementsOf(FIRST_CALLS);
			// OpenTelemetry's own interceptor, which the application added to the
			// builder. The starter's, which the SDK loads into every client, stays
			// unarmed: one span per call, not two.
			assertThat(interceptors(context.getBean(DynamoDbClient.class))).anySatisfy(
					(interceptor) -> assertThat(interceptor.getClass().getName()).startsWith("io.opentelemetry."));
			// wrap(): the library's proxy, which opens the process spans of received
			// messages.
			assertThat(context.getBean(SqsClient.class).getClass().getName()).contains("Proxy");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "--otel.aws.enabled=true", "--startup.library=false" })
	void withTheStarterEachFirstCallIsASpanOfTheStarter(String arg) {
		try (ConfigurableApplicationContext context = run(arg)) {
			assertThat(names(exporter(context).getFinishedSpanItems())).containsExactlyElementsOf(FIRST_CALLS);
			// The starter's tracing, not an interceptor the application added.
			assertThat(interceptors(context.getBean(DynamoDbClient.class))).noneSatisfy(
					(interceptor) -> assertThat(interceptor.getClass().getName()).startsWith("io.opentelemetry."));
		}
	}

	private static List<SpanData> firstCallSpans(String... args) {
		try (ConfigurableApplicationContext context = run(args)) {
			return exporter(context).getFinishedSpanItems();
		}
	}

	private static ConfigurableApplicationContext run(String... args) {
		return new SpringApplicationBuilder(StartupApp.class, InMemoryTelemetry.class).run(args);
	}

	private static InMemorySpanExporter exporter(ConfigurableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	private static List<String> names(List<SpanData> spans) {
		return spans.stream().map(SpanData::getName).toList();
	}

	private static List<ExecutionInterceptor> interceptors(DynamoDbClient client) {
		return client.serviceClientConfiguration().overrideConfiguration().executionInterceptors();
	}

	@Configuration(proxyBeanMethods = false)
	static class InMemoryTelemetry {

		@Bean
		InMemorySpanExporter inMemorySpanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		OpenTelemetry openTelemetry(InMemorySpanExporter exporter) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
				.build();
		}

	}

}
