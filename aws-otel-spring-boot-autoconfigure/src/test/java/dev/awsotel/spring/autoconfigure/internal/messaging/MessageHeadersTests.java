/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.api.config.IncludeExclude;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message attributes recorded on the starter's process spans as
 * {@code messaging.header.<name>}, named and typed as OpenTelemetry's messaging
 * attributes name and type them, for one message and for a batch handled together.
 *
 * @author aws-otel-spring-boot authors
 */
class MessageHeadersTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
		.setTracerProvider(
				SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(this.exporter)).build())
		.build();

	@Test
	void whenIncludedByGlobThenTheProcessSpanHasTheAttributeAsAStringArrayWithUnderscores() {
		MessagePropagation propagation = new MessagePropagation(this.openTelemetry, ProcessSpanParent.PRODUCER,
				IncludeExclude.builder().setIncluded("tenant-*", "origin").setExcluded("tenant-secret").build());
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("tenant-id", "acme");
		attributes.put("tenant-secret", "s3cr3t");
		attributes.put("origin", "web");
		attributes.put("other", "x");

		end(propagation.startProcessing(null, null, "aws_sqs", "orders", "m-1", attributes));

		SpanData process = this.exporter.getFinishedSpanItems().get(0);
		assertThat(process.getAttributes().get(AttributeKey.stringArrayKey("messaging.header.tenant_id")))
			.containsExactly("acme");
		assertThat(process.getAttributes().get(AttributeKey.stringArrayKey("messaging.header.origin")))
			.containsExactly("web");
		assertThat(process.getAttributes().asMap().keySet()).extracting(AttributeKey::getKey)
			.filteredOn((key) -> key.startsWith("messaging.header."))
			.containsExactlyInAnyOrder("messaging.header.tenant_id", "messaging.header.origin");
	}

	@Test
	void whenABatchIsProcessedThenEachAttributeHoldsTheValuesOfTheMessagesThatCarryIt() {
		MessagePropagation propagation = new MessagePropagation(this.openTelemetry, ProcessSpanParent.PRODUCER,
				IncludeExclude.builder().setExcluded("secret").build());

		end(propagation.startBatchProcessing(List.of(Context.root(), Context.root(), Context.root()),
				List.of("m-1", "m-2", "m-3"),
				List.of(Map.of("tenant", "acme", "secret", "a"), Map.of("secret", "b"), Map.of("tenant", "globex")),
				"aws_sqs", "orders"));

		SpanData process = this.exporter.getFinishedSpanItems().get(0);
		assertThat(process.getAttributes().get(AttributeKey.stringArrayKey("messaging.header.tenant")))
			.containsExactly("acme", "globex");
		assertThat(process.getAttributes().get(AttributeKey.stringArrayKey("messaging.header.secret"))).isNull();
	}

	@Test
	void whenNoHeaderIsSelectedThenNoneIsRecorded() {
		MessagePropagation propagation = new MessagePropagation(this.openTelemetry, ProcessSpanParent.PRODUCER,
				IncludeExclude.builder().build());

		end(propagation.startProcessing(null, null, "aws_sqs", "orders", "m-1", Map.of("tenant", "acme")));

		assertThat(this.exporter.getFinishedSpanItems().get(0).getAttributes().asMap().keySet())
			.extracting(AttributeKey::getKey)
			.noneMatch((key) -> key.startsWith("messaging.header."));
	}

	private static void end(Context processing) {
		try (Scope scope = processing.makeCurrent()) {
			Span.fromContext(processing).end();
		}
	}

}
