/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ProcessingMessages}.
 *
 * @author aws-otel-spring-boot authors
 */
class ProcessingMessagesTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final Tracer tracer = SdkTracerProvider.builder()
		.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
		.build()
		.get("test");

	private final ProcessingMessages<String> messages = new ProcessingMessages<>(List.of("a", "b"),
			(message) -> Context.current().with(this.tracer.spanBuilder("process " + message).startSpan()));

	@Test
	void whenIteratedThenEachMessageIsHandledInsideItsSpanAndTheSpanEndsWithIt() {
		List<String> currentDuring = new ArrayList<>();
		for (String message : this.messages) {
			currentDuring.add(message + ":" + Span.current().getSpanContext().getSpanId());
		}

		List<SpanData> spans = this.exporter.getFinishedSpanItems();
		assertThat(spans).extracting(SpanData::getName).containsExactly("process a", "process b");
		assertThat(currentDuring).containsExactly("a:" + spans.get(0).getSpanId(), "b:" + spans.get(1).getSpanId());
		assertThat(Span.current().getSpanContext().isValid()).as("nothing left current").isFalse();
	}

	@Test
	void whenIteratedAgainOrByIndexThenNoMoreSpansAreMade() {
		this.messages.forEach((message) -> {
		});
		for (String message : this.messages) {
			assertThat(message).isNotNull();
		}
		assertThat(this.messages.get(1)).isEqualTo("b");
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(2);
	}

	@Test
	void whenHandlerFailsInForEachThenTheSpanRecordsTheErrorAndTheFailureReachesTheCaller() {
		assertThatIllegalStateException().isThrownBy(() -> this.messages.forEach((message) -> {
			throw new IllegalStateException("cannot handle " + message);
		})).withMessage("cannot handle a");

		SpanData span = this.exporter.getFinishedSpanItems().get(0);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getName()).isEqualTo("exception"));
	}

	@Test
	void whenAnIterationIsAbandonedThenTheNextReceiveEndsItsSpanAndRestoresTheContext() {
		Iterator<String> iterator = this.messages.iterator();
		iterator.next();
		assertThat(Span.current().getSpanContext().isValid()).isTrue();

		ProcessingMessages.endAbandoned();

		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("process a");
	}

	@Test
	void whenAStreamStopsEarlyThenNothingIsLeftCurrent() {
		assertThat(this.messages.stream().findFirst()).hasValue("a");
		assertThat(Span.current().getSpanContext().isValid()).isFalse();
		assertThat(this.exporter.getFinishedSpanItems()).extracting(SpanData::getName).containsExactly("process a");
	}

	@Test
	void whenStreamedThenEachMessageGetsItsSpan() {
		assertThat(this.messages.stream().map(String::toUpperCase).toList()).containsExactly("A", "B");
		assertThat(this.exporter.getFinishedSpanItems()).hasSize(2);
	}

}
