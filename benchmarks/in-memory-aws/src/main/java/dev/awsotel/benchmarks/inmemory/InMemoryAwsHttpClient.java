/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.inmemory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * An HTTP client that answers SQS SendMessage, SendMessageBatch and ReceiveMessage,
 * DynamoDB GetItem and S3 PutObject from memory, as those services would, so that a
 * benchmark measures the SDK and its instrumentation, not a network. It answers what the
 * SDK checks as SQS does: the MD5 of each message's body, of its attributes and of its
 * system attributes, and the ETag of an S3 object. A ReceiveMessage is answered with up
 * to {@value #RECEIVED} messages that a traced producer sent: each carries the X-Ray
 * trace header (system attribute {@code AWSTraceHeader}) and a {@code traceparent}
 * message attribute of a trace of its own, returned, as SQS does, only when the request
 * asks for them, with the MD5s SQS computes.
 * <p>
 * One copy for the JMH benchmarks and the startup application (its module,
 * {@code benchmarks-in-memory-aws}, has this class only).
 *
 * @author aws-otel-spring-boot authors
 */
public final class InMemoryAwsHttpClient implements SdkHttpClient {

	/**
	 * The most messages a receive returns, as SQS.
	 */
	public static final int RECEIVED = 10;

	/**
	 * Answers to ReceiveMessage, by number of messages and the trace headers asked for:
	 * the same request always gets the same answer, built once.
	 */
	private static final Map<String, byte[]> receiveAnswers = new ConcurrentHashMap<>();

	// One digest per thread, reset by each digest(): the stand-in's own work stays out of
	// the figures as far as it can.
	private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	});

	private static final byte[] GET_ITEM = "{\"Item\":{\"id\":{\"S\":\"order-1\"},\"status\":{\"S\":\"NEW\"}}}"
		.getBytes(StandardCharsets.UTF_8);

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() {
				byte[] body = request.contentStreamProvider()
					.map((provider) -> read(provider.newStream()))
					.orElse(new byte[0]);
				String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
				if (target.equals("AmazonSQS.ReceiveMessage")) {
					return json(receiveMessage(body));
				}
				if (target.equals("AmazonSQS.SendMessageBatch")) {
					return json(SqsSendAnswers.sendMessageBatch(body));
				}
				if (target.startsWith("AmazonSQS.")) {
					return json(SqsSendAnswers.sendMessage(body));
				}
				if (target.startsWith("DynamoDB_")) {
					return json(GET_ITEM);
				}
				return response(SdkHttpResponse.builder()
					.statusCode(200)
					.putHeader("ETag", "\"" + HexFormat.of().formatHex(md5(body)) + "\"")
					.putHeader("x-amz-request-id", "in-memory")
					.build(), new byte[0]);
			}

			@Override
			public void abort() {
			}

		};
	}

	private static byte[] receiveMessage(byte[] request) {
		JsonNode json = JsonNode.parser().parse(new String(request, StandardCharsets.UTF_8));
		int count = json.field("MaxNumberOfMessages").map((max) -> Integer.parseInt(max.asNumber())).orElse(1);
		boolean traceHeader = asksFor(json, "MessageSystemAttributeNames", "AWSTraceHeader")
				|| asksFor(json, "AttributeNames", "AWSTraceHeader");
		boolean traceparent = asksFor(json, "MessageAttributeNames", "traceparent");
		return receiveAnswers.computeIfAbsent(Math.min(count, RECEIVED) + "/" + traceHeader + "/" + traceparent,
				(key) -> receiveAnswer(Math.min(count, RECEIVED), traceHeader, traceparent));
	}

	// Whether a list of attribute names in a receive request names an attribute, as SQS
	// reads it: by name, "All", ".*" or a prefix ending in ".*".
	private static boolean asksFor(JsonNode request, String list, String name) {
		List<JsonNode> names = request.field(list).filter(JsonNode::isArray).map(JsonNode::asArray).orElse(List.of());
		for (JsonNode node : names) {
			String asked = node.asString();
			if (asked.equals(name) || asked.equals("All") || asked.equals(".*")
					|| (asked.endsWith(".*") && name.startsWith(asked.substring(0, asked.length() - 2)))) {
				return true;
			}
		}
		return false;
	}

	private static byte[] receiveAnswer(int count, boolean traceHeader, boolean traceparent) {
		StringBuilder answer = new StringBuilder("{\"Messages\":[");
		for (int i = 0; i < count; i++) {
			// Each message from a send of its own: a trace of its own.
			String traceId = "5759e988bd862e3fe1be46a9942727" + String.format("%02x", i);
			String body = "{\"orderId\":\"order-" + i + "\",\"amount\":42}";
			answer.append((i > 0) ? "," : "")
				.append("{\"MessageId\":\"00000000-0000-0000-0000-0000000000")
				.append(String.format("%02d", i))
				.append("\",\"ReceiptHandle\":\"in-memory-handle-")
				.append(i)
				.append("\",\"MD5OfBody\":\"")
				.append(HexFormat.of().formatHex(md5(body.getBytes(StandardCharsets.UTF_8))))
				.append("\",\"Body\":\"")
				.append(body.replace("\"", "\\\""))
				.append('"');
			if (traceHeader) {
				answer.append(",\"Attributes\":{\"AWSTraceHeader\":\"Root=1-")
					.append(traceId, 0, 8)
					.append('-')
					.append(traceId, 8, 32)
					.append(";Parent=53995c3f42cd8ad8;Sampled=1\"}");
			}
			if (traceparent) {
				String value = "00-" + traceId + "-53995c3f42cd8ad8-01";
				MessageDigest digest = MD5.get();
				lengthPrefixed(digest, "traceparent");
				lengthPrefixed(digest, "String");
				digest.update((byte) 1);
				lengthPrefixed(digest, value);
				answer.append(",\"MD5OfMessageAttributes\":\"")
					.append(HexFormat.of().formatHex(digest.digest()))
					.append("\",\"MessageAttributes\":{\"traceparent\":{\"StringValue\":\"")
					.append(value)
					.append("\",\"DataType\":\"String\"}}");
			}
			answer.append('}');
		}
		return answer.append("]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void lengthPrefixed(MessageDigest digest, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		digest.update((byte) (bytes.length >>> 24));
		digest.update((byte) (bytes.length >>> 16));
		digest.update((byte) (bytes.length >>> 8));
		digest.update((byte) bytes.length);
		digest.update(bytes);
	}

	private static HttpExecuteResponse json(byte[] body) {
		return response(SdkHttpResponse.builder()
			.statusCode(200)
			.putHeader("Content-Type", "application/x-amz-json-1.0")
			.putHeader("x-amzn-RequestId", "in-memory")
			.build(), body);
	}

	private static HttpExecuteResponse response(SdkHttpResponse response, byte[] body) {
		return HttpExecuteResponse.builder()
			.response(response)
			.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
			.build();
	}

	private static byte[] read(InputStream stream) {
		try (stream) {
			return stream.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] md5(byte[] bytes) {
		return MD5.get().digest(bytes);
	}

	@Override
	public void close() {
	}

}
