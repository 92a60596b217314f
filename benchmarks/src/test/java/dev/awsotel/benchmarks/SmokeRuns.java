/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The options of a smoke run in the ordinary build: in this JVM, no warm-up, one 200 ms
 * iteration, failing on any error, silent. What it measures means nothing; that every
 * benchmark sets up (and checks its spans) and runs is the point.
 *
 * @author aws-otel-spring-boot authors
 */
final class SmokeRuns {

	private SmokeRuns() {
	}

	static ChainedOptionsBuilder of(String include) {
		return new OptionsBuilder().include(include)
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.timeUnit(TimeUnit.MICROSECONDS)
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT);
	}

}
