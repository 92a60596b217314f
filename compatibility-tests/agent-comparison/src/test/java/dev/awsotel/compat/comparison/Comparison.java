/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.awsotel.compat.comparison.CallView.SpanView;
import dev.awsotel.compat.comparison.CallView.WireField;
import dev.awsotel.compat.comparison.OtlpCollector.ExportedMetric;

/**
 * The agent's view of each call against the starter's: what the agent gives that the
 * starter does not (a gap) and what the starter gives beyond it.
 *
 * @author aws-otel-spring-boot authors
 */
final class Comparison {

	/** The row of the metrics, after the calls. */
	static final String METRICS = "Metrics (all calls)";

	private static final Pattern BATCH_MESSAGE_SPAN = Pattern.compile("span\\(([^)]*) create\\)");

	private final Map<String, Row> rows = new LinkedHashMap<>();

	Comparison(Map<String, CallView> agent, Map<String, CallView> starter, List<ExportedMetric> agentMetrics,
			List<ExportedMetric> starterMetrics) {
		for (String call : agent.keySet()) {
			Row row = new Row(render(agent.get(call)), render(starter.get(call)), new ArrayList<>(), new ArrayList<>());
			compareSpans(agent.get(call), starter.get(call), row);
			compareWire(agent.get(call), starter.get(call), row);
			this.rows.put(call, row);
		}
		Map<String, MetricView> agentView = MetricView.of(agentMetrics);
		Map<String, MetricView> starterView = MetricView.of(starterMetrics);
		Row metrics = new Row(render(agentView), render(starterView), new ArrayList<>(), new ArrayList<>());
		agentView.forEach((name, view) -> {
			MetricView other = starterView.get(name);
			if (other == null) {
				metrics.gaps().add("metric `" + name + "` missing");
				return;
			}
			if (!view.unit().equals(other.unit())) {
				metrics.gaps()
					.add("metric `" + name + "`: unit `" + other.unit() + "`, the agent's is `" + view.unit() + "`");
			}
			for (String key : view.keys()) {
				if (!other.keys().contains(key)) {
					metrics.gaps().add("metric `" + name + "`: attribute key `" + key + "` missing");
				}
			}
			other.keys()
				.stream()
				.filter((key) -> !view.keys().contains(key))
				.forEach((key) -> metrics.more().add("metric `" + name + "`: attribute key `" + key + "`"));
		});
		starterView.keySet()
			.stream()
			.filter((name) -> !agentView.containsKey(name))
			.forEach((name) -> metrics.more().add("metric `" + name + "`"));
		this.rows.put(METRICS, metrics);
	}

	Map<String, Row> rows() {
		return this.rows;
	}

	private static void compareSpans(CallView agent, CallView starter, Row row) {
		Map<String, List<SpanView>> agentSpans = byPath(agent.spans());
		Map<String, List<SpanView>> starterSpans = byPath(starter.spans());
		agentSpans.forEach((path, spans) -> {
			List<SpanView> others = starterSpans.getOrDefault(path, List.of());
			for (int i = 0; i < spans.size(); i++) {
				SpanView span = spans.get(i);
				String name = "span `" + path + "`" + ((spans.size() > 1) ? " #" + (i + 1) : "");
				if (i >= others.size()) {
					row.gaps().add(name + " missing (" + span.kind() + ", parent " + span.parent() + ")");
					continue;
				}
				SpanView other = others.get(i);
				if (!span.kind().equals(other.kind())) {
					row.gaps().add(name + ": kind " + other.kind() + ", the agent's is " + span.kind());
				}
				if (!span.status().equals(other.status())) {
					row.gaps().add(name + ": status " + other.status() + ", the agent's is " + span.status());
				}
				if (span.application()) {
					// The application's own span: where it sits is compared, not what the
					// agent adds to every span of the JVM (thread.id, thread.name, which
					// OpenTelemetry's Spring Boot starter adds with
					// otel.instrumentation.common.thread-details.enabled=true).
					continue;
				}
				span.attributes().forEach((key, value) -> {
					String otherValue = other.attributes().get(key);
					if (otherValue == null) {
						row.gaps().add(name + ": attribute `" + key + "` missing (agent: `" + value + "`)");
					}
					else if (!otherValue.equals(value)) {
						row.gaps()
							.add(name + ": attribute `" + key + "` = `" + otherValue + "`, the agent's is `" + value
									+ "`");
					}
				});
				other.attributes()
					.entrySet()
					.stream()
					.filter((entry) -> !span.attributes().containsKey(entry.getKey()))
					.forEach((entry) -> row.more()
						.add(name + ": attribute `" + entry.getKey() + "` = `" + entry.getValue() + "`"));
				List<String> otherEvents = new ArrayList<>(other.events());
				for (String event : span.events()) {
					if (!otherEvents.remove(event)) {
						row.gaps().add(name + ": event `" + event + "` missing");
					}
				}
				otherEvents.forEach((event) -> row.more().add(name + ": event `" + event + "`"));
				List<String> otherLinks = new ArrayList<>(other.links());
				for (String link : span.links()) {
					String reaching = otherLinks.stream()
						.filter((otherLink) -> otherLink.equals(link)
								|| otherLink.startsWith(link + CallView.SpanView.VIA))
						.findFirst()
						.orElse(null);
					if (reaching == null || !otherLinks.remove(reaching)) {
						row.gaps().add(name + ": link to `" + link + "` missing");
					}
				}
				otherLinks.forEach((link) -> row.more().add(name + ": link to `" + link + "`"));
			}
			for (int i = spans.size(); i < others.size(); i++) {
				row.more().add("span `" + path + "` (" + others.get(i).kind() + ")");
			}
		});
		starterSpans.forEach((path, spans) -> {
			if (!agentSpans.containsKey(path)) {
				spans.forEach((span) -> row.more()
					.add("span `" + path + "` (" + span.kind() + ", parent " + span.parent() + ")"));
			}
		});
	}

	private static void compareWire(CallView agent, CallView starter, Row row) {
		agent.wire().forEach((key, field) -> {
			WireField other = starter.wire().get(key);
			if (other == null) {
				row.gaps().add("wire `" + key + "` missing (agent: " + field + ")");
			}
			else if (!other.values().containsAll(field.values())) {
				// Each message of a batch carries the context of its own create span, a
				// child of the publish span whose context the agent sends with all.
				TreeSet<String> asPublish = new TreeSet<>();
				other.values()
					.forEach(
							(value) -> asPublish.add(BATCH_MESSAGE_SPAN.matcher(value).replaceAll("span($1 publish)")));
				if (asPublish.containsAll(field.values())) {
					row.more()
						.add("wire `" + key + "` = " + other
								+ ": the message's own create span, a child of the publish span the agent names");
				}
				else {
					row.gaps().add("wire `" + key + "` = " + other + ", the agent's is " + field);
				}
			}
			else if (other.count()[0] < field.count()[0]) {
				row.gaps()
					.add("wire `" + key + "` on " + other.count()[0] + " requests, the agent's on " + field.count()[0]);
			}
		});
		starter.wire().forEach((key, field) -> {
			if (!agent.wire().containsKey(key)) {
				row.more().add("wire `" + key + "` = " + field);
			}
		});
	}

	private static Map<String, List<SpanView>> byPath(List<SpanView> spans) {
		Map<String, List<SpanView>> byPath = new LinkedHashMap<>();
		spans.forEach((span) -> byPath.computeIfAbsent(span.path(), (key) -> new ArrayList<>()).add(span));
		return byPath;
	}

	private static List<String> render(CallView view) {
		List<String> lines = new ArrayList<>();
		for (SpanView span : view.spans()) {
			lines.add("**`" + span.name() + "`** " + span.kind()
					+ (span.status().equals("UNSET") ? "" : " " + span.status()) + ", parent "
					+ (span.parent().startsWith("the call") ? span.parent() : "`" + span.parent() + "`") + ": "
					+ span.attributes()
						.entrySet()
						.stream()
						.map((entry) -> "`" + entry.getKey() + "`=`" + entry.getValue() + "`")
						.collect(Collectors.joining(", "))
					+ (span.events().isEmpty() ? ""
							: "; events: " + span.events()
								.stream()
								.map((event) -> "`" + event + "`")
								.collect(Collectors.joining(", ")))
					+ (span.links().isEmpty() ? "" : "; links to "
							+ span.links().stream().map((link) -> "`" + link + "`").collect(Collectors.joining(", "))));
		}
		if (view.spans().isEmpty()) {
			lines.add("no span");
		}
		view.wire().forEach((key, field) -> lines.add("wire: `" + key + "` = " + field));
		if (view.wire().isEmpty()) {
			lines.add("wire: nothing added");
		}
		return lines;
	}

	private static List<String> render(Map<String, MetricView> metrics) {
		List<String> lines = new ArrayList<>();
		metrics.forEach((name, view) -> lines.add("**`" + name + "`** (`" + view.unit() + "`, " + view.type() + "): "
				+ view.keys().stream().map((key) -> "`" + key + "`").collect(Collectors.joining(", "))));
		if (lines.isEmpty()) {
			lines.add("none");
		}
		return lines;
	}

	/**
	 * A row of the table.
	 *
	 * @param agent what the agent gives
	 * @param starter what the starter gives
	 * @param gaps what the agent gives that the starter does not
	 * @param more what the starter gives beyond the agent
	 */
	record Row(List<String> agent, List<String> starter, List<String> gaps, List<String> more) {

	}

	/**
	 * A metric as exported over a run, about the AWS calls.
	 *
	 * @param unit its unit
	 * @param type its data type
	 * @param keys every attribute key of its points
	 */
	record MetricView(String unit, String type, TreeSet<String> keys) {

		static Map<String, MetricView> of(List<ExportedMetric> metrics) {
			Map<String, MetricView> views = new TreeMap<>();
			for (ExportedMetric metric : metrics) {
				if (!aboutCalls(metric)) {
					continue;
				}
				MetricView view = views.computeIfAbsent(metric.name(),
						(name) -> new MetricView(metric.unit(), metric.type(), new TreeSet<>()));
				view.keys().addAll(metric.attributeKeys());
			}
			return views;
		}

		/**
		 * Whether a metric is about the calls, not about the JVM, the SDK's own export or
		 * the application's tracer.
		 */
		private static boolean aboutCalls(ExportedMetric metric) {
			String name = metric.name();
			return !(name.startsWith("jvm.") || name.startsWith("process.") || name.startsWith("system.")
					|| name.startsWith("otel.sdk.") || name.startsWith("otlp.exporter.") || name.startsWith("queueSize")
					|| name.startsWith("processed") || Objects.equals(metric.scope(), ComparisonApplication.TRACER));
		}

	}

}
