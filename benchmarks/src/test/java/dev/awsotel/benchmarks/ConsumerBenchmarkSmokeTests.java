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
 * A smoke run of {@link ConsumerBenchmark} in the ordinary build: every variant in this
 * JVM, one short iteration each. Its figures mean nothing; each variant's setup checks
 * that a poll receives ten messages and handles each in a process span of its own (none
 * for {@code bare}) that continues its producer, that the messages carry
 * {@code traceparent} exactly when the variant asks for it, and that the variant made the
 * spans it should, so a change that breaks the consumer figures breaks the build. The
 * agent's variants are {@link ConsumerAgentBenchmarkSmokeIntegrationTests}.
 *
 * @author aws-otel-spring-boot authors
 */
class ConsumerBenchmarkSmokeTests {

	@Test
	void everyVariantPollsAndTraces() throws Exception {
		Collection<RunResult> results = new Runner(SmokeRuns.of(ConsumerBenchmark.class.getName()).build()).run();

		List<String> variants = List.of("bare", "library", "library-receive", "library-propagator", "starter",
				"starter-receive");
		assertThat(results).extracting((result) -> result.getParams().getParam("variant"))
			.containsExactlyInAnyOrderElementsOf(variants);
		assertThat(results).allSatisfy(
				(result) -> assertThat(result.getPrimaryResult().getScore()).as(result.getParams().getParam("variant"))
					.isPositive());
	}

}
