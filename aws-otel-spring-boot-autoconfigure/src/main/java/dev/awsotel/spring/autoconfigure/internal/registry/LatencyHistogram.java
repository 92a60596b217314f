/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.registry;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Call latencies since start in exponential buckets (5% wide, 1 µs to about 2 minutes):
 * constant memory and lock-free recording, with percentiles to within a bucket.
 *
 * @author aws-otel-spring-boot authors
 */
final class LatencyHistogram {

	private static final double GROWTH = 1.05;

	private static final double LOG_GROWTH = Math.log(GROWTH);

	private static final long FIRST_BOUND_NANOS = 1_000;

	private static final int BUCKETS = 390;

	// Every call of a client on every thread counts here. Calls of similar latency fall
	// in the same bucket, and one atomic count per bucket would make threads wait on
	// each other's cache line; a LongAdder spreads a contended count over cells, as
	// OpenTelemetry's metrics SDK does. A bucket's adder is made at its first call: a
	// client's calls fill a few dozen of the buckets.
	private final AtomicReferenceArray<LongAdder> counts = new AtomicReferenceArray<>(BUCKETS);

	void record(long nanos) {
		int bucket = bucket(nanos);
		LongAdder count = this.counts.get(bucket);
		if (count == null) {
			this.counts.compareAndSet(bucket, null, new LongAdder());
			count = this.counts.get(bucket);
		}
		count.increment();
	}

	/**
	 * Returns the latency under which a share of the calls fell.
	 * @param quantile the share, for example 0.95
	 * @return the upper bound of that bucket in milliseconds, or {@code null} before the
	 * first call
	 */
	Double percentileMillis(double quantile) {
		long total = 0;
		long[] snapshot = new long[BUCKETS];
		for (int i = 0; i < BUCKETS; i++) {
			LongAdder count = this.counts.get(i);
			snapshot[i] = (count != null) ? count.sum() : 0;
			total += snapshot[i];
		}
		if (total == 0) {
			return null;
		}
		long rank = (long) Math.ceil(quantile * total);
		long seen = 0;
		for (int i = 0; i < BUCKETS; i++) {
			seen += snapshot[i];
			if (seen >= rank) {
				return upperBoundNanos(i) / 1_000_000.0;
			}
		}
		return upperBoundNanos(BUCKETS - 1) / 1_000_000.0;
	}

	private static int bucket(long nanos) {
		if (nanos <= FIRST_BOUND_NANOS) {
			return 0;
		}
		int bucket = (int) Math.ceil(Math.log((double) nanos / FIRST_BOUND_NANOS) / LOG_GROWTH);
		return Math.min(bucket, BUCKETS - 1);
	}

	private static double upperBoundNanos(int bucket) {
		return FIRST_BOUND_NANOS * Math.pow(GROWTH, bucket);
	}

}
