/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Calls per second through one client shared by one thread and by two, for each way of
 * tracing it: what the starter's shared state (the registry's counters, its latency
 * histogram, the metrics it records) costs when threads call together. The client, its
 * Spring context and OpenTelemetry are {@link PerCallBenchmark}'s, with the same
 * parameters; run it with {@code -p meters=sdk} so that metrics aggregate as they do in
 * an application.
 * <p>
 * The figure is the ratio of {@link #twoThreads} to {@link #oneThread} for a variant,
 * beside the same ratio for {@code bare} and {@code builder} in the same run: contention
 * in the starter would show as a lower ratio than the builder's.
 *
 * @author aws-otel-spring-boot authors
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConcurrencyBenchmark {

	@Benchmark
	@Threads(1)
	public Object oneThread(PerCallBenchmark client) {
		return client.call();
	}

	@Benchmark
	@Threads(2)
	public Object twoThreads(PerCallBenchmark client) {
		return client.call();
	}

}
