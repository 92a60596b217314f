/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.support;

import java.util.List;
import java.util.function.Supplier;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads what a test's exporter received.
 *
 * @author aws-otel-spring-boot authors
 */
public final class Spans {

	private Spans() {
	}

	/**
	 * Runs {@code call} inside a new span named {@code parent} and returns that span.
	 * @param openTelemetry the application's OpenTelemetry
	 * @param call the code to run
	 * @return the parent span (ended)
	 */
	public static Span runInParent(OpenTelemetry openTelemetry, Runnable call) {
		return inParent(openTelemetry, () -> {
			call.run();
			return null;
		}).span();
	}

	/**
	 * Runs {@code call} inside a new span named {@code parent}.
	 * @param <T> the result type
	 * @param openTelemetry the application's OpenTelemetry
	 * @param call the code to run
	 * @return the parent span (ended) and the call's result
	 */
	public static <T> InParent<T> inParent(OpenTelemetry openTelemetry, Supplier<T> call) {
		Span parent = openTelemetry.getTracer("test").spanBuilder("parent").startSpan();
		try (Scope scope = parent.makeCurrent()) {
			return new InParent<>(parent, call.get());
		}
		finally {
			parent.end();
		}
	}

	/**
	 * Returns the finished spans with a name.
	 * @param exporter the exporter
	 * @param name the span name, for example {@code Sqs.SendMessage}
	 * @return the spans, oldest first
	 */
	public static List<SpanData> named(InMemorySpanExporter exporter, String name) {
		return exporter.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	/**
	 * Returns the one finished span with a name.
	 * @param exporter the exporter
	 * @param name the span name
	 * @return the span
	 */
	public static SpanData single(InMemorySpanExporter exporter, String name) {
		List<SpanData> spans = named(exporter, name);
		assertThat(spans).as("spans named %s among %s", name, names(exporter)).hasSize(1);
		return spans.get(0);
	}

	/**
	 * Returns the names of all finished spans.
	 * @param exporter the exporter
	 * @return the names, oldest first
	 */
	public static List<String> names(InMemorySpanExporter exporter) {
		return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
	}

	/**
	 * A parent span and the result of the call made inside it.
	 *
	 * @param <T> the result type
	 * @param span the parent span
	 * @param result the result
	 */
	public record InParent<T>(Span span, T result) {

	}

}
