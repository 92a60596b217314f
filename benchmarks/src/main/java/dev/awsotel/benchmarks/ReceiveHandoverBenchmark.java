/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.lang.reflect.Field;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.awscore.DefaultAwsResponseMetadata;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The hand-over of received SQS messages, side by side: the starter's way (the list that
 * opens each message's process span written into the SDK's response, the field found
 * once) and a response rebuilt with {@code toBuilder().messages(list).build()}, the only
 * way public API offers. The rebuilt response is equal to the SDK's, but its builder
 * copies the list into a plain one: the process spans would be lost, so this measures
 * what that way would cost, not a way the starter could take.
 *
 * @author aws-otel-spring-boot authors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReceiveHandoverBenchmark {

	/**
	 * Messages per receive (SQS returns at most 10).
	 */
	@Param({ "1", "10" })
	public int messages;

	private Field messagesField;

	private ReceiveMessageResponse response;

	/**
	 * Builds a response as the SDK returns one, with its HTTP response and metadata.
	 * @throws ReflectiveOperationException if the field is not there
	 */
	@Setup
	public void setUp() throws ReflectiveOperationException {
		List<Message> received = new ArrayList<>();
		for (int i = 0; i < this.messages; i++) {
			received.add(Message.builder()
				.messageId("id-" + i)
				.receiptHandle("handle-" + i)
				.body("order " + i)
				.md5OfBody("0123456789abcdef0123456789abcdef")
				.attributesWithStrings(Map.of("AWSTraceHeader",
						"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"))
				.messageAttributes(Map.of("traceparent",
						MessageAttributeValue.builder()
							.dataType("String")
							.stringValue("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")
							.build()))
				.build());
		}
		this.response = (ReceiveMessageResponse) ReceiveMessageResponse.builder()
			.messages(received)
			.responseMetadata(DefaultAwsResponseMetadata.create(Map.of("AWS_REQUEST_ID", "request-1")))
			.sdkHttpResponse(SdkHttpResponse.builder().statusCode(200).statusText("OK").build())
			.build();
		this.messagesField = ReceiveMessageResponse.class.getDeclaredField("messages");
		this.messagesField.setAccessible(true);
	}

	/**
	 * The starter's hand-over: the traced list written into the SDK's response.
	 * @return the response the caller gets
	 * @throws IllegalAccessException never
	 */
	@Benchmark
	public ReceiveMessageResponse fieldWrite() throws IllegalAccessException {
		List<Message> traced = new TracedList(this.response.messages());
		this.messagesField.set(this.response, traced);
		return this.response;
	}

	/**
	 * A response rebuilt through public API, with the traced list given to its builder.
	 * @return the response the caller gets
	 */
	@Benchmark
	public ReceiveMessageResponse toBuilder() {
		List<Message> traced = new TracedList(this.response.messages());
		return this.response.toBuilder().messages(traced).build();
	}

	/**
	 * Stands for the starter's list of received messages: a view of the SDK's list.
	 */
	static final class TracedList extends AbstractList<Message> {

		private final List<Message> messages;

		TracedList(List<Message> messages) {
			// The SDK's own list, not one of ours, so that writes do not nest views.
			this.messages = (messages instanceof TracedList traced) ? traced.messages : messages;
		}

		@Override
		public Message get(int index) {
			return this.messages.get(index);
		}

		@Override
		public int size() {
			return this.messages.size();
		}

	}

}
