/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.semconv;

import java.util.Map;

import dev.awsotel.spring.autoconfigure.internal.semconv.SemanticConventions.Mode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names and keys the starter's own spans and metrics take in each mode.
 *
 * @author aws-otel-spring-boot authors
 */
class SemanticConventionsTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final Tracer tracer = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build()
		.get("test");

	@Test
	void oldMessagingSpansAreNamedDestinationFirstWithMessagingOperationOnly() {
		SpanData span = processSpan(Mode.OLD);
		assertThat(span.getName()).isEqualTo("orders process");
		assertThat(keys(span.getAttributes())).containsExactly(Map.entry("messaging.operation", "process"));
	}

	@Test
	void newMessagingSpansAreNamedOperationFirstWithOperationTypeAndName() {
		SpanData span = processSpan(Mode.STABLE);
		assertThat(span.getName()).isEqualTo("process orders");
		assertThat(keys(span.getAttributes())).containsOnly(Map.entry("messaging.operation.type", "process"),
				Map.entry("messaging.operation.name", "process"));
	}

	@Test
	void dupMessagingSpansCarryBothUnderTheNewName() {
		SpanData span = processSpan(Mode.DUP);
		assertThat(span.getName()).isEqualTo("process orders");
		assertThat(keys(span.getAttributes())).containsOnly(Map.entry("messaging.operation", "process"),
				Map.entry("messaging.operation.type", "process"), Map.entry("messaging.operation.name", "process"));
	}

	@Test
	void onlyTheNewMessagingConventionsSetErrorTypeOnAFailedSpanAndLinkAParentProducer() {
		for (Mode mode : Mode.values()) {
			SemanticConventions conventions = SemanticConventions.of(mode, Mode.OLD, Mode.OLD);
			io.opentelemetry.api.trace.Span span = this.tracer.spanBuilder("failed").startSpan();
			conventions.messagingFailed(span, new IllegalStateException());
			span.end();
			assertThat(conventions.linksProducerAlways()).isEqualTo(mode != Mode.OLD);
		}
		assertThat(this.exporter.getFinishedSpanItems())
			.extracting((span) -> span.getAttributes().get(AttributeKey.stringKey("error.type")))
			.containsExactly(null, IllegalStateException.class.getName(), IllegalStateException.class.getName());
	}

	@Test
	void rpcMetricAttributesFollowEachMode() {
		assertThat(keys(rpc(Mode.OLD))).containsOnly(Map.entry("rpc.system", "aws-api"),
				Map.entry("rpc.service", "DynamoDb"), Map.entry("rpc.method", "GetItem"));
		assertThat(keys(rpc(Mode.STABLE))).containsOnly(Map.entry("rpc.system.name", "aws-api"),
				Map.entry("rpc.method", "DynamoDb/GetItem"));
		assertThat(keys(rpc(Mode.DUP))).containsOnly(Map.entry("rpc.system", "aws-api"),
				Map.entry("rpc.service", "DynamoDb"), Map.entry("rpc.system.name", "aws-api"),
				Map.entry("rpc.method", "DynamoDb/GetItem"));
	}

	private SpanData processSpan(Mode mode) {
		SemanticConventions conventions = SemanticConventions.of(mode, Mode.OLD, Mode.OLD);
		conventions
			.messagingOperation(this.tracer.spanBuilder(conventions.messagingSpanName("process", "orders")), "process")
			.startSpan()
			.end();
		return this.exporter.getFinishedSpanItems().get(0);
	}

	private static Attributes rpc(Mode mode) {
		return SemanticConventions.of(Mode.OLD, mode, Mode.OLD)
			.rpcAttributes(Attributes.builder(), "DynamoDb", "GetItem")
			.build();
	}

	private static Map<String, Object> keys(Attributes attributes) {
		Map<String, Object> keys = new java.util.LinkedHashMap<>();
		attributes.forEach((key, value) -> keys.put(key.getKey(), value));
		return keys;
	}

}
