/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.genai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * Writes the body of a Bedrock Runtime streaming response as the service sends it: AWS
 * event stream messages ({@code application/vnd.amazon.eventstream}), encoded with the
 * SDK's own event stream codec.
 *
 * @author aws-otel-spring-boot authors
 */
final class BedrockStreams {

	static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

	private final ByteArrayOutputStream body = new ByteArrayOutputStream();

	/**
	 * Adds an event.
	 * @param type the event type, for example {@code messageStart} or {@code chunk}
	 * @param json the event's JSON payload
	 * @return this
	 */
	BedrockStreams event(String type, String json) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("event"));
		headers.put(":event-type", HeaderValue.fromString(type));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		return write(headers, json);
	}

	/**
	 * Adds an InvokeModelWithResponseStream chunk: the model's own JSON, base64 in the
	 * event's {@code bytes} member.
	 * @param modelJson the model's chunk
	 * @return this
	 */
	BedrockStreams chunk(String modelJson) {
		String bytes = Base64.getEncoder().encodeToString(modelJson.getBytes(StandardCharsets.UTF_8));
		return event("chunk", "{\"bytes\":\"" + bytes + "\"}");
	}

	/**
	 * Adds a modelled exception, as the service sends when a stream fails part-way.
	 * @param type the exception type, for example {@code modelStreamErrorException}
	 * @param json its JSON payload
	 * @return this
	 */
	BedrockStreams exception(String type, String json) {
		Map<String, HeaderValue> headers = new LinkedHashMap<>();
		headers.put(":message-type", HeaderValue.fromString("exception"));
		headers.put(":exception-type", HeaderValue.fromString(type));
		headers.put(":content-type", HeaderValue.fromString("application/json"));
		return write(headers, json);
	}

	private BedrockStreams write(Map<String, HeaderValue> headers, String json) {
		new Message(headers, json.getBytes(StandardCharsets.UTF_8)).encode(this.body);
		return this;
	}

	byte[] bytes() {
		return this.body.toByteArray();
	}

}
