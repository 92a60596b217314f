/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsAsyncClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace context from SNS to a subscribed SQS queue on fauxqs, in both delivery modes: raw
 * (attributes arrive as SQS message attributes) and envelope (inside the JSON body).
 *
 * @author aws-otel-spring-boot authors
 */
class SnsPropagationIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SnsAndSqsClients.class);

	@Test
	void whenPublishedWithRawDeliveryThenTheQueuesProcessSpanContinuesThePublishTrace() {
		this.contextRunner.run((context) -> {
			Subscription subscription = subscribe(context, "orders-raw", true);
			Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> context.getBean(SnsClient.class)
						.publish((p) -> p.topicArn(subscription.topicArn()).message("order 1")));
			SpanData publish = singleByMethod(context, "Publish");

			List<String> handled = receiveAndHandle(context, subscription.queueUrl(), 1);

			assertThat(handled).containsExactly("order 1");
			SpanData process = Spans.single(exporter(context), "orders-raw-queue process");
			assertThat(process.getTraceId()).isEqualTo(publish.getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
		});
	}

	@Test
	void whenPublishedWithEnvelopeDeliveryThenContextIsReadFromTheEnvelope() {
		this.contextRunner.run((context) -> {
			Subscription subscription = subscribe(context, "orders-envelope", false);
			Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> context.getBean(SnsAsyncClient.class)
						.publish((p) -> p.topicArn(subscription.topicArn()).message("order 2"))
						.join());
			SpanData publish = singleByMethod(context, "Publish");

			List<String> bodies = receiveAndHandle(context, subscription.queueUrl(), 1);

			assertThat(bodies).singleElement().asString().contains("\"Message\":\"order 2\"");
			SpanData process = Spans.single(exporter(context), "orders-envelope-queue process");
			assertThat(process.getTraceId()).isEqualTo(publish.getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
		});
	}

	@Test
	void whenBatchIsPublishedThenEachMessageContinuesFromItsOwnProducerContext() {
		for (boolean raw : new boolean[] { true, false }) {
			this.contextRunner.run((context) -> {
				Subscription subscription = subscribe(context, "batch-" + raw, raw);
				Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
						() -> context.getBean(SnsClient.class)
							.publishBatch((b) -> b.topicArn(subscription.topicArn())
								.publishBatchRequestEntries((e) -> e.id("a").message("order a"),
										(e) -> e.id("b").message("order b"))));
				SpanData batch = singleByMethod(context, "PublishBatch");
				List<SpanData> creates = Spans.named(exporter(context), "batch-" + raw + " create");
				assertThat(creates).hasSize(2)
					.allSatisfy((create) -> assertThat(create.getParentSpanId()).isEqualTo(batch.getSpanId()));

				receiveAndHandle(context, subscription.queueUrl(), 2);

				List<SpanData> processes = Spans.named(exporter(context), "batch-" + raw + "-queue process");
				assertThat(processes).as("raw delivery %s", raw)
					.hasSize(2)
					.extracting(SpanData::getParentSpanId)
					.containsExactlyInAnyOrderElementsOf(creates.stream().map(SpanData::getSpanId).toList());
			});
		}
	}

	@Test
	void whenPublishedMessageAlreadyHasTenAttributesThenItIsPublishedUnchanged() {
		this.contextRunner.run((context) -> {
			Subscription subscription = subscribe(context, "full-topic", true);
			Map<String, MessageAttributeValue> ten = new LinkedHashMap<>();
			for (int i = 0; i < 10; i++) {
				ten.put("attribute" + i,
						MessageAttributeValue.builder().dataType("String").stringValue("v" + i).build());
			}
			context.getBean(SnsClient.class)
				.publish((p) -> p.topicArn(subscription.topicArn()).message("full").messageAttributes(ten));

			List<Message> messages = context.getBean(SqsClient.class)
				.receiveMessage(
						(r) -> r.queueUrl(subscription.queueUrl()).waitTimeSeconds(5).messageAttributeNames("All"))
				.messages();

			assertThat(messages).hasSize(1);
			// Index access, so that the traced iteration is not taken by the assertion.
			assertThat(messages.get(0)).satisfies((message) -> {
				assertThat(message.body()).isEqualTo("full");
				Map<String, String> received = new HashMap<>();
				message.messageAttributes().forEach((name, value) -> received.put(name, value.stringValue()));
				Map<String, String> sent = new HashMap<>();
				ten.forEach((name, value) -> sent.put(name, value.stringValue()));
				assertThat(received).isEqualTo(sent);
			});
			assertThat(context.getBean(MessagePropagation.class).skippedMessages()).isEqualTo(1);
		});
	}

	@Test
	void whenSnsPropagationIsOffThenNoAttributeIsPublished() {
		this.contextRunner.withPropertyValues("otel.aws.sns.propagation=false").run((context) -> {
			Subscription subscription = subscribe(context, "quiet-topic", true);
			Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> context.getBean(SnsClient.class)
						.publish((p) -> p.topicArn(subscription.topicArn()).message("quiet")));

			List<Message> messages = context.getBean(SqsClient.class)
				.receiveMessage(
						(r) -> r.queueUrl(subscription.queueUrl()).waitTimeSeconds(5).messageAttributeNames("All"))
				.messages();

			assertThat(messages).hasSize(1);
			// Index access, so that the traced iteration is not taken by the assertion.
			assertThat(messages.get(0)).satisfies((message) -> assertThat(message.messageAttributes()).isEmpty());
		});
	}

	private static List<String> receiveAndHandle(AssertableApplicationContext context, String queueUrl, int count) {
		List<String> handled = new ArrayList<>();
		for (int attempt = 0; attempt < 10 && handled.size() < count; attempt++) {
			handled.addAll(SqsPropagationIntegrationTests.handleAll(context,
					SqsPropagationIntegrationTests.receive(context.getBean(SqsClient.class), queueUrl)));
		}
		return handled;
	}

	private static SpanData singleByMethod(AssertableApplicationContext context, String method) {
		List<SpanData> spans = exporter(context).getFinishedSpanItems()
			.stream()
			.filter((span) -> method.equals(span.getAttributes().get(AwsSpans.RPC_METHOD)))
			.toList();
		assertThat(spans).as("spans of %s among %s", method, Spans.names(exporter(context))).hasSize(1);
		return spans.get(0);
	}

	private static Subscription subscribe(AssertableApplicationContext context, String topic, boolean raw) {
		SnsClient sns = context.getBean(SnsClient.class);
		SqsClient sqs = context.getBean(SqsClient.class);
		String topicArn = sns.createTopic((t) -> t.name(topic)).topicArn();
		String queueUrl = sqs.createQueue((q) -> q.queueName(topic + "-queue")).queueUrl();
		String queueArn = sqs
			.getQueueAttributes((a) -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
		sns.subscribe((s) -> s.topicArn(topicArn)
			.protocol("sqs")
			.endpoint(queueArn)
			.attributes(Map.of("RawMessageDelivery", String.valueOf(raw))));
		exporter(context).reset();
		return new Subscription(topicArn, queueUrl);
	}

	private static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	record Subscription(String topicArn, String queueUrl) {

	}

	@Configuration(proxyBeanMethods = false)
	static class SnsAndSqsClients {

		@Bean(destroyMethod = "close")
		SnsClient snsClient() {
			return LocalAws.configure(SnsClient.builder(), LocalAws.snsAndSqs()).build();
		}

		@Bean(destroyMethod = "close")
		SnsAsyncClient snsAsyncClient() {
			return LocalAws.configure(SnsAsyncClient.builder(), LocalAws.snsAndSqs()).build();
		}

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.snsAndSqs()).build();
		}

	}

}
