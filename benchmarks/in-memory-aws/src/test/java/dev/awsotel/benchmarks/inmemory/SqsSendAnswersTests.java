/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.inmemory;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqsSendAnswers}, through the SDK: its checksum interceptor computes
 * the MD5s of what it sent and fails the call unless the answer's agree, so a call that
 * returns is an answer SQS could have given.
 *
 * @author aws-otel-spring-boot authors
 */
class SqsSendAnswersTests {

	private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/000000000000/orders";

	private final SqsClient sqs = SqsClient.builder()
		.httpClient(new InMemoryAwsHttpClient())
		.endpointOverride(URI.create("https://sqs.us-east-1.amazonaws.com"))
		.region(Region.US_EAST_1)
		.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
		.build();

	@AfterEach
	void close() {
		this.sqs.close();
	}

	@Test
	void sendWithEscapedTextAndUnsortedAttributesIsAnsweredWithTheirMd5s() {
		Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
		attributes.put("zeta", string("last \"quoted\" \u00e9"));
		attributes.put("Alpha", string("tab\tnew\nline \ud83d\ude00"));
		attributes.put("amount", MessageAttributeValue.builder().dataType("Number").stringValue("42").build());

		SendMessageResponse sent = this.sqs.sendMessage((send) -> send.queueUrl(QUEUE)
			.messageBody("{\"orderId\":\"\u00f8rder-1\",\"note\":\"back\\\\slash\"}")
			.messageAttributes(attributes)
			.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
					MessageSystemAttributeValue.builder()
						.dataType("String")
						.stringValue("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
						.build())));

		assertThat(sent.md5OfMessageBody()).hasSize(32);
		assertThat(sent.md5OfMessageAttributes()).hasSize(32);
		assertThat(sent.md5OfMessageSystemAttributes()).hasSize(32);
	}

	@Test
	void sendWithoutAttributesIsAnsweredWithTheBodysMd5Only() {
		SendMessageResponse sent = this.sqs.sendMessage((send) -> send.queueUrl(QUEUE).messageBody("order 1"));

		// MD5 of "order 1", as any MD5 tool gives it.
		assertThat(sent.md5OfMessageBody()).isEqualTo("99a233e67156812c9681c22c78e91aaa");
		assertThat(sent.md5OfMessageAttributes()).isNull();
		assertThat(sent.md5OfMessageSystemAttributes()).isNull();
	}

	@Test
	void batchIsAnsweredEntryByEntryWithTheirIds() {
		SendMessageBatchResponse sent = this.sqs.sendMessageBatch((send) -> send.queueUrl(QUEUE)
			.entries(SendMessageBatchRequestEntry.builder().id("plain").messageBody("order 1").build(),
					SendMessageBatchRequestEntry.builder()
						.id("with-attributes")
						.messageBody("order \"2\"")
						.messageAttributes(Map.of("b", string("2"), "a", string("1")))
						.build(),
					SendMessageBatchRequestEntry.builder().id("m-3").messageBody("order 1").build()));

		assertThat(sent.failed()).isEmpty();
		assertThat(sent.successful()).extracting((entry) -> entry.id())
			.containsExactly("plain", "with-attributes", "m-3");
		assertThat(sent.successful().get(0).md5OfMessageAttributes()).isNull();
		assertThat(sent.successful().get(1).md5OfMessageAttributes()).hasSize(32);
		assertThat(sent.successful().get(2).md5OfMessageBody()).isEqualTo("99a233e67156812c9681c22c78e91aaa");
	}

	private static MessageAttributeValue string(String value) {
		return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
	}

}
