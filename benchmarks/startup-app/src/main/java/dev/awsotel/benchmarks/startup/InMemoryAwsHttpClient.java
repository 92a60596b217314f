/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.startup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * An HTTP client that answers SQS SendMessage, DynamoDB GetItem and S3 PutObject from
 * memory, as those services would, so that the startup measurement includes no network
 * and no server process. It checks what the SDK checks: the MD5 of an SQS message and of
 * its attributes, and the ETag of an S3 object.
 *
 * @author aws-otel-spring-boot authors
 */
final class InMemoryAwsHttpClient implements SdkHttpClient {

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
		String body = json.field("MessageBody").map(JsonNode::asString).orElse("");
		StringBuilder response = new StringBuilder("{\"MessageId\":\"in-memory\",\"MD5OfMessageBody\":\"")
			.append(HexFormat.of().formatHex(md5(body.getBytes(StandardCharsets.UTF_8))))
			.append('"');
		json.field("MessageAttributes")
			.filter(JsonNode::isObject)
			.ifPresent((attributes) -> response.append(",\"MD5OfMessageAttributes\":\"")
				.append(HexFormat.of().formatHex(attributesMd5(attributes.asObject())))
				.append('"'));
		return response.append('}').toString().getBytes(StandardCharsets.UTF_8);
	}

	// The MD5 SQS computes over message attributes: sorted by name, each as
	// length-prefixed name, length-prefixed type, a transport byte and the
	// length-prefixed value.
	private static byte[] attributesMd5(Map<String, JsonNode> attributes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (Map.Entry<String, JsonNode> attribute : new TreeMap<>(attributes).entrySet()) {
			String dataType = attribute.getValue().field("DataType").map(JsonNode::asString).orElse("String");
			String value = attribute.getValue().field("StringValue").map(JsonNode::asString).orElse("");
			lengthPrefixed(bytes, attribute.getKey().getBytes(StandardCharsets.UTF_8));
			lengthPrefixed(bytes, dataType.getBytes(StandardCharsets.UTF_8));
			bytes.write(1);
			lengthPrefixed(bytes, value.getBytes(StandardCharsets.UTF_8));
		}
		return md5(bytes.toByteArray());
	}

	private static void lengthPrefixed(ByteArrayOutputStream bytes, byte[] value) {
		bytes.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
		bytes.writeBytes(value);
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
		try {
			return MessageDigest.getInstance("MD5").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
	}

}
