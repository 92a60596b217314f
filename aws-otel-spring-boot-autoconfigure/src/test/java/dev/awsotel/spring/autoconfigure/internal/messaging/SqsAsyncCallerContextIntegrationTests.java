/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What an application chains on the future of an async SQS client bean runs in the
 * caller's context, not in none on an SDK thread: a send made once a queue's URL is known
 * (as Spring Cloud AWS's {@code SqsTemplate} does) stays in the caller's trace. The
 * future completes exactly as the SDK's does.
 *
 * @author aws-otel-spring-boot authors
 */
class SqsAsyncCallerContextIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class);

	@Test
	void whenASendIsChainedOnAnotherCallThenItIsAChildOfTheCaller() {
		URI endpoint = LocalAws.sqs();
		this.contextRunner
			.withBean(SqsAsyncClient.class, () -> LocalAws.configure(SqsAsyncClient.builder(), endpoint).build())
			.run((context) -> {
				SqsAsyncClient sqs = context.getBean(SqsAsyncClient.class);
				InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
				sqs.createQueue((request) -> request.queueName("chained")).join();
				spans.reset();
				Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class),
						() -> sqs.getQueueUrl((request) -> request.queueName("chained"))
							.thenCompose((url) -> sqs
								.sendMessage((request) -> request.queueUrl(url.queueUrl()).messageBody("order")))
							.join());

				AwsSpans.assertChildOf(Spans.single(spans, "Sqs.GetQueueUrl"), parent);
				SpanData send = Spans.single(spans, "chained publish");
				AwsSpans.assertChildOf(send, parent);
			});
	}

	@Test
	void whenTheCallFailsThenTheFutureFailsWithTheSdksException() {
		URI endpoint = LocalAws.sqs();
		this.contextRunner
			.withBean(SqsAsyncClient.class, () -> LocalAws.configure(SqsAsyncClient.builder(), endpoint).build())
			.run((context) -> {
				SqsAsyncClient sqs = context.getBean(SqsAsyncClient.class);
				Spans.runInParent(context.getBean(OpenTelemetry.class), () -> {
					CompletableFuture<?> future = sqs.getQueueUrl((request) -> request.queueName("missing-chained"));
					assertThatThrownBy(future::join).hasCauseExactlyInstanceOf(QueueDoesNotExistException.class);
					assertThat(future).isCompletedExceptionally();
				});
			});
	}

}
