/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.SdkClient;

/**
 * The same calls on bare clients in a fork with the OpenTelemetry Java agent (2.31.1)
 * attached, exporting nothing like the other variants. Run from the repository root,
 * where the agent's path resolves.
 *
 * @author aws-otel-spring-boot authors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = { AgentBenchmark.JAVAAGENT, AgentBenchmark.NO_TRACES, AgentBenchmark.NO_METRICS,
		AgentBenchmark.NO_LOGS, AgentBenchmark.QUIET })
public class AgentBenchmark {

	// The agent's fork, for every benchmark that runs it: the agent the build copies, and
	// nothing exported, so that what is measured is the instrumentation.
	static final String JAVAAGENT = "-javaagent:benchmarks/target/agent/opentelemetry-javaagent.jar";

	static final String NO_TRACES = "-Dotel.traces.exporter=none";

	static final String NO_METRICS = "-Dotel.metrics.exporter=none";

	static final String NO_LOGS = "-Dotel.logs.exporter=none";

	static final String QUIET = "-Dotel.javaagent.logging=none";

	/**
	 * The AWS call, as in {@link PerCallBenchmark}.
	 */
	@Param({ "sqs", "sqs-batch", "dynamodb", "s3" })
	public String service;

	/**
	 * Where the calls go: an in-memory HTTP client or a server on loopback.
	 */
	@Param({ "memory", "loopback" })
	public String transport;

	private AwsCalls.Servers servers;

	private SdkClient client;

	private Supplier<Object> call;

	@Setup
	public void setUp() {
		URI endpoint = null;
		String queueUrl = "http://127.0.0.1:1/000000000000/orders";
		if ("loopback".equals(this.transport)) {
			this.servers = new AwsCalls.Servers();
			endpoint = this.servers.endpoint(this.service);
			queueUrl = this.servers.queueUrl;
		}
		this.client = AwsCalls.client(this.service, endpoint, null);
		this.call = AwsCalls.call(this.service, this.client, queueUrl);
	}

	@Benchmark
	public Object call() {
		return this.call.get();
	}

	@TearDown
	public void tearDown() {
		this.client.close();
		if (this.servers != null) {
			this.servers.close();
		}
	}

}
