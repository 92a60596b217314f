/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import dev.awsotel.spring.autoconfigure.internal.semconv.AttributeKeys;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;

/**
 * The consumer metrics of the stable messaging semantic conventions, recorded from the
 * starter's process spans through the application's meter provider:
 * {@code messaging.process.duration} (how long the application handled a message) and
 * {@code messaging.client.consumed.messages} (how many messages were delivered to it),
 * with the names, units, buckets and attribute keys of OpenTelemetry's instrumentation
 * (its {@code MessagingProcessMetrics} and consumed-messages counter, which the Java
 * agent records from its own process spans in that mode).
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class ProcessingMetrics {

	/** Duration of the handling of received messages, in seconds. */
	public static final String PROCESS_DURATION = "messaging.process.duration";

	/** Messages delivered to the application. */
	public static final String CONSUMED_MESSAGES = "messaging.client.consumed.messages";

	// The messaging conventions' duration buckets, as OpenTelemetry's instrumentation
	// advises them.
	private static final List<Double> BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5,
			5.0, 7.5, 10.0);

	private static final double NANOS_PER_SECOND = 1_000_000_000.0;

	private static final int STRIPES = 16;

	private final DoubleHistogram duration;

	private final LongCounter consumed;

	// Process spans being handled. Weak: a span an application abandons, never ended, is
	// not kept; a span's identity is its key. Every consumer thread starts and ends spans
	// here, twice per message: the spans are spread over stripes, each with its own lock,
	// so that threads handling messages at once seldom wait for each other.
	private final Map<Span, Recording>[] recordings = stripes();

	/**
	 * Creates the metrics on the application's OpenTelemetry.
	 * @param openTelemetry the application's OpenTelemetry
	 */
	public ProcessingMetrics(OpenTelemetry openTelemetry) {
		Meter meter = openTelemetry.getMeter("dev.awsotel.aws-sdk-messaging");
		this.duration = meter.histogramBuilder(PROCESS_DURATION)
			.setUnit("s")
			.setDescription("Duration of processing operation.")
			.setExplicitBucketBoundariesAdvice(BUCKETS)
			.build();
		this.consumed = meter.counterBuilder(CONSUMED_MESSAGES)
			.setUnit("{message}")
			.setDescription("Number of messages that were delivered to the application.")
			.build();
	}

	/**
	 * Starts timing the handling of messages under a process span.
	 * @param span the process span
	 * @param system the messaging system
	 * @param destination the queue name
	 * @param receiveCall the receive call's attributes, where its server is
	 * @param messages how many messages the span accounts for
	 */
	void started(Span span, String system, String destination, Attributes receiveCall, long messages) {
		AttributesBuilder attributes = Attributes.builder()
			.put(AttributeKeys.MESSAGING_OPERATION_NAME, "process")
			.put(MessagePropagation.MESSAGING_SYSTEM, system)
			.put(MessagePropagation.MESSAGING_DESTINATION, destination);
		String address = receiveCall.get(AttributeKeys.SERVER_ADDRESS);
		if (address != null) {
			attributes.put(AttributeKeys.SERVER_ADDRESS, address);
		}
		Long port = receiveCall.get(AttributeKeys.SERVER_PORT);
		if (port != null) {
			attributes.put(AttributeKeys.SERVER_PORT, port);
		}
		recordings(span).put(span, new Recording(attributes.build(), System.nanoTime(), messages));
	}

	/**
	 * Notes that the handling under a process span failed.
	 * @param span the process span
	 * @param failure what the handling threw
	 */
	void failed(Span span, Throwable failure) {
		Recording recording = recordings(span).get(span);
		if (recording != null && failure != null) {
			recording.errorType = failure.getClass().getName();
		}
	}

	/**
	 * Records the handling under a process span that ends now; a span not started here,
	 * or already recorded, records nothing.
	 * @param span the process span
	 */
	void ended(Span span) {
		Recording recording = recordings(span).remove(span);
		if (recording == null) {
			return;
		}
		Attributes attributes = (recording.errorType != null)
				? recording.attributes.toBuilder().put(AttributeKeys.ERROR_TYPE, recording.errorType).build()
				: recording.attributes;
		this.duration.record((System.nanoTime() - recording.startNanos) / NANOS_PER_SECOND, attributes);
		this.consumed.add(recording.messages, attributes);
	}

	private Map<Span, Recording> recordings(Span span) {
		return this.recordings[System.identityHashCode(span) & (STRIPES - 1)];
	}

	@SuppressWarnings("unchecked")
	private static Map<Span, Recording>[] stripes() {
		Map<Span, Recording>[] stripes = new Map[STRIPES];
		for (int i = 0; i < STRIPES; i++) {
			stripes[i] = Collections.synchronizedMap(new WeakHashMap<>());
		}
		return stripes;
	}

	private static final class Recording {

		private final Attributes attributes;

		private final long startNanos;

		private final long messages;

		private volatile String errorType;

		Recording(Attributes attributes, long startNanos, long messages) {
			this.attributes = attributes;
			this.startNanos = startNanos;
			this.messages = messages;
		}

	}

}
