/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads one trace from the sample's {@code /traces} and checks its spans and parents.
 *
 * @author aws-otel-spring-boot authors
 */
final class TraceAssert {

	private final List<Map<String, Object>> spans;

	private TraceAssert(List<Map<String, Object>> spans) {
		this.spans = spans;
	}

	@SuppressWarnings("unchecked")
	static TraceAssert of(String tracesJson, String traceId) {
		List<Map<String, Object>> traces = JsonMapper.builder().build().readValue(tracesJson, List.class);
		Map<String, Object> trace = traces.stream()
			.filter((candidate) -> traceId.equals(candidate.get("traceId")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No trace " + traceId + " in " + tracesJson));
		return new TraceAssert((List<Map<String, Object>>) trace.get("spans"));
	}

	/**
	 * Asserts that the trace holds exactly one span with a name, kind and parent.
	 * @param name the span name
	 * @param kind the span kind
	 * @param parentSpanId the parent's span id, or {@code null} for the root
	 * @return the span's id
	 */
	String span(String name, String kind, String parentSpanId) {
		List<Map<String, Object>> named = this.spans.stream().filter((span) -> name.equals(span.get("name"))).toList();
		assertThat(named).as("spans named %s among %s", name, this.spans.stream().map((s) -> s.get("name")).toList())
			.hasSize(1);
		Map<String, Object> span = named.get(0);
		assertThat(span.get("kind")).as("kind of %s", name).isEqualTo(kind);
		assertThat(span.get("parentSpanId")).as("parent of %s", name).isEqualTo(parentSpanId);
		return (String) span.get("spanId");
	}

}
