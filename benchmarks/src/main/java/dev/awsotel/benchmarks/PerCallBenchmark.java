/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.OpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
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

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Time and allocation per AWS call, for each way of tracing it, side by side in one run:
 * <ul>
 * <li>{@code bare}: no tracing;</li>
 * <li>{@code bare-context}: no tracing, each SQS message carrying from the application
 * the attributes the starter's defaults add to it (fixed values): what carrying trace
 * context in messages costs the SDK and the service, whoever writes it;</li>
 * <li>{@code builder}: OpenTelemetry's {@code AwsSdkTelemetry} interceptor added by hand
 * on the builder;</li>
 * <li>{@code builder-unsampled}: the same with every span unsampled: the floor an
 * unsampled call costs with OpenTelemetry's library;</li>
 * <li>{@code starter}: the client bean as the starter delivers it from a Spring context,
 * with its defaults (SQS propagation, attempts, metrics);</li>
 * <li>{@code starter-tracing}: the same with propagation and metrics off, to compare the
 * decoration itself with {@code builder};</li>
 * <li>{@code starter-unsampled}: the starter with every span unsampled.</li>
 * </ul>
 * Every variant that traces uses the same OpenTelemetry SDK, with no exporter, so that
 * what is measured is the instrumentation. {@link AgentBenchmark} is the Java agent.
 *
 * @author aws-otel-spring-boot authors
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PerCallBenchmark {

	/**
	 * The AWS call: SQS SendMessage, SQS SendMessageBatch of 10 messages, DynamoDB
	 * GetItem or S3 PutObject.
	 */
	@Param({ "sqs", "sqs-batch", "dynamodb", "s3" })
	public String service;

	/**
	 * How the client is traced: not at all, by hand or by the starter.
	 */
	@Param({ "bare", "bare-context", "builder", "builder-unsampled", "starter", "starter-tracing",
			"starter-unsampled" })
	public String variant;

	/**
	 * Where the calls go: an in-memory HTTP client or a server on loopback.
	 */
	@Param({ "memory", "loopback" })
	public String transport;

	/**
	 * What records metrics: {@code none} (OpenTelemetry's no-op meters, as in the figures
	 * of record) or {@code sdk} (the metrics SDK, aggregating every instrument in
	 * memory).
	 */
	@Param({ "none" })
	public String meters;

	private AwsCalls.Servers servers;

	private SdkClient client;

	private ConfigurableApplicationContext context;

	private Supplier<Object> call;

	private final SpanCounter spans = new SpanCounter();

	@Setup
	public void setUp() {
		URI endpoint = null;
		String queueUrl = "http://127.0.0.1:1/000000000000/orders";
		if ("loopback".equals(this.transport)) {
			this.servers = new AwsCalls.Servers();
			endpoint = this.servers.endpoint(this.service);
			queueUrl = this.servers.queueUrl;
		}
		OpenTelemetry openTelemetry = openTelemetry(!this.variant.endsWith("-unsampled"), this.spans,
				"sdk".equals(this.meters));
		switch (this.variant) {
			case "bare", "bare-context" -> {
				this.client = AwsCalls.client(this.service, endpoint, null);
			}
			case "builder", "builder-unsampled" -> {
				AwsSdkTelemetry telemetry = AwsSdkTelemetry.create(openTelemetry);
				this.client = AwsCalls.client(this.service, endpoint,
						(override) -> override.addExecutionInterceptor(telemetry.createExecutionInterceptor()));
			}
			default -> {
				ClientHolder.next = AwsCalls.client(this.service, endpoint, null);
				OpenTelemetryHolder.next = openTelemetry;
				SpringApplicationBuilder application = new SpringApplicationBuilder(StarterContext.class)
					.web(WebApplicationType.NONE)
					.logStartupInfo(false);
				if ("starter-tracing".equals(this.variant)) {
					application.properties("otel.aws.sqs.propagation=false", "otel.aws.sns.propagation=false",
							"otel.aws.metrics.enabled=false");
				}
				this.context = application.run();
				this.client = this.context.getBean(SdkClient.class);
			}
		}
		this.call = AwsCalls.call(this.service, this.client, queueUrl, "bare-context".equals(this.variant));
		// A variant that should trace and does not would measure nothing: fail loudly.
		this.call.get();
		boolean traced = this.spans.ended() > 0;
		if (traced != ("builder".equals(this.variant) || this.variant.equals("starter")
				|| this.variant.equals("starter-tracing"))) {
			throw new IllegalStateException(this.variant + " made " + this.spans.ended() + " spans for one call");
		}
	}

	@Benchmark
	public Object call() {
		return this.call.get();
	}

	@TearDown
	public void tearDown() {
		if (this.context != null) {
			this.context.close();
		}
		this.client.close();
		if (this.servers != null) {
			this.servers.close();
		}
	}

	static OpenTelemetry openTelemetry(boolean sampled, SpanCounter spans) {
		return openTelemetry(sampled, spans, false);
	}

	static OpenTelemetry openTelemetry(boolean sampled, SpanCounter spans, boolean meters) {
		OpenTelemetrySdkBuilder builder = OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.setSampler(sampled ? Sampler.alwaysOn() : Sampler.alwaysOff())
				.addSpanProcessor(spans)
				.build())
			.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()));
		if (meters) {
			// A reader that is never collected: every instrument aggregates as it would
			// in an application, nothing is exported.
			builder.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(new UncollectedReader()).build());
		}
		return builder.build();
	}

	/**
	 * Registers the metrics SDK's storage and never reads it.
	 */
	static final class UncollectedReader implements MetricReader {

		@Override
		public void register(CollectionRegistration registration) {
		}

		@Override
		public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
			return AggregationTemporality.CUMULATIVE;
		}

		@Override
		public CompletableResultCode forceFlush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	/**
	 * An application context as a user has one: the client and OpenTelemetry are beans,
	 * the starter's auto-configuration does the rest.
	 */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AwsOtelAutoConfiguration.class)
	static class StarterContext {

		@Bean(destroyMethod = "")
		SdkClient client() {
			return ClientHolder.next;
		}

		@Bean(destroyMethod = "")
		OpenTelemetry openTelemetry() {
			return OpenTelemetryHolder.next;
		}

	}

	/**
	 * Counts ended spans, the only thing done with them: no exporter.
	 */
	static final class SpanCounter implements SpanProcessor {

		private final LongAdder ended = new LongAdder();

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			this.ended.increment();
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		long ended() {
			return this.ended.sum();
		}

	}

	static final class ClientHolder {

		static SdkClient next;

		private ClientHolder() {
		}

	}

	static final class OpenTelemetryHolder {

		static OpenTelemetry next;

		private OpenTelemetryHolder() {
		}

	}

}
