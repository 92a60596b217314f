/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ClientFigures}.
 *
 * @author aws-otel-spring-boot authors
 */
class ClientFiguresTests {

	@Test
	void whenNoCallWasMadeThenLatenciesAreAbsent() {
		ClientFigures.Snapshot snapshot = new ClientFigures().snapshot();
		assertThat(snapshot.calls()).isZero();
		assertThat(snapshot.latencyP50Millis()).isNull();
		assertThat(snapshot.latencyP99Millis()).isNull();
	}

	@Test
	void percentilesFallWithinTheBucketOfTheirCall() {
		ClientFigures figures = new ClientFigures();
		// 90 calls of 2 ms, 9 of 40 ms and one of 3 s.
		for (int i = 0; i < 90; i++) {
			figures.recordCall(TimeUnit.MILLISECONDS.toNanos(2), false, 1, 0);
		}
		for (int i = 0; i < 9; i++) {
			figures.recordCall(TimeUnit.MILLISECONDS.toNanos(40), true, 3, 2);
		}
		figures.recordCall(TimeUnit.SECONDS.toNanos(3), false, 1, 0);
		ClientFigures.Snapshot snapshot = figures.snapshot();
		assertThat(snapshot.calls()).isEqualTo(100);
		assertThat(snapshot.errors()).isEqualTo(9);
		assertThat(snapshot.retriedCalls()).isEqualTo(9);
		assertThat(snapshot.throttledAttempts()).isEqualTo(18);
		// A bucket is 5% wide: its upper bound is within 5% above the call.
		assertThat(snapshot.latencyP50Millis()).isCloseTo(2.0, within(0.1));
		assertThat(snapshot.latencyP95Millis()).isCloseTo(40.0, within(2.0));
		assertThat(snapshot.latencyP99Millis()).isCloseTo(40.0, within(2.0));
	}

	@Test
	void callsCountedFromManyThreadsAtOnceAreAllCounted() throws Exception {
		ClientFigures figures = new ClientFigures();
		int threads = 4;
		int callsPerThread = 50_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> started = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			long nanos = TimeUnit.MICROSECONDS.toNanos(500 + t);
			Thread thread = new Thread(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				for (int i = 0; i < callsPerThread; i++) {
					figures.recordCall(nanos, false, 1, 0);
				}
			});
			thread.start();
			started.add(thread);
		}
		start.countDown();
		for (Thread thread : started) {
			thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		ClientFigures.Snapshot snapshot = figures.snapshot();
		assertThat(snapshot.calls()).isEqualTo((long) threads * callsPerThread);
		assertThat(snapshot.latencyP50Millis()).isCloseTo(0.5, within(0.03));
		assertThat(snapshot.latencyP99Millis()).isCloseTo(0.5, within(0.03));
	}

}
