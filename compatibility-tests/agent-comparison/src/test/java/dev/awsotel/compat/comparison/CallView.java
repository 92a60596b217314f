/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.awsotel.compat.comparison.OtlpCollector.ExportedSpan;
import dev.awsotel.compat.comparison.RecordingProxy.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one run shows of one call, normalised so that two runs can be compared: the spans
 * of the call's trace (all but the call's own span) and the fields the instrumentation
 * added to its requests (those absent from the untraced baseline's requests for the same
 * call).
 *
 * @param call the call
 * @param spans the spans, in the order they started
 * @param wire each added field with its values
 * @param requests how many requests the call made
 * @author aws-otel-spring-boot authors
 */
record CallView(String call, List<SpanView> spans, Map<String, WireField> wire, int requests) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern XRAY_TRACE_ID = Pattern.compile("1-([0-9a-f]{8})-([0-9a-f]{24})");

	private static final Pattern TRACE_ID = Pattern.compile("\\b[0-9a-f]{32}\\b");

	// Not the digits of a decimal fraction (0.8999999761581421).
	private static final Pattern SPAN_ID = Pattern.compile("(?<![.0-9a-f])[0-9a-f]{16}(?![0-9a-f])");

	private static final Pattern REQUEST_ID = Pattern.compile("(Request ID: )[^,)\\s]+");

	private static final Pattern UUID = Pattern
		.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");

	private static final Pattern LOOPBACK_PORT = Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+");

	private static final Pattern FORM_ATTRIBUTE_NAME = Pattern.compile("(.*MessageAttributes)\\.entry\\.(\\d+)\\.Name");

	private static final Pattern FORM_ATTRIBUTE_VALUE = Pattern
		.compile("(.*MessageAttributes)\\.entry\\.(\\d+)\\.(.*)");

	/**
	 * Attributes whose values differ from call to call whatever traces it: only their
	 * presence is compared.
	 */
	static final Set<String> VARYING_ATTRIBUTES = Set.of("aws.request_id", "messaging.message.id", "server.port",
			"aws.extended_request_id", "network.peer.port", "aws.attempt.duration");

	/**
	 * Builds the view of each call of a run.
	 * @param run the run
	 * @param spans the run's spans
	 * @param requests the run's requests
	 * @param baseline the untraced run's requests, or {@code null} for the baseline
	 * itself
	 * @return the views by call, in the order of {@link ComparisonApplication#CALLS}
	 */
	static Map<String, CallView> of(String run, List<ExportedSpan> spans, List<RecordedRequest> requests,
			List<RecordedRequest> baseline) {
		Normalizer normalizer = new Normalizer(run, spans);
		Map<String, ExportedSpan> byId = new HashMap<>();
		spans.forEach((span) -> byId.put(span.spanId(), span));
		Map<String, CallView> views = new LinkedHashMap<>();
		for (String call : ComparisonApplication.CALLS) {
			ExportedSpan root = spans.stream()
				.filter((span) -> span.parentSpanId().isEmpty() && span.name().equals(call)
						&& span.scope().equals(ComparisonApplication.TRACER))
				.findFirst()
				.orElse(null);
			List<SpanView> views2 = new ArrayList<>();
			if (root != null) {
				spans.stream()
					.filter((span) -> span.traceId().equals(root.traceId()) && span != root)
					.sorted(Comparator.comparingLong(ExportedSpan::startNanos))
					.forEach((span) -> views2.add(SpanView.of(span, byId, root, normalizer)));
			}
			List<RecordedRequest> callRequests = callRequests(requests, run, call);
			Map<String, WireField> wire = new TreeMap<>();
			if (baseline != null) {
				Set<String> untraced = new TreeSet<>();
				callRequests(baseline, "baseline", call)
					.forEach((request) -> untraced.addAll(fields(request).keySet()));
				for (RecordedRequest request : callRequests) {
					fields(request).forEach((key, value) -> {
						if (!untraced.contains(key)) {
							wire.computeIfAbsent(key, (k) -> new WireField(new TreeSet<>(), new int[1]))
								.add(normalizer.apply(value));
						}
					});
				}
			}
			views.put(call, new CallView(call, views2, wire, callRequests.size()));
		}
		return views;
	}

	private static List<RecordedRequest> callRequests(List<RecordedRequest> requests, String run, String call) {
		return requests.stream()
			.filter((request) -> (run + "|" + call).equals(request.headers().get(ComparisonApplication.CALL_HEADER)))
			.toList();
	}

	/**
	 * Returns the fields of a request: headers, the decoded Lambda client context, the
	 * members of a JSON or form body.
	 */
	static Map<String, String> fields(RecordedRequest request) {
		Map<String, String> fields = new TreeMap<>();
		request.headers().forEach((name, value) -> {
			if (name.equals(ComparisonApplication.CALL_HEADER)) {
				return;
			}
			if (name.equals("x-amz-client-context")) {
				flatten("header x-amz-client-context (base64 JSON) ",
						JSON.readTree(Base64.getDecoder().decode(value.trim())), fields);
				return;
			}
			fields.put("header " + name, value);
		});
		String contentType = request.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
		String body = new String(request.body(), StandardCharsets.UTF_8);
		if (contentType.contains("json") && body.startsWith("{")) {
			flatten("body ", JSON.readTree(body), fields);
		}
		else if (contentType.contains("x-www-form-urlencoded")) {
			Map<String, String> form = new TreeMap<>();
			for (String pair : body.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
			// Message attributes are numbered in map order: key them by name instead.
			Map<String, String> names = new HashMap<>();
			form.forEach((key, value) -> {
				Matcher name = FORM_ATTRIBUTE_NAME.matcher(key);
				if (name.matches()) {
					names.put(name.group(1) + "." + name.group(2), value);
				}
			});
			form.forEach((key, value) -> {
				Matcher entry = FORM_ATTRIBUTE_VALUE.matcher(key);
				if (entry.matches() && names.containsKey(entry.group(1) + "." + entry.group(2))) {
					if (!entry.group(3).equals("Name")) {
						fields.put("body " + entry.group(1) + "[" + names.get(entry.group(1) + "." + entry.group(2))
								+ "]." + entry.group(3), value);
					}
				}
				else {
					fields.put("body " + key, value);
				}
			});
		}
		return fields;
	}

	private static void flatten(String path, JsonNode node, Map<String, String> fields) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				flatten(path + (path.endsWith(" ") ? "" : ".") + property.getKey(), property.getValue(), fields);
			}
		}
		else if (node.isArray()) {
			int index = 0;
			for (JsonNode element : node.values()) {
				if (element.isValueNode()) {
					// A list of names (attributes asked for on receive): each name a
					// field.
					fields.put(path + "[" + element.asString() + "]", "");
				}
				else {
					flatten(path + "[" + index + "]", element, fields);
				}
				index++;
			}
		}
		else {
			fields.put(path, node.isString() ? node.stringValue() : node.toString());
		}
	}

	/**
	 * A field the instrumentation added to a call's requests.
	 *
	 * @param values its normalised values
	 * @param count how many of the call's requests carry it
	 */
	record WireField(TreeSet<String> values, int[] count) {

		void add(String value) {
			this.values.add(value);
			this.count[0]++;
		}

		@Override
		public String toString() {
			return this.values.stream().map((value) -> "`" + value + "`").collect(Collectors.joining(" or "))
					+ ((this.count[0] > 1) ? " (" + this.count[0] + " requests)" : "");
		}

	}

	/**
	 * A span of a call, normalised.
	 *
	 * @param path its name and its ancestors' up to the call's span, which identify it
	 * within the call
	 * @param name the name
	 * @param kind the kind
	 * @param status the status code
	 * @param parent the parent's name, or "the call's span"
	 * @param attributes the attributes, values normalised
	 * @param events each event's name and attributes
	 * @param links each link's target
	 * @param application whether it is a span of the application's own tracer
	 */
	record SpanView(String path, String name, String kind, String status, String parent, Map<String, String> attributes,
			List<String> events, List<String> links, boolean application) {

		/**
		 * Between a link's target and the starter's message span it reaches it through.
		 */
		static final String VIA = " via ";

		/**
		 * Returns whether a span is the starter's span of one message of a batch
		 * ({@code <queue> create}, or {@code create <queue>} in the stable messaging
		 * conventions), absent under the agent.
		 */
		static boolean isStarterMessageSpan(ExportedSpan span) {
			return span.scope().equals("dev.awsotel.aws-sdk-messaging")
					&& (span.name().endsWith(" create") || span.name().startsWith("create "));
		}

		static SpanView of(ExportedSpan span, Map<String, ExportedSpan> byId, ExportedSpan root,
				Normalizer normalizer) {
			StringBuilder path = new StringBuilder(normalizer.apply(span.name()));
			ExportedSpan parent = byId.get(span.parentSpanId());
			String parentName = (parent != null)
					? ((parent == root) ? "the call's span" : normalizer.apply(parent.name()))
					: "(not exported: " + span.parentSpanId() + ")";
			for (ExportedSpan ancestor = parent; ancestor != null
					&& ancestor != root; ancestor = byId.get(ancestor.parentSpanId())) {
				// The starter's span of one message of a batch (a child of the batch's
				// publish span, absent under the agent) is left out of what identifies
				// the spans below it: they are matched with the agent's by the rest.
				if (!isStarterMessageSpan(ancestor)) {
					path.append(" < ").append(normalizer.apply(ancestor.name()));
				}
			}
			Map<String, String> attributes = new TreeMap<>();
			span.attributes()
				.forEach((key, value) -> attributes.put(key,
						VARYING_ATTRIBUTES.contains(key) ? "(varies)" : normalizer.apply(value)));
			List<String> events = span.events().stream().map((event) -> {
				Map<String, String> eventAttributes = new TreeMap<>();
				event.attributes()
					.forEach((key, value) -> eventAttributes.put(key,
							key.equals("exception.stacktrace") ? "(stack trace)" : normalizer.apply(value)));
				return event.name() + " " + eventAttributes;
			}).toList();
			List<String> links = span.links().stream().map((link) -> {
				// A link to the starter's span of one message of a batch (what that
				// message carries) reaches the batch's send span, its parent, that the
				// agent's message carries: shown as both, matched by the send span.
				ExportedSpan target = byId.get(link.spanId());
				if (target != null && isStarterMessageSpan(target) && byId.containsKey(target.parentSpanId())) {
					return normalizer.apply(target.parentSpanId()) + VIA + normalizer.apply(link.spanId());
				}
				return normalizer.apply(link.spanId());
			}).toList();
			return new SpanView(path.toString(), normalizer.apply(span.name()), span.kind(), span.status(), parentName,
					attributes, events, links, span.scope().equals(ComparisonApplication.TRACER));
		}

	}

	/**
	 * Replaces what differs between runs for the same call: the run's name in resource
	 * names, trace and span ids (by the name of the call or span they stand for),
	 * loopback ports and UUIDs.
	 */
	static final class Normalizer {

		private final String run;

		private final Map<String, String> traces = new HashMap<>();

		private final Map<String, String> spans = new HashMap<>();

		Normalizer(String run, List<ExportedSpan> spans) {
			this.run = run;
			for (ExportedSpan span : spans) {
				this.spans.put(span.spanId(), "span(" + span.name().replace(run, "RUN") + ")");
				if (span.parentSpanId().isEmpty()) {
					this.traces.put(span.traceId(), "trace(" + span.name().replace(run, "RUN") + ")");
				}
			}
		}

		String apply(String value) {
			String normalized = value.replace(this.run, "RUN");
			normalized = replace(XRAY_TRACE_ID, normalized, (matcher) -> this.traces
				.getOrDefault(matcher.group(1) + matcher.group(2), "1-" + matcher.group(1) + "-" + matcher.group(2)));
			normalized = replace(TRACE_ID, normalized, (matcher) -> this.traces.getOrDefault(matcher.group(), "(id)"));
			normalized = replace(SPAN_ID, normalized,
					(matcher) -> this.spans.getOrDefault(matcher.group(), "(span not exported)"));
			normalized = replace(UUID, normalized, (matcher) -> "(uuid)");
			normalized = REQUEST_ID.matcher(normalized).replaceAll("$1(varies)");
			return LOOPBACK_PORT.matcher(normalized).replaceAll("$1:PORT");
		}

		private static String replace(Pattern pattern, String value,
				java.util.function.Function<Matcher, String> replacement) {
			Matcher matcher = pattern.matcher(value);
			StringBuilder out = new StringBuilder();
			while (matcher.find()) {
				matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
			}
			matcher.appendTail(out);
			return out.toString();
		}

	}

}
