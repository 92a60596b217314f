/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run of {@link ConsumerAgentBenchmark}'s two variants: one fork each with the
 * OpenTelemetry Java agent the build copies into {@code target/agent}, one short
 * iteration. Their setup fails unless the agent handles each of the ten received messages
 * in a process span of its own, which is what the benchmark compares against, and asks
 * for {@code traceparent} with its messaging propagator on and not without.
 *
 * @author aws-otel-spring-boot authors
 */
class ConsumerAgentBenchmarkSmokeIntegrationTests {

	@Test
	void agentPollsAndTraces() throws Exception {
		assertThat(run("poll")).isPositive();
	}

	@Test
	void agentWithItsMessagingPropagatorPollsAndTraces() throws Exception {
		assertThat(run("pollPropagator", ConsumerAgentBenchmark.USE_PROPAGATOR)).isPositive();
	}

	private double run(String method, String... more) throws Exception {
		Path agent = Path.of("target", "agent", "opentelemetry-javaagent.jar").toAbsolutePath();
		assertThat(agent).exists();
		List<String> jvmArgs = new ArrayList<>(List.of("-javaagent:" + agent, AgentBenchmark.NO_TRACES,
				AgentBenchmark.NO_METRICS, AgentBenchmark.NO_LOGS, AgentBenchmark.QUIET));
		jvmArgs.addAll(List.of(more));
		Collection<RunResult> results = new Runner(
				SmokeRuns.of(ConsumerAgentBenchmark.class.getName() + "." + method + "$")
					.forks(1)
					// In place of the annotation's, whose path is relative to the
					// repository
					// root.
					.jvmArgsAppend(jvmArgs.toArray(String[]::new))
					.build())
			.run();
		assertThat(results).hasSize(1);
		return results.iterator().next().getPrimaryResult().getScore();
	}

}
