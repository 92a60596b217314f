/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.util.Collection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke run of {@link PerCallBenchmark} in the ordinary build: every call and variant,
 * in memory, in this JVM, one short iteration each. It measures nothing worth reading
 * (RESULTS.md has the real runs); it shows that every benchmark still sets up and runs,
 * and each variant's setup checks that it traces exactly when it should (one span for a
 * traced call, none for the others), so a change that breaks the figures breaks the
 * build.
 *
 * @author aws-otel-spring-boot authors
 */
class PerCallBenchmarkSmokeTests {

	@Test
	void everyCallAndVariantRunsInMemory() throws Exception {
		Collection<RunResult> results = new Runner(
				SmokeRuns.of(PerCallBenchmark.class.getName() + ".call").param("transport", "memory").build())
			.run();

		List<String> variants = List.of("bare", "bare-context", "builder", "builder-unsampled", "starter",
				"starter-tracing", "starter-unsampled");
		assertThat(results).hasSize(4 * variants.size());
		assertThat(results).extracting((result) -> result.getParams().getParam("variant"))
			.containsOnlyElementsOf(variants);
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getScore())
			.as("%s %s", result.getParams().getParam("service"), result.getParams().getParam("variant"))
			.isPositive());
	}

	@Test
	void concurrencyRunsAtOneAndTwoThreadsWithTheMetricsSdk() throws Exception {
		Collection<RunResult> results = new Runner(SmokeRuns.of(ConcurrencyBenchmark.class.getName())
			.param("transport", "memory")
			.param("meters", "sdk")
			.param("service", "dynamodb", "sqs")
			.param("variant", "bare", "builder", "starter")
			.build()).run();

		assertThat(results).hasSize(2 * 2 * 3);
		assertThat(results).extracting((result) -> result.getParams().getThreads()).containsOnly(1, 2);
		assertThat(results).allSatisfy(
				(result) -> assertThat(result.getPrimaryResult().getScore())
					.as("%s %s %s threads", result.getParams().getParam("service"),
							result.getParams().getParam("variant"), result.getParams().getThreads())
					.isPositive());
	}

}
