/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.batchmanager.SqsAsyncBatchManager;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SQS calls on ElasticMQ through client beans the starter traced.
 *
 * @author aws-otel-spring-boot authors
 */
class SqsTracingIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SqsClients.class);

	@Test
	void whenSyncClientSendsMessageThenProducerSpanIsChildOfCurrentSpanAndAppInterceptorStillRuns() {
		this.contextRunner.run((context) -> {
			SqsClient sqs = context.getBean(SqsClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("sync-orders")).queueUrl();
			AwsSpans.assertSuccessfulCall(Spans.single(exporter, "Sqs.CreateQueue"), "Sqs", "CreateQueue",
					SpanKind.CLIENT);
			exporter.reset();

			Spans.InParent<SendMessageResponse> sent = Spans.inParent(context.getBean(OpenTelemetry.class),
					() -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1")));

			assertThat(sent.result().messageId()).isNotBlank();
			SpanData span = Spans.single(exporter, "sync-orders publish");
			AwsSpans.assertSuccessfulCall(span, "Sqs", "SendMessage", SpanKind.PRODUCER);
			AwsSpans.assertChildOf(span, sent.span());
			RecordingInterceptor appInterceptor = context.getBean("syncInterceptor", RecordingInterceptor.class);
			assertThat(appInterceptor.requests()).last()
				.satisfies((request) -> assertThat(request.firstMatchingHeader("x-app-header")).hasValue("sync"));
		});
	}

	@Test
	void whenAsyncClientSendsMessageThenProducerSpanIsChildOfCallerSpan() {
		this.contextRunner.run((context) -> {
			SqsAsyncClient sqs = context.getBean(SqsAsyncClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("async-orders")).join().queueUrl();
			exporter.reset();

			Spans.InParent<CompletableFuture<SendMessageResponse>> sent = Spans.inParent(
					context.getBean(OpenTelemetry.class),
					() -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 2")));

			assertThat(sent.result().get(10, TimeUnit.SECONDS).messageId()).isNotBlank();
			SpanData span = Spans.single(exporter, "async-orders publish");
			AwsSpans.assertSuccessfulCall(span, "Sqs", "SendMessage", SpanKind.PRODUCER);
			AwsSpans.assertChildOf(span, sent.span());
			RecordingInterceptor appInterceptor = context.getBean("asyncInterceptor", RecordingInterceptor.class);
			assertThat(appInterceptor.requests()).last()
				.satisfies((request) -> assertThat(request.firstMatchingHeader("x-app-header")).hasValue("async"));
		});
	}

	@Test
	void whenExperimentalAttributesAreOnThenQueueNameIsRecordedAndOffThenNot() {
		AttributeKey<String> queueName = AttributeKey.stringKey("aws.queue.name");
		this.contextRunner.withPropertyValues("otel.aws.experimental-span-attributes=true").run((context) -> {
			context.getBean(SqsClient.class).createQueue((q) -> q.queueName("experimental"));
			assertThat(Spans.single(context.getBean(InMemorySpanExporter.class), "Sqs.CreateQueue")
				.getAttributes()
				.get(queueName)).isEqualTo("experimental");
		});
		this.contextRunner.run((context) -> {
			context.getBean(SqsAsyncClient.class).createQueue((q) -> q.queueName("not-experimental")).join();
			assertThat(Spans.single(context.getBean(InMemorySpanExporter.class), "Sqs.CreateQueue")
				.getAttributes()
				.get(queueName)).isNull();
		});
	}

	@Test
	void whenQueueDoesNotExistThenCallerGetsTheSdkExceptionAndSpanIsAnError() {
		this.contextRunner.run((context) -> {
			SqsClient sqs = context.getBean(SqsClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);

			assertThatExceptionOfType(QueueDoesNotExistException.class)
				.isThrownBy(() -> sqs.getQueueUrl((q) -> q.queueName("no-such-queue")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));
			assertThatExceptionOfType(CompletionException.class).isThrownBy(
					() -> context.getBean(SqsAsyncClient.class).getQueueUrl((q) -> q.queueName("no-such-queue")).join())
				.withCauseInstanceOf(QueueDoesNotExistException.class);

			assertThat(Spans.named(exporter, "Sqs.GetQueueUrl")).hasSize(2)
				.allSatisfy((span) -> AwsSpans.assertFailedCall(span, 400, QueueDoesNotExistException.class.getName()));
		});
	}

	@Test
	void whenBatchManagerOfTracedClientSendsThenBatchCallIsTraced() {
		this.contextRunner.run((context) -> {
			SqsAsyncClient sqs = context.getBean(SqsAsyncClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("batched")).join().queueUrl();
			try (SqsAsyncBatchManager batchManager = sqs.batchManager()) {
				CompletableFuture<?> first = batchManager.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("a"));
				CompletableFuture<?> second = batchManager.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("b"));
				CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
			}
			assertThat(exporter.getFinishedSpanItems())
				.filteredOn((span) -> "SendMessageBatch".equals(span.getAttributes().get(AwsSpans.RPC_METHOD)))
				.isNotEmpty()
				.allSatisfy(
						(span) -> AwsSpans.assertSuccessfulCall(span, "Sqs", "SendMessageBatch", SpanKind.PRODUCER));
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
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs())
				.overrideConfiguration((o) -> o.addExecutionInterceptor(syncInterceptor)
					.putHeader("x-app-header", "sync")
					.apiCallTimeout(Duration.ofSeconds(30)))
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsAsyncClient sqsAsyncClient(RecordingInterceptor asyncInterceptor) {
			return LocalAws.configure(SqsAsyncClient.builder(), LocalAws.sqs())
				.overrideConfiguration(
						(o) -> o.addExecutionInterceptor(asyncInterceptor).putHeader("x-app-header", "async"))
				.build();
		}

	}

}
