/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.registry;

import java.util.concurrent.atomic.LongAdder;

import software.amazon.awssdk.core.interceptor.ExecutionAttribute;

/**
 * Live figures of one client since start, updated by the interceptor the client runs.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class ClientFigures {

	// Part of each execution attribute's name: the SDK refuses two attributes of one name
	// in a JVM, and this class is defined again, beside the SDK, by each restart class
	// loader that loads the starter (DevTools with the starter in the workspace) or by a
	// second application in the same server.
	private static final String DEFINITION = "@" + Integer.toHexString(System.identityHashCode(ClientFigures.class));

	/** The figures of the client making a call. */
	public static final ExecutionAttribute<ClientFigures> ATTRIBUTE = new ExecutionAttribute<>(
			ClientFigures.class.getName() + DEFINITION);

	private final LongAdder calls = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder throttledAttempts = new LongAdder();

	private final LongAdder retriedCalls = new LongAdder();

	private final LongAdder propagationSkips = new LongAdder();

	private final LatencyHistogram latency = new LatencyHistogram();

	/**
	 * Records a finished call.
	 * @param durationNanos how long it took, retries included
	 * @param failed whether it failed
	 * @param attempts how many HTTP attempts it made
	 * @param throttledAttempts how many of them were throttled
	 */
	public void recordCall(long durationNanos, boolean failed, int attempts, int throttledAttempts) {
		this.calls.increment();
		if (failed) {
			this.errors.increment();
		}
		if (attempts > 1) {
			this.retriedCalls.increment();
		}
		if (throttledAttempts > 0) {
			this.throttledAttempts.add(throttledAttempts);
		}
		this.latency.record(durationNanos);
	}

	/**
	 * Records a message sent without trace context because it would not fit.
	 */
	public void propagationSkipped() {
		this.propagationSkips.increment();
	}

	/**
	 * Returns the figures now.
	 * @return a snapshot
	 */
	public Snapshot snapshot() {
		return new Snapshot(this.calls.sum(), this.errors.sum(), this.throttledAttempts.sum(), this.retriedCalls.sum(),
				this.propagationSkips.sum(), this.latency.percentileMillis(0.5), this.latency.percentileMillis(0.95),
				this.latency.percentileMillis(0.99));
	}

	/**
	 * The figures of a client at one moment.
	 *
	 * @param calls calls made
	 * @param errors calls that failed
	 * @param throttledAttempts HTTP attempts that were throttled
	 * @param retriedCalls calls that needed more than one attempt
	 * @param propagationSkips messages sent without trace context because it would not
	 * fit
	 * @param latencyP50Millis median call latency, or {@code null} before the first call
	 * @param latencyP95Millis 95th percentile
	 * @param latencyP99Millis 99th percentile
	 */
	public record Snapshot(long calls, long errors, long throttledAttempts, long retriedCalls, long propagationSkips,
			Double latencyP50Millis, Double latencyP95Millis, Double latencyP99Millis) {

	}

}
