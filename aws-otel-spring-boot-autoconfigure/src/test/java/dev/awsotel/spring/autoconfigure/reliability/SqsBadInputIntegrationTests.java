/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages whose trace context is malformed, oversized, binary or foreign, received on
 * ElasticMQ by a traced client: the application gets exactly the message that was sent,
 * and its process span starts a new trace (or continues the one a valid header names)
 * with nothing logged above debug. And messages that already have 10 attributes are sent
 * exactly as the application made them.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class SqsBadInputIntegrationTests {

	private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

	private static final String SPAN_ID = "53995c3f42cd8ad8";

	private static final String VALID_TRACEPARENT = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

	private static final String VALID_XRAY = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + SPAN_ID
			+ ";Sampled=1";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, Clients.class);

	static Stream<Arguments> receivedTraceContexts() {
		String oversized = "00-" + "f".repeat(200 * 1024);
		byte[] random = new byte[512];
		new Random(7).nextBytes(random);
		return Stream.of(
				// name, message attributes, AWSTraceHeader, the parent the process span
				// must have (null: a new trace)
				Arguments.of("garbage traceparent", Map.of("traceparent", text("00-not-a-trace-context")), null, null),
				Arguments.of("all-zero ids",
						Map.of("traceparent", text("00-00000000000000000000000000000000-0000000000000000-01")), null,
						null),
				Arguments.of("unknown version", Map.of("traceparent", text("ff-" + TRACE_ID + "-" + SPAN_ID + "-01")),
						null, null),
				Arguments.of("non-ASCII", Map.of("traceparent", text("00-\u00e9\u4e2d\uD83D\uDE00-\u00ff-01")), null,
						null),
				Arguments.of("oversized traceparent", Map.of("traceparent", text(oversized)), null, null),
				Arguments.of("oversized tracestate",
						Map.of("traceparent", text(VALID_TRACEPARENT), "tracestate", text("k=" + "v".repeat(100_000))),
						null, SPAN_ID),
				Arguments.of("binary traceparent", Map.of("traceparent", binary(VALID_TRACEPARENT.getBytes())), null,
						null),
				Arguments.of("random binary traceparent", Map.of("traceparent", binary(random)), null, null),
				Arguments.of("number traceparent",
						Map.of("traceparent",
								MessageAttributeValue.builder().dataType("Number").stringValue("12345").build()),
						null, null),
				Arguments.of("custom string type", Map.of("traceparent",
						MessageAttributeValue.builder().dataType("String.w3c").stringValue("00-zz-zz-zz").build()),
						null, null),
				Arguments.of("garbage AWSTraceHeader", Map.of(), "Root=garbage;Parent=;Sampled=maybe", null),
				Arguments.of("bad parent in AWSTraceHeader", Map.of(),
						"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=zzzzzzzzzzzzzzzz;Sampled=1", null),
				Arguments.of("oversized AWSTraceHeader", Map.of(), "Root=1-" + "a".repeat(1000), null),
				Arguments.of("malformed traceparent, valid AWSTraceHeader",
						Map.of("traceparent", text("00-not-a-trace-context")), VALID_XRAY, SPAN_ID),
				Arguments.of("valid traceparent, malformed AWSTraceHeader",
						Map.of("traceparent", text(VALID_TRACEPARENT)), "Root=garbage", SPAN_ID));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("receivedTraceContexts")
	void whenAReceivedMessageCarriesABadTraceContextThenItIsDeliveredUnchangedAndProcessedInANewTrace(String name,
			Map<String, MessageAttributeValue> attributes, String traceHeader, String expectedParent,
			CapturedOutput output) {
		this.contextRunner.run((context) -> {
			String queueUrl = queue(context, "bad-" + Math.abs(name.hashCode()));
			String body = "order for " + name;
			SendMessageRequest.Builder send = SendMessageRequest.builder()
				.queueUrl(queueUrl)
				.messageBody(body)
				.messageAttributes(attributes);
			if (traceHeader != null) {
				send.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
						MessageSystemAttributeValue.builder().dataType("String").stringValue(traceHeader).build()));
			}
			SendMessageResponse sent;
			try (SqsClient untraced = LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build()) {
				sent = untraced.sendMessage(send.build());
			}

			List<Message> messages = consumer(context)
				.receiveMessage((r) -> r.queueUrl(queueUrl)
					.waitTimeSeconds(5)
					.messageAttributeNames("All")
					.messageSystemAttributeNames(MessageSystemAttributeName.AWS_TRACE_HEADER))
				.messages();
			List<Message> handled = handleAll(context, messages);

			assertThat(handled).singleElement().satisfies((message) -> {
				assertThat(message.body()).isEqualTo(body);
				assertThat(message.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
				assertThat(message.messageAttributes()).isEqualTo(attributes);
				if (!attributes.isEmpty()) {
					assertThat(message.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
				}
				assertThat(message.attributes().get(MessageSystemAttributeName.AWS_TRACE_HEADER))
					.isEqualTo(traceHeader);
			});
			SpanData process = Spans.single(exporter(context), queueName(queueUrl) + " process");
			assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
			if (expectedParent == null) {
				assertThat(process.getParentSpanContext().isValid()).as("parent of the process span").isFalse();
			}
			else {
				assertThat(process.getTraceId()).isEqualTo(TRACE_ID);
				assertThat(process.getParentSpanId()).isEqualTo(expectedParent);
			}
			SpanData handle = Spans.single(exporter(context), "handle " + body);
			assertThat(handle.getParentSpanId()).isEqualTo(process.getSpanId());
		});
		assertThat(output).doesNotContain("WARN dev.awsotel")
			.doesNotContain("ERROR dev.awsotel")
			.doesNotContain("WARN io.opentelemetry")
			.doesNotContain("ERROR io.opentelemetry");
	}

	@Test
	void whenAMessageAlreadyHasTenAttributesOfEveryTypeThenItIsSentExactlyAsTheApplicationMadeIt() {
		this.contextRunner.run((context) -> {
			String queueUrl = queue(context, "ten-attributes");
			Map<String, MessageAttributeValue> ten = tenAttributes();
			String body = "order with ten attributes \u00e9\u4e2d";
			SendMessageResponse sent = Spans
				.inParent(openTelemetry(context),
						() -> producer(context)
							.sendMessage((m) -> m.queueUrl(queueUrl).messageBody(body).messageAttributes(ten)))
				.result();

			SendMessageRequest onTheWire = context.getBean("producerInterceptor", RecordingInterceptor.class)
				.sdkRequests()
				.stream()
				.filter(SendMessageRequest.class::isInstance)
				.map(SendMessageRequest.class::cast)
				.findFirst()
				.orElseThrow();
			assertThat(onTheWire.messageBody()).isEqualTo(body);
			assertThat(onTheWire.messageAttributes()).isEqualTo(ten);
			// Handled to the end, as an application does: a loop left early would keep
			// the last message's process span current on this thread until its next
			// receive.
			List<Message> messages = handleAll(context, receiveAll(context, queueUrl));
			assertThat(messages).singleElement().satisfies((message) -> {
				assertThat(message.body()).isEqualTo(body);
				assertThat(message.messageAttributes()).isEqualTo(ten);
				assertThat(message.md5OfMessageAttributes()).isEqualTo(sent.md5OfMessageAttributes());
				assertThat(message.md5OfBody()).isEqualTo(sent.md5OfMessageBody());
			});
		});
	}

	@Test
	void whenBatchEntriesAlreadyHaveTenAttributesThenEachIsSentExactlyAsTheApplicationMadeIt() {
		this.contextRunner.run((context) -> {
			String queueUrl = queue(context, "ten-attributes-batch");
			Map<String, MessageAttributeValue> ten = tenAttributes();
			List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
			for (String id : List.of("a", "b", "c")) {
				entries.add(SendMessageBatchRequestEntry.builder()
					.id(id)
					.messageBody("order " + id)
					.messageAttributes(ten)
					.build());
			}
			SendMessageBatchResponse sent = Spans
				.inParent(openTelemetry(context),
						() -> producer(context).sendMessageBatch((b) -> b.queueUrl(queueUrl).entries(entries)))
				.result();

			assertThat(sent.failed()).isEmpty();
			List<Message> messages = new ArrayList<>();
			while (messages.size() < 3) {
				messages.addAll(receiveAll(context, queueUrl));
			}
			assertThat(messages).hasSize(3)
				.allSatisfy((message) -> assertThat(message.messageAttributes()).isEqualTo(ten));
			assertThat(messages).extracting(Message::md5OfMessageAttributes)
				.containsOnly(sent.successful().get(0).md5OfMessageAttributes());
		});
	}

	private static Map<String, MessageAttributeValue> tenAttributes() {
		Map<String, MessageAttributeValue> ten = new LinkedHashMap<>();
		for (int i = 0; i < 4; i++) {
			ten.put("text" + i, text("v" + i + " \u00e9"));
		}
		for (int i = 0; i < 3; i++) {
			ten.put("number" + i, MessageAttributeValue.builder().dataType("Number").stringValue("4" + i).build());
		}
		for (int i = 0; i < 3; i++) {
			ten.put("binary" + i, binary(new byte[] { 0, (byte) 0xff, (byte) i, 0x7f }));
		}
		return ten;
	}

	private static List<Message> receiveAll(AssertableApplicationContext context, String queueUrl) {
		return consumer(context)
			.receiveMessage(
					(r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10).messageAttributeNames("All"))
			.messages();
	}

	/**
	 * What an application does with received messages: a span of its own per message.
	 */
	private static List<Message> handleAll(AssertableApplicationContext context, List<Message> messages) {
		List<Message> handled = new ArrayList<>();
		for (Message message : messages) {
			openTelemetry(context).getTracer("app").spanBuilder("handle " + message.body()).startSpan().end();
			handled.add(message);
		}
		return handled;
	}

	private static MessageAttributeValue text(String value) {
		return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
	}

	private static MessageAttributeValue binary(byte[] value) {
		return MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromByteArray(value)).build();
	}

	private static String queue(AssertableApplicationContext context, String name) {
		String url = producer(context).createQueue((q) -> q.queueName(name)).queueUrl();
		exporter(context).reset();
		return url;
	}

	private static String queueName(String queueUrl) {
		return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
	}

	private static SqsClient producer(AssertableApplicationContext context) {
		return context.getBean("producer", SqsClient.class);
	}

	private static SqsClient consumer(AssertableApplicationContext context) {
		return context.getBean("consumer", SqsClient.class);
	}

	private static OpenTelemetry openTelemetry(AssertableApplicationContext context) {
		return context.getBean(OpenTelemetry.class);
	}

	private static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class Clients {

		@Bean
		RecordingInterceptor producerInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean(destroyMethod = "close")
		SqsClient producer(RecordingInterceptor producerInterceptor) {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs())
				.overrideConfiguration((o) -> o.addExecutionInterceptor(producerInterceptor))
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsClient consumer() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

}
