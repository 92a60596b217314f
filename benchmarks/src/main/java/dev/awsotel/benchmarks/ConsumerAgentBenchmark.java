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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link ConsumerBenchmark}'s poll on a bare client in a fork with the OpenTelemetry Java
 * agent (2.31.1) attached, exporting nothing. The agent wraps every SQS client it sees
 * built (as {@code AwsSdkTelemetry.wrap()} does), so the loop over the received messages
 * opens a process span per message with nothing added; with its defaults it makes no
 * receive span for a receive outside any span. Setup fails if the messages are not
 * handled each in a span of its own. Run from the repository root, where the agent's path
 * resolves.
 *
 * @author aws-otel-spring-boot authors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { AgentBenchmark.JAVAAGENT, AgentBenchmark.NO_TRACES, AgentBenchmark.NO_METRICS,
		AgentBenchmark.NO_LOGS, AgentBenchmark.QUIET })
public class ConsumerAgentBenchmark {

	private SqsClient client;

	@Setup
	public void setUp() {
		this.client = (SqsClient) AwsCalls.client("sqs", null, null);
		ConsumerBenchmark.check(this.client, true);
	}

	@Benchmark
	public long poll(ConsumerBenchmark.CallerAllocation allocation) {
		allocation.polls++;
		return ConsumerBenchmark.poll(this.client);
	}

	@TearDown
	public void tearDown() {
		this.client.close();
	}

}
