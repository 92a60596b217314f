/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.decorate.AwsClientBeanPostProcessor;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.s3.S3AsyncClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The completion callbacks of an async call run in its caller's context, through a thin
 * proxy on the SDK's async client beans; {@code otel.aws.async.callback-context=false}
 * leaves the bean as the application built it.
 *
 * @author aws-otel-spring-boot authors
 */
class AsyncCallbackContextIntegrationTests {

	private LoopbackDynamoDb dynamoDb;

	private DynamoDbAsyncClient built;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
		.withBean("dynamoDbAsyncClient", DynamoDbAsyncClient.class, () -> this.built,
				(definition) -> definition.setDestroyMethodName("close"));

	@BeforeEach
	void start() {
		this.dynamoDb = LoopbackDynamoDb.start();
		this.built = LocalAws.configure(DynamoDbAsyncClient.builder(), this.dynamoDb.endpoint()).build();
	}

	@AfterEach
	void stop() {
		this.dynamoDb.close();
	}

	@Test
	void whenTwoCallsCompleteOnTheSdksThreadThenEachCallbackSeesItsOwnCaller() {
		this.contextRunner.run((context) -> {
			DynamoDbAsyncClient client = context.getBean(DynamoDbAsyncClient.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			// The server answers neither call before it has both: the callbacks are
			// registered before the calls complete, and run on the SDK's thread.
			CountDownLatch bothInFlight = this.dynamoDb.holdUntil(2);
			Call first = call(client, openTelemetry);
			Call second = call(client, openTelemetry);
			assertThat(bothInFlight.await(10, TimeUnit.SECONDS)).isTrue();

			assertThat(first.callbackSpan().get(10, TimeUnit.SECONDS)).isEqualTo(first.parent());
			assertThat(second.callbackSpan().get(10, TimeUnit.SECONDS)).isEqualTo(second.parent());
			assertThat(first.callbackThread().join()).startsWith("sdk-async-response");
			assertThat(first.response().join().item()).containsEntry("total", AttributeValue.fromN("42"));
			assertThat(Context.current()).isSameAs(Context.root());
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			assertThat(Spans.named(exporter, "DynamoDb.GetItem")).hasSize(2);
		});
	}

	@Test
	void whenCallbackContextIsOffThenTheBeanIsTheClientTheApplicationBuiltAndCallbacksSeeNoContext() {
		this.contextRunner.withPropertyValues("otel.aws.async.callback-context=false").run((context) -> {
			DynamoDbAsyncClient client = context.getBean(DynamoDbAsyncClient.class);
			assertThat(client).isSameAs(this.built);
			CountDownLatch bothInFlight = this.dynamoDb.holdUntil(2);
			Call first = call(client, context.getBean(OpenTelemetry.class));
			Call second = call(client, context.getBean(OpenTelemetry.class));
			assertThat(bothInFlight.await(10, TimeUnit.SECONDS)).isTrue();

			assertThat(first.callbackSpan().get(10, TimeUnit.SECONDS)).isEqualTo(Span.getInvalid());
			assertThat(second.callbackSpan().get(10, TimeUnit.SECONDS)).isEqualTo(Span.getInvalid());
			// Traced all the same.
			second.response().join();
			assertThat(Spans.named(context.getBean(InMemorySpanExporter.class), "DynamoDb.GetItem")).hasSize(2);
		});
	}

	@Test
	void whenTheBeanIsPostProcessedAgainThenItIsNotProxiedTwice() {
		this.contextRunner.run((context) -> {
			DynamoDbAsyncClient client = context.getBean(DynamoDbAsyncClient.class);
			assertThat(client).isNotSameAs(this.built);

			Object again = context.getBean(AwsClientBeanPostProcessor.class)
				.postProcessAfterInitialization(client, "dynamoDbAsyncClient");

			assertThat(again).isSameAs(client);
			assertThat(client).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(this.built);
		});
	}

	@Test
	void whenTheClientIsTheS3MultipartClientThenItIsLeftAsTheApplicationBuiltIt() {
		S3AsyncClient multipart = LocalAws.configure(S3AsyncClient.builder(), URI.create("http://127.0.0.1:9"))
			.multipartEnabled(true)
			.build();
		S3AsyncClient plain = LocalAws.configure(S3AsyncClient.builder(), URI.create("http://127.0.0.1:9")).build();
		this.contextRunner.withBean("multipart", S3AsyncClient.class, () -> multipart)
			.withBean("plain", S3AsyncClient.class, () -> plain)
			.run((context) -> {
				assertThat(context.getBean("multipart")).isSameAs(multipart);
				assertThat(context.getBean("plain")).isNotSameAs(plain).isInstanceOf(S3AsyncClient.class);
			});
	}

	private static Call call(DynamoDbAsyncClient client, OpenTelemetry openTelemetry) {
		Span parent = openTelemetry.getTracer("test").spanBuilder("caller").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			CompletableFuture<GetItemResponse> response = client
				.getItem((request) -> request.tableName("orders").key(Map.of("id", AttributeValue.fromS("o-1"))));
			CompletableFuture<Span> callbackSpan = response.thenApply((item) -> Span.current());
			CompletableFuture<String> callbackThread = response.thenApply((item) -> Thread.currentThread().getName());
			return new Call(parent, response, callbackSpan, callbackThread);
		}
		finally {
			parent.end();
		}
	}

	record Call(Span parent, CompletableFuture<GetItemResponse> response, CompletableFuture<Span> callbackSpan,
			CompletableFuture<String> callbackThread) {

	}

}
