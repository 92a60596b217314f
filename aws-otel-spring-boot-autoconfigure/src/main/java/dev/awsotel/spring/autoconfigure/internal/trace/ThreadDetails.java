/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * The thread a span started on, as {@code thread.id} and {@code thread.name}: what the
 * OpenTelemetry Java agent adds to every span it makes (its
 * {@code otel.javaagent.add-thread-details}, on by default), added here to the spans the
 * starter makes or enriches so that a call shows no less without the agent.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class ThreadDetails {

	/** The id of the thread the span started on. */
	public static final AttributeKey<Long> THREAD_ID = AttributeKey.longKey("thread.id");

	/** The name of the thread the span started on. */
	public static final AttributeKey<String> THREAD_NAME = AttributeKey.stringKey("thread.name");

	private ThreadDetails() {
	}

	/**
	 * Adds the current thread to a started span.
	 * @param span the span
	 */
	public static void add(Span span) {
		Thread thread = Thread.currentThread();
		span.setAttribute(THREAD_ID, threadId(thread));
		span.setAttribute(THREAD_NAME, thread.getName());
	}

	/**
	 * Adds the current thread to a span about to start.
	 * @param builder the span's builder
	 * @return the builder
	 */
	public static SpanBuilder add(SpanBuilder builder) {
		Thread thread = Thread.currentThread();
		return builder.setAttribute(THREAD_ID, threadId(thread)).setAttribute(THREAD_NAME, thread.getName());
	}

	@SuppressWarnings("deprecation")
	private static long threadId(Thread thread) {
		// Thread.threadId() is Java 19+; getId() gives the same value.
		return thread.getId();
	}

}
