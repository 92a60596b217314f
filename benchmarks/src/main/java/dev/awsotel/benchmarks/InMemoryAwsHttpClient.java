/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * An HTTP client that answers SQS SendMessage and SendMessageBatch, DynamoDB GetItem and
 * S3 PutObject from memory, as those services would, so that a benchmark measures the SDK
 * and its instrumentation, not a network. It answers what the SDK checks as SQS does: the
 * MD5 of each message's body, of its attributes and of its system attributes, and the
 * ETag of an S3 object.
 *
 * @author aws-otel-spring-boot authors
 */
final class InMemoryAwsHttpClient implements SdkHttpClient {

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
				if (target.equals("AmazonSQS.SendMessageBatch")) {
					return json(sendMessageBatch(body));
				}
				if (target.startsWith("AmazonSQS.")) {
					return json(sendMessage(body));
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

	private static byte[] sendMessage(byte[] request) {
		JsonNode json = JsonNode.parser().parse(new String(request, StandardCharsets.UTF_8));
		StringBuilder response = new StringBuilder("{");
		sent(json, response);
		return response.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] sendMessageBatch(byte[] request) {
		JsonNode json = JsonNode.parser().parse(new String(request, StandardCharsets.UTF_8));
		StringBuilder response = new StringBuilder("{\"Successful\":[");
		List<JsonNode> entries = json.field("Entries").map(JsonNode::asArray).orElse(List.of());
		for (int i = 0; i < entries.size(); i++) {
			JsonNode entry = entries.get(i);
			response.append((i > 0) ? ",{" : "{")
				.append("\"Id\":\"")
				.append(entry.field("Id").map(JsonNode::asString).orElse(""))
				.append("\",");
			sent(entry, response);
			response.append('}');
		}
		return response.append("],\"Failed\":[]}").toString().getBytes(StandardCharsets.UTF_8);
	}

	// What SQS answers for each message it took: an id and the MD5s of its body, its
	// message attributes and its system attributes (each only when it had some).
	private static void sent(JsonNode message, StringBuilder response) {
		String body = message.field("MessageBody").map(JsonNode::asString).orElse("");
		response.append("\"MessageId\":\"in-memory\",\"MD5OfMessageBody\":\"")
			.append(HexFormat.of().formatHex(md5(body.getBytes(StandardCharsets.UTF_8))))
			.append('"');
		md5OfAttributes(message, "MessageAttributes", "MD5OfMessageAttributes", response);
		md5OfAttributes(message, "MessageSystemAttributes", "MD5OfMessageSystemAttributes", response);
	}

	private static void md5OfAttributes(JsonNode message, String field, String md5Field, StringBuilder response) {
		message.field(field)
			.filter(JsonNode::isObject)
			.filter((attributes) -> !attributes.asObject().isEmpty())
			.ifPresent((attributes) -> response.append(",\"")
				.append(md5Field)
				.append("\":\"")
				.append(HexFormat.of().formatHex(attributesMd5(attributes.asObject())))
				.append('"'));
	}

	// The MD5 SQS computes over message (and system) attributes: sorted by name, each as
	// length-prefixed name, length-prefixed type, a transport byte and the
	// length-prefixed value. Straight into the digest: what this stand-in for SQS
	// allocates is counted with the call it answers, and is no part of the client's cost.
	private static byte[] attributesMd5(Map<String, JsonNode> attributes) {
		String[] names = attributes.keySet().toArray(new String[0]);
		Arrays.sort(names);
		MessageDigest digest = MD5.get();
		for (String name : names) {
			JsonNode attribute = attributes.get(name);
			lengthPrefixed(digest, name);
			lengthPrefixed(digest, attribute.field("DataType").map(JsonNode::asString).orElse("String"));
			digest.update((byte) 1);
			lengthPrefixed(digest, attribute.field("StringValue").map(JsonNode::asString).orElse(""));
		}
		return digest.digest();
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
