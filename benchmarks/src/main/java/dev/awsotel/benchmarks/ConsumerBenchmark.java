/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.awsotel.benchmarks.inmemory.InMemoryAwsHttpClient;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The SQS consumer side, per poll: one ReceiveMessage of
 * {@value InMemoryAwsHttpClient#RECEIVED} messages (each from a traced producer:
 * {@code AWSTraceHeader} and {@code traceparent}) and the loop that handles them, reading
 * each body with the message's process span current, over the in-memory transport.
 * Variants:
 * <ul>
 * <li>{@code bare}: no tracing;</li>
 * <li>{@code library}: OpenTelemetry's {@code AwsSdkTelemetry} interceptor on the builder
 * and its {@code wrap(SqsClient)}, which hands the received messages over in a list that
 * opens a process span per message, with the library's defaults: ten process spans, no
 * span for the receive call (made outside any span, its call span is suppressed, and
 * receive telemetry is off);</li>
 * <li>{@code library-receive}: the same with
 * {@code setMessagingReceiveTelemetryEnabled(true)}, which adds a receive span;</li>
 * <li>{@code library-propagator}: {@code library} with
 * {@code setUseConfiguredPropagatorForMessaging(true)}: the receive also asks for the
 * configured propagator's fields as message attributes ({@code traceparent}, W3C here)
 * and each process span's parent is extracted from them, falling back to
 * {@code AWSTraceHeader}, which is what the starter does with its defaults so that
 * consumers continue W3C producers; {@code library} and the agent's defaults ask for
 * {@code AWSTraceHeader} only, and so receive, unmarshal and MD5-check less: this variant
 * is the library at the starter's function;</li>
 * <li>{@code starter}: the client bean as the starter delivers it from a Spring context,
 * with its defaults: ten process spans through the starter's hand-over, no span for the
 * receive call, as {@code library}, each message's {@code traceparent} asked for and
 * read, as {@code library-propagator};</li>
 * <li>{@code starter-receive}: the same with
 * {@code otel.aws.messaging.receive-telemetry=true}, as {@code library-receive}.</li>
 * </ul>
 * {@link ConsumerAgentBenchmark} is the Java agent. Setup fails if a variant does not
 * make the spans it should, a process span is not current while its message is handled,
 * or is not a child of (or linked to) its message's producer, or if the messages carry
 * {@code traceparent} when the variant should not ask for it or lack it when it should
 * (the stand-in returns it only when asked).
 *
 * @author aws-otel-spring-boot authors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConsumerBenchmark {

	static final String QUEUE_URL = "http://127.0.0.1:1/000000000000/orders";

	/**
	 * How the client is traced.
	 */
	@Param({ "bare", "library", "library-receive", "library-propagator", "starter", "starter-receive" })
	public String variant;

	private SqsClient client;

	private ConfigurableApplicationContext context;

	private final PerCallBenchmark.SpanCounter spans = new PerCallBenchmark.SpanCounter();

	@Setup
	public void setUp() {
		OpenTelemetry openTelemetry = PerCallBenchmark.openTelemetry(true, this.spans);
		int expectedSpans;
		switch (this.variant) {
			case "bare" -> {
				this.client = (SqsClient) AwsCalls.client("sqs", null, null);
				expectedSpans = 0;
			}
			case "library", "library-receive", "library-propagator" -> {
				AwsSdkTelemetry telemetry = AwsSdkTelemetry.builder(openTelemetry)
					.setMessagingReceiveTelemetryEnabled("library-receive".equals(this.variant))
					.setUseConfiguredPropagatorForMessaging("library-propagator".equals(this.variant))
					.build();
				this.client = telemetry.wrap((SqsClient) AwsCalls.client("sqs", null,
						(override) -> override.addExecutionInterceptor(telemetry.createExecutionInterceptor())));
				expectedSpans = ("library-receive".equals(this.variant) ? 1 : 0) + InMemoryAwsHttpClient.RECEIVED;
			}
			case "starter", "starter-receive" -> {
				PerCallBenchmark.ClientHolder.next = AwsCalls.client("sqs", null, null);
				PerCallBenchmark.OpenTelemetryHolder.next = openTelemetry;
				this.context = new SpringApplicationBuilder(PerCallBenchmark.StarterContext.class)
					.web(WebApplicationType.NONE)
					.logStartupInfo(false)
					.properties("otel.aws.messaging.receive-telemetry=" + "starter-receive".equals(this.variant))
					.run();
				this.client = (SqsClient) this.context.getBean(SdkClient.class);
				expectedSpans = ("starter".equals(this.variant) ? 0 : 1) + InMemoryAwsHttpClient.RECEIVED;
			}
			default -> throw new IllegalArgumentException(this.variant);
		}
		// A variant that does not trace as it should would measure something else.
		check(this.client, !"bare".equals(this.variant),
				"library-propagator".equals(this.variant) || this.variant.startsWith("starter"));
		if (this.spans.ended() != expectedSpans) {
			throw new IllegalStateException(
					this.variant + " made " + this.spans.ended() + " spans for one poll, not " + expectedSpans);
		}
	}

	@Benchmark
	public long poll(CallerAllocation allocation) {
		allocation.polls++;
		return poll(this.client);
	}

	@TearDown
	public void tearDown() {
		if (this.context != null) {
			this.context.close();
		}
		this.client.close();
	}

	/**
	 * One poll: a receive of up to ten messages and the loop that handles them, each
	 * handling reading the body and the current span, as a handler that logs or continues
	 * the trace does.
	 * @param client the client
	 * @return what the handling read, so that none of it is optimised away
	 */
	static long poll(SqsClient client) {
		long handled = 0;
		for (Message message : client
			.receiveMessage(
					(receive) -> receive.queueUrl(QUEUE_URL).maxNumberOfMessages(InMemoryAwsHttpClient.RECEIVED))
			.messages()) {
			handled += message.body().length() + (Span.current().getSpanContext().isSampled() ? 1 : 0);
		}
		return handled;
	}

	/**
	 * Polls once and checks the messages and their spans: ten messages, each handled with
	 * a span of its own current (a process span) when traced, none when not; each
	 * carrying {@code traceparent} if and only if the client asked for it; and, where the
	 * current span is the SDK's own (not the agent's), a child of or linked to the
	 * producer that the message names.
	 * @param client the client
	 * @param traced whether the client should trace
	 * @param traceparent whether the client should ask for the {@code traceparent}
	 * message attribute
	 */
	static void check(SqsClient client, boolean traced, boolean traceparent) {
		Set<String> current = new HashSet<>();
		int messages = 0;
		for (Message message : client
			.receiveMessage(
					(receive) -> receive.queueUrl(QUEUE_URL).maxNumberOfMessages(InMemoryAwsHttpClient.RECEIVED))
			.messages()) {
			messages++;
			SpanContext span = Span.current().getSpanContext();
			if (span.isValid() != traced) {
				throw new IllegalStateException("message " + message.messageId() + " handled with span " + span);
			}
			if (message.messageAttributes().containsKey("traceparent") != traceparent) {
				throw new IllegalStateException("message " + message.messageId() + " received with attributes "
						+ message.messageAttributes().keySet() + ": traceparent " + (traceparent ? "not " : "")
						+ "asked for");
			}
			if (span.isValid()) {
				current.add(span.getSpanId());
				checkProducer(message, Span.current());
			}
		}
		if (messages != InMemoryAwsHttpClient.RECEIVED) {
			throw new IllegalStateException("received " + messages + " messages");
		}
		if (traced && current.size() != messages) {
			throw new IllegalStateException(messages + " messages handled in " + current.size() + " spans");
		}
		if (Span.current().getSpanContext().isValid()) {
			throw new IllegalStateException("a span is left current after the loop: " + Span.current());
		}
	}

	// The stand-in's producer of a message: the same trace and span in its traceparent
	// and its AWSTraceHeader, so this checks that the process span continues the
	// producer, not which of the two it was read from.
	private static void checkProducer(Message message, Span process) {
		if (!(process instanceof ReadableSpan readable)) {
			return; // The agent's span, seen through its bridge.
		}
		String producer = (message.messageAttributes().containsKey("traceparent")
				? message.messageAttributes().get("traceparent").stringValue().substring(3, 35)
				: message.attributesAsStrings().get("AWSTraceHeader").substring(7, 40).replace("-", ""));
		SpanData data = readable.toSpanData();
		boolean continued = data.getParentSpanContext().getTraceId().equals(producer)
				|| data.getLinks().stream().anyMatch((link) -> link.getSpanContext().getTraceId().equals(producer));
		if (!continued) {
			throw new IllegalStateException("message " + message.messageId() + " of trace " + producer
					+ " handled in a span that does not continue it: " + data);
		}
	}

	/**
	 * What the polling thread itself allocates and the CPU time it takes per poll, beside
	 * {@code -prof gc}'s figure (every thread of the JVM) and the primary wall-clock
	 * time: steady when an iteration holds few polls (a busy machine) and background
	 * threads would weigh on the per-poll figure; the thread's CPU time leaves out the
	 * time it waited for a core, which on a shared machine swamps the wall-clock figure
	 * (it also leaves out the garbage collector's threads, so that allocation shows in
	 * the allocation figures only).
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class CallerAllocation {

		private static final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		long polls;

		private long start;

		private long cpuStart;

		@Setup(Level.Iteration)
		public void start() {
			this.polls = 0;
			this.start = threads.getCurrentThreadAllocatedBytes();
			this.cpuStart = threads.getCurrentThreadCpuTime();
		}

		/**
		 * Returns the bytes the polling thread allocated per poll in this iteration.
		 * @return bytes per poll
		 */
		public double callerBytesPerPoll() {
			return (this.polls > 0) ? (threads.getCurrentThreadAllocatedBytes() - this.start) / (double) this.polls : 0;
		}

		/**
		 * Returns the CPU time the polling thread took per poll in this iteration.
		 * @return microseconds of CPU time per poll
		 */
		public double callerCpuMicrosPerPoll() {
			return (this.polls > 0) ? (threads.getCurrentThreadCpuTime() - this.cpuStart) / 1000.0 / this.polls : 0;
		}

	}

}
