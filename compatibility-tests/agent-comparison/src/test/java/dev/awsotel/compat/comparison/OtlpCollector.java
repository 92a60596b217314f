/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP (protobuf) receiver on loopback for traces and metrics, which both the
 * Java agent and the starter export to the same way. Each run names itself in the
 * resource attribute {@value #RUN_ATTRIBUTE}.
 *
 * @author aws-otel-spring-boot authors
 */
final class OtlpCollector implements AutoCloseable {

	static final String RUN_ATTRIBUTE = "comparison.run";

	private final HttpServer server;

	private final Map<String, List<ExportedSpan>> spans = new ConcurrentHashMap<>();

	private final Map<String, List<ExportedMetric>> metrics = new ConcurrentHashMap<>();

	OtlpCollector() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/v1/traces", (exchange) -> handle(exchange, this::traces));
		this.server.createContext("/v1/metrics", (exchange) -> handle(exchange, this::metrics));
		this.server.createContext("/v1/logs", (exchange) -> handle(exchange, (body) -> {
		}));
		this.server.start();
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<ExportedSpan> spans(String run) {
		return this.spans.getOrDefault(run, List.of());
	}

	List<ExportedMetric> metrics(String run) {
		return this.metrics.getOrDefault(run, List.of());
	}

	private void handle(HttpExchange exchange, BodyHandler handler) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
					? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			handler.handle(body);
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	private void traces(byte[] body) throws IOException {
		for (ResourceSpans resourceSpans : ExportTraceServiceRequest.parseFrom(body).getResourceSpansList()) {
			String run = attributes(resourceSpans.getResource().getAttributesList()).getOrDefault(RUN_ATTRIBUTE, "");
			List<ExportedSpan> runSpans = this.spans.computeIfAbsent(run, (key) -> new CopyOnWriteArrayList<>());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					List<ExportedEvent> events = span.getEventsList()
						.stream()
						.map((event) -> new ExportedEvent(event.getName(), attributes(event.getAttributesList())))
						.toList();
					List<ExportedLink> links = span.getLinksList()
						.stream()
						.map((link) -> new ExportedLink(hex(link.getTraceId().toByteArray()),
								hex(link.getSpanId().toByteArray()), attributes(link.getAttributesList())))
						.toList();
					runSpans.add(new ExportedSpan(hex(span.getTraceId().toByteArray()),
							hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()),
							span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
							span.getStatus().getCode().name().replace("STATUS_CODE_", ""),
							scopeSpans.getScope().getName(), attributes(span.getAttributesList()), events, links,
							span.getStartTimeUnixNano()));
				}
			}
		}
	}

	private void metrics(byte[] body) throws IOException {
		for (ResourceMetrics resourceMetrics : ExportMetricsServiceRequest.parseFrom(body).getResourceMetricsList()) {
			String run = attributes(resourceMetrics.getResource().getAttributesList()).getOrDefault(RUN_ATTRIBUTE, "");
			List<ExportedMetric> runMetrics = this.metrics.computeIfAbsent(run, (key) -> new CopyOnWriteArrayList<>());
			for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
				for (Metric metric : scopeMetrics.getMetricsList()) {
					List<List<KeyValue>> points = switch (metric.getDataCase()) {
						case GAUGE -> metric.getGauge()
							.getDataPointsList()
							.stream()
							.map((point) -> point.getAttributesList())
							.toList();
						case SUM -> metric.getSum()
							.getDataPointsList()
							.stream()
							.map((point) -> point.getAttributesList())
							.toList();
						case HISTOGRAM -> metric.getHistogram()
							.getDataPointsList()
							.stream()
							.map((point) -> point.getAttributesList())
							.toList();
						case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram()
							.getDataPointsList()
							.stream()
							.map((point) -> point.getAttributesList())
							.toList();
						default -> List.of();
					};
					List<Map<String, String>> pointAttributes = points.stream().map(OtlpCollector::attributes).toList();
					runMetrics.add(new ExportedMetric(scopeMetrics.getScope().getName(), metric.getName(),
							metric.getUnit(), metric.getDataCase().name(), pointAttributes));
				}
			}
		}
	}

	private static Map<String, String> attributes(List<KeyValue> keyValues) {
		Map<String, String> attributes = new TreeMap<>();
		for (KeyValue keyValue : keyValues) {
			attributes.put(keyValue.getKey(), value(keyValue.getValue()));
		}
		return attributes;
	}

	private static String value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			case ARRAY_VALUE -> value.getArrayValue()
				.getValuesList()
				.stream()
				.map(OtlpCollector::value)
				.collect(Collectors.joining(", ", "[", "]"));
			case BYTES_VALUE -> hex(value.getBytesValue().toByteArray());
			default -> value.toString();
		};
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private interface BodyHandler {

		void handle(byte[] body) throws IOException;

	}

	/**
	 * A span as exported.
	 *
	 * @param traceId the trace id
	 * @param spanId the span id
	 * @param parentSpanId the parent's span id, empty for a root
	 * @param name the name
	 * @param kind the kind ({@code CLIENT}...)
	 * @param status the status code ({@code UNSET}, {@code OK}, {@code ERROR})
	 * @param scope the instrumentation scope
	 * @param attributes the attributes, values as text
	 * @param events the events
	 * @param links the links
	 * @param startNanos the start time
	 */
	record ExportedSpan(String traceId, String spanId, String parentSpanId, String name, String kind, String status,
			String scope, Map<String, String> attributes, List<ExportedEvent> events, List<ExportedLink> links,
			long startNanos) {

	}

	/**
	 * A span event.
	 *
	 * @param name the name
	 * @param attributes the attributes
	 */
	record ExportedEvent(String name, Map<String, String> attributes) {

	}

	/**
	 * A span link.
	 *
	 * @param traceId the linked trace
	 * @param spanId the linked span
	 * @param attributes the attributes
	 */
	record ExportedLink(String traceId, String spanId, Map<String, String> attributes) {

	}

	/**
	 * A metric of one export.
	 *
	 * @param scope the instrumentation scope
	 * @param name the name
	 * @param unit the unit
	 * @param type the data type
	 * @param points the attributes of each data point
	 */
	record ExportedMetric(String scope, String name, String unit, String type, List<Map<String, String>> points) {

		TreeSet<String> attributeKeys() {
			TreeSet<String> keys = new TreeSet<>();
			this.points.forEach((point) -> keys.addAll(point.keySet()));
			return keys;
		}

	}

}
