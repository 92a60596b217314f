/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run of {@link ConsumerAgentBenchmark}: one fork with the OpenTelemetry Java
 * agent the build copies into {@code target/agent}, one short iteration. Its setup fails
 * unless the agent handles each of the ten received messages in a process span of its
 * own, which is what the benchmark compares against.
 *
 * @author aws-otel-spring-boot authors
 */
class ConsumerAgentBenchmarkSmokeIntegrationTests {

	@Test
	void agentPollsAndTraces() throws Exception {
		Path agent = Path.of("target", "agent", "opentelemetry-javaagent.jar").toAbsolutePath();
		assertThat(agent).exists();
		Collection<RunResult> results = new Runner(new OptionsBuilder().include(ConsumerAgentBenchmark.class.getName())
			.forks(1)
			// In place of the annotation's, whose path is relative to the repository
			// root.
			.jvmArgsAppend("-javaagent:" + agent, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
					"-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none")
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.timeUnit(TimeUnit.MICROSECONDS)
			.shouldFailOnError(true)
			.verbosity(VerboseMode.SILENT)
			.build()).run();

		assertThat(results).singleElement()
			.satisfies((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
