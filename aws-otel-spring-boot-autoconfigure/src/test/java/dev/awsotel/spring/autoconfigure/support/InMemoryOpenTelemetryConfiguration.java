/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.support;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application's {@link OpenTelemetry} bean that keeps finished spans and metrics in
 * memory, so tests assert on exactly what an exporter would send.
 *
 * @author aws-otel-spring-boot authors
 */
@Configuration(proxyBeanMethods = false)
public class InMemoryOpenTelemetryConfiguration {

	@Bean
	InMemorySpanExporter spanExporter() {
		return InMemorySpanExporter.create();
	}

	@Bean
	InMemoryMetricReader metricReader() {
		return InMemoryMetricReader.create();
	}

	@Bean(destroyMethod = "close")
	OpenTelemetrySdk openTelemetry(InMemorySpanExporter spanExporter, InMemoryMetricReader metricReader) {
		return OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
			.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
			.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
			.build();
	}

}
