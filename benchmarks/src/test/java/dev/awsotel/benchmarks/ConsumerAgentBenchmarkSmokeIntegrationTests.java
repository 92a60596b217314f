/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.nio.file.Path;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

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
		Collection<RunResult> results = new Runner(SmokeRuns.of(ConsumerAgentBenchmark.class.getName())
			.forks(1)
			// In place of the annotation's, whose path is relative to the repository
			// root.
			.jvmArgsAppend("-javaagent:" + agent, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
					"-Dotel.logs.exporter=none", "-Dotel.javaagent.logging=none")
			.build()).run();

		assertThat(results).singleElement()
			.satisfies((result) -> assertThat(result.getPrimaryResult().getScore()).isPositive());
	}

}
