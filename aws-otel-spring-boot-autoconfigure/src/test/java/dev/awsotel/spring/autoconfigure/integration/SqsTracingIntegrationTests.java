/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQS calls on ElasticMQ, through client beans the starter traced.
 *
 * @author aws-otel-spring-boot authors
 */
class SqsTracingIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SqsClients.class);

	@Test
	void whenSyncClientSendsMessageThenSpanIsChildOfCurrentSpanWithAwsAttributes() {
		this.contextRunner.run((context) -> {
			SqsClient sqs = context.getBean(SqsClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("sync-orders")).queueUrl();
			exporter.reset();

			Spans.InParent<SendMessageResponse> sent = Spans.inParent(context.getBean(OpenTelemetry.class),
					() -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1")));

			assertThat(sent.result().messageId()).isNotBlank();
			SpanData span = Spans.single(exporter,
					queueUrl.endsWith("sync-orders") && !queueUrl.endsWith("async-orders") ? "sync-orders publish"
							: "async-orders publish");
			assertThat(span).hasParentSpanId(sent.span().getSpanContext().getSpanId())
				.hasTraceId(sent.span().getSpanContext().getTraceId())
				.hasKind(SpanKind.PRODUCER);
			assertThat(span.getAttributes().asMap().keySet().toString()).contains("rpc.system");
			System.out.println(span);
			RecordingInterceptor userInterceptor = context.getBean("syncInterceptor", RecordingInterceptor.class);
			assertThat(userInterceptor.requests()).last()
				.satisfies((request) -> assertThat(request.firstMatchingHeader("x-app-header")).hasValue("sync"));
		});
	}

	@Test
	void whenAsyncClientSendsMessageThenSpanIsChildOfCallerSpan() {
		this.contextRunner.run((context) -> {
			SqsAsyncClient sqs = context.getBean(SqsAsyncClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("async-orders")).join().queueUrl();
			exporter.reset();

			Spans.InParent<CompletableFuture<SendMessageResponse>> sent = Spans.inParent(
					context.getBean(OpenTelemetry.class),
					() -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 2")));

			assertThat(sent.result().get(10, java.util.concurrent.TimeUnit.SECONDS).messageId()).isNotBlank();
			SpanData span = Spans.single(exporter,
					queueUrl.endsWith("sync-orders") && !queueUrl.endsWith("async-orders") ? "sync-orders publish"
							: "async-orders publish");
			assertThat(span).hasParentSpanId(sent.span().getSpanContext().getSpanId());
			System.out.println(span);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SqsClients {

		@Bean
		RecordingInterceptor syncInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean
		RecordingInterceptor asyncInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean(destroyMethod = "close")
		SqsClient sqsClient(RecordingInterceptor syncInterceptor) {
			return SqsClient.builder()
				.endpointOverride(LocalAws.sqs())
				.region(LocalAws.REGION)
				.credentialsProvider(LocalAws.CREDENTIALS)
				.overrideConfiguration((o) -> o.addExecutionInterceptor(syncInterceptor)
					.putHeader("x-app-header", "sync")
					.apiCallTimeout(Duration.ofSeconds(30)))
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsAsyncClient sqsAsyncClient(RecordingInterceptor asyncInterceptor) {
			return SqsAsyncClient.builder()
				.endpointOverride(LocalAws.sqs())
				.region(LocalAws.REGION)
				.credentialsProvider(LocalAws.CREDENTIALS)
				.overrideConfiguration(
						(o) -> o.addExecutionInterceptor(asyncInterceptor).putHeader("x-app-header", "async"))
				.build();
		}

	}

}
