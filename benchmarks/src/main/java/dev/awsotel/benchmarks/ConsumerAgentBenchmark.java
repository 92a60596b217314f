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
import org.openjdk.jmh.infra.BenchmarkParams;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@link ConsumerBenchmark}'s poll on a bare client in a fork with the OpenTelemetry Java
 * agent (2.31.1) attached, exporting nothing. The agent wraps every SQS client it sees
 * built (as {@code AwsSdkTelemetry.wrap()} does), so the loop over the received messages
 * opens a process span per message with nothing added; with its defaults it makes no
 * receive span for a receive outside any span. Two variants, one per benchmark method, as
 * the agent's settings are its fork's:
 * <ul>
 * <li>{@code agent} ({@link #poll}): the agent's defaults, which ask for the
 * {@code AWSTraceHeader} system attribute only;</li>
 * <li>{@code agent-propagator} ({@link #pollPropagator}): with
 * {@code otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging=true}
 * ({@link #USE_PROPAGATOR}), with which the agent also asks for its propagators' fields
 * ({@code traceparent} among them) as message attributes and extracts each process span's
 * parent from them, as the starter's defaults do: the agent at the starter's
 * function.</li>
 * </ul>
 * Setup fails if the messages are not handled each in a span of its own, or carry
 * {@code traceparent} when the variant should not ask for it or lack it when it should.
 * Run from the repository root, where the agent's path resolves.
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

	/**
	 * The agent's switch that makes it carry and read W3C context in message attributes.
	 */
	static final String USE_PROPAGATOR = "-Dotel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging=true";

	private SqsClient client;

	@Setup
	public void setUp(BenchmarkParams params) {
		boolean propagator = params.getBenchmark().endsWith(".pollPropagator");
		// A variant run without its fork's setting would measure the other one.
		if (propagator != params.getJvmArgs().contains(USE_PROPAGATOR)) {
			throw new IllegalStateException(params.getBenchmark() + " run with " + params.getJvmArgs());
		}
		this.client = (SqsClient) AwsCalls.client("sqs", null, null);
		ConsumerBenchmark.check(this.client, true, propagator);
	}

	/**
	 * The {@code agent} variant: the agent's defaults.
	 * @param allocation the polling thread's allocation
	 * @return what the handling read
	 */
	@Benchmark
	public long poll(ConsumerBenchmark.CallerAllocation allocation) {
		allocation.polls++;
		return ConsumerBenchmark.poll(this.client);
	}

	/**
	 * The {@code agent-propagator} variant: the agent asking for and reading
	 * {@code traceparent}.
	 * @param allocation the polling thread's allocation
	 * @return what the handling read
	 */
	@Benchmark
	@Fork(value = 1, jvmArgsAppend = { AgentBenchmark.JAVAAGENT, AgentBenchmark.NO_TRACES, AgentBenchmark.NO_METRICS,
			AgentBenchmark.NO_LOGS, AgentBenchmark.QUIET, USE_PROPAGATOR })
	public long pollPropagator(ConsumerBenchmark.CallerAllocation allocation) {
		allocation.polls++;
		return ConsumerBenchmark.poll(this.client);
	}

	@TearDown
	public void tearDown() {
		this.client.close();
	}

}
