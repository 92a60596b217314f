/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keeps the spans of the last traces in memory, so that the page at {@code /} can draw
 * them without a tracing backend. Added to the OpenTelemetry SDK that the OpenTelemetry
 * Spring Boot starter builds, beside the exporter.
 *
 * @author aws-otel-spring-boot authors
 */
@RestController
class RecentTraces implements SpanProcessor {

	private static final int TRACES = 20;

	private static final List<AttributeKey<String>> SHOWN = List.of(AttributeKey.stringKey("rpc.service"),
			AttributeKey.stringKey("rpc.method"), AttributeKey.stringKey("http.route"),
			AttributeKey.stringKey("messaging.destination.name"), AttributeKey.stringKey("aws.region"));

	private final Map<String, List<SpanData>> traces = new LinkedHashMap<>(TRACES, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, List<SpanData>> eldest) {
			return size() > TRACES;
		}

	};

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
	}

	@Override
	public boolean isStartRequired() {
		return false;
	}

	@Override
	public synchronized void onEnd(ReadableSpan span) {
		SpanData data = span.toSpanData();
		this.traces.computeIfAbsent(data.getTraceId(), (traceId) -> new ArrayList<>()).add(data);
	}

	@Override
	public boolean isEndRequired() {
		return true;
	}

	/**
	 * The last traces, newest first, each span with what the waterfall needs.
	 * @return the traces
	 */
	@GetMapping("/traces")
	synchronized List<TraceView> traces() {
		List<TraceView> views = new ArrayList<>();
		this.traces.forEach((traceId, spans) -> {
			// The page's own requests (this list, the page, Actuator) are traces of a
			// lone server span: left out, so that orders stay in view.
			if (spans.stream().allMatch((span) -> span.getKind() == SpanKind.SERVER)) {
				return;
			}
			long start = spans.stream().mapToLong(SpanData::getStartEpochNanos).min().orElse(0);
			List<SpanView> spanViews = spans.stream()
				.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
				.map((span) -> new SpanView(span.getSpanId(),
						span.getParentSpanContext().isValid() ? span.getParentSpanId() : null, span.getName(),
						span.getKind().name(), (span.getStartEpochNanos() - start) / 1000,
						(span.getEndEpochNanos() - span.getStartEpochNanos()) / 1000,
						span.getStatus().getStatusCode().name(), shown(span)))
				.toList();
			views.add(0, new TraceView(traceId, start / 1_000_000, spanViews));
		});
		return views;
	}

	private static Map<String, String> shown(SpanData span) {
		Map<String, String> shown = new LinkedHashMap<>();
		for (AttributeKey<String> key : SHOWN) {
			String value = span.getAttributes().get(key);
			if (value != null) {
				shown.put(key.getKey(), value);
			}
		}
		return shown;
	}

	record TraceView(String traceId, long startEpochMillis, List<SpanView> spans) {

	}

	record SpanView(String spanId, String parentSpanId, String name, String kind, long startMicros, long durationMicros,
			String status, Map<String, String> attributes) {

	}

	@Configuration(proxyBeanMethods = false)
	static class SdkConfiguration {

		// The OpenTelemetry Spring Boot starter applies customizer beans to the SDK it
		// builds.
		@Bean
		AutoConfigurationCustomizerProvider recentTracesCustomizer(RecentTraces recentTraces) {
			return (customizer) -> customizer
				.addTracerProviderCustomizer((builder, config) -> builder.addSpanProcessor(recentTraces));
		}

	}

}
