/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compatibility.springai;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * The body of a Bedrock Runtime streaming response: AWS event stream messages, encoded
 * with the SDK's own codec.
 *
 * @author aws-otel-spring-boot authors
 */
final class EventStream {

	private EventStream() {
	}

	static byte[] of(List<Map.Entry<String, String>> events) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> event : events) {
			Map<String, HeaderValue> headers = new LinkedHashMap<>();
			headers.put(":message-type", HeaderValue.fromString("event"));
			headers.put(":event-type", HeaderValue.fromString(event.getKey()));
			headers.put(":content-type", HeaderValue.fromString("application/json"));
			new Message(headers, event.getValue().getBytes(StandardCharsets.UTF_8)).encode(body);
		}
		return body.toByteArray();
	}

}
