/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.upstream;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamInternals} probing the starter's own {@link AwsSdkTelemetry}
 * (one instrumentation built at startup, not two): every reliance is found on it, and its
 * probe call exports nothing, whatever the sampler. No call is made, so no server is
 * needed.
 *
 * @author aws-otel-spring-boot authors
 */
class UpstreamInternalsTests {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final InMemoryMetricReader metrics = InMemoryMetricReader.create();

	private final List<String> started = new CopyOnWriteArrayList<>();

	@Test
	void whenProbedOnTheStartersTelemetryThenEveryRelianceHoldsAndNoSpanIsStarted() {
		try (OpenTelemetrySdk sdk = openTelemetry(Sampler.parentBased(Sampler.alwaysOn()))) {
			AwsSdkTelemetry telemetry = AwsSdkTelemetry.create(sdk);
			UpstreamInternals internals = UpstreamInternals.check(getClass().getClassLoader(), telemetry);
			assertThat(internals.unavailable()).isEmpty();
			assertThat(internals.isOpenTelemetryInterceptor(telemetry.createExecutionInterceptor())).isTrue();
			assertThat(this.started).isEmpty();
			assertNothingExported(sdk);
		}
	}

	@Test
	void whenASamplerIgnoresTheParentThenTheProbeSpanIsNeverEndedNorExported() {
		try (OpenTelemetrySdk sdk = openTelemetry(Sampler.alwaysOn())) {
			UpstreamInternals internals = UpstreamInternals.check(getClass().getClassLoader(),
					AwsSdkTelemetry.create(sdk));
			assertThat(internals.unavailable()).isEmpty();
			// Started (the sampler does not look at the parent), never ended.
			assertThat(this.started).containsExactly("AwsOtelProbe.Probe");
			assertNothingExported(sdk);
		}
	}

	@Test
	void withoutTheStartersTelemetryTheProbeRunsOnItsOwn() {
		UpstreamInternals internals = UpstreamInternals.check(getClass().getClassLoader(), null);
		assertThat(internals.unavailable()).isEmpty();
	}

	private void assertNothingExported(OpenTelemetrySdk sdk) {
		sdk.getSdkTracerProvider().forceFlush();
		assertThat(this.exporter.getFinishedSpanItems()).isEmpty();
		assertThat(this.metrics.collectAllMetrics()).isEmpty();
	}

	private OpenTelemetrySdk openTelemetry(Sampler sampler) {
		SpanProcessor recordStarts = new SpanProcessor() {

			@Override
			public void onStart(Context parentContext, ReadWriteSpan span) {
				UpstreamInternalsTests.this.started.add(span.getName());
			}

			@Override
			public boolean isStartRequired() {
				return true;
			}

			@Override
			public void onEnd(ReadableSpan span) {
			}

			@Override
			public boolean isEndRequired() {
				return false;
			}

		};
		return OpenTelemetrySdk.builder()
			.setTracerProvider(SdkTracerProvider.builder()
				.setSampler(sampler)
				.addSpanProcessor(recordStarts)
				.addSpanProcessor(SimpleSpanProcessor.create(this.exporter))
				.build())
			.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(this.metrics).build())
			.build();
	}

}
