/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.awsotel.compat.comparison.CallView.SpanView;
import dev.awsotel.compat.comparison.CallView.WireField;
import dev.awsotel.compat.comparison.Comparison.Row;
import dev.awsotel.compat.comparison.OtlpCollector.ExportedMetric;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link Comparison} counts as a gap (the agent gives it, the starter does not) and
 * as more, so that {@link AgentComparisonTests} can fail.
 *
 * @author aws-otel-spring-boot authors
 */
class ComparisonTests {

	private static final String CALL = "SQS SendMessage";

	@Test
	void aMissingOrDifferentAttributeIsAGapAndAnExtraOneIsMore() {
		Row row = compare(
				view(span("Sqs.SendMessage", "CLIENT",
						Map.of("rpc.method", "SendMessage", "messaging.system", "aws_sqs", "server.address",
								"127.0.0.1"))),
				view(span("Sqs.SendMessage", "CLIENT", Map.of("rpc.method", "SendMessage", "server.address",
						"localhost", "aws.region", "us-east-1"))));
		assertThat(row.gaps()).containsExactlyInAnyOrder(
				"span `Sqs.SendMessage`: attribute `messaging.system` missing (agent: `aws_sqs`)",
				"span `Sqs.SendMessage`: attribute `server.address` = `localhost`, the agent's is `127.0.0.1`");
		assertThat(row.more()).containsExactly("span `Sqs.SendMessage`: attribute `aws.region` = `us-east-1`");
	}

	@Test
	void aMissingSpanOrAnotherKindOrStatusIsAGap() {
		Row row = compare(
				view(span("Sqs.SendMessage", "PRODUCER", Map.of()), span("orders process", "CONSUMER", Map.of())),
				view(span("Sqs.SendMessage", "CLIENT", Map.of())));
		assertThat(row.gaps()).containsExactlyInAnyOrder("span `Sqs.SendMessage`: kind CLIENT, the agent's is PRODUCER",
				"span `orders process` missing (CONSUMER, parent the call's span)");
	}

	@Test
	void theApplicationsOwnSpansAreComparedByPlaceOnly() {
		SpanView agent = new SpanView("handle", "handle", "INTERNAL", "UNSET", "the call's span",
				Map.of("thread.name", "main"), List.of(), List.of(), true);
		SpanView starter = new SpanView("handle", "handle", "INTERNAL", "UNSET", "the call's span", Map.of(), List.of(),
				List.of(), true);
		assertThat(compare(view(agent), view(starter)).gaps()).isEmpty();
	}

	@Test
	void aWireFieldMissingOrWithAnotherValueIsAGapButABatchMessagesOwnSpanIsMore() {
		Row row = compare(
				view(Map.of("header x-amzn-trace-id", wire("Root=trace(a);Parent=span(Sqs.SendMessage)"),
						"header traceparent", wire("00-trace(a)-span(Sqs.SendMessage)-01"),
						"body Entries[0].MessageAttributes.traceparent.StringValue",
						wire("00-trace(a)-span(orders publish)-01"))),
				view(Map.of("header x-amzn-trace-id", wire("Root=trace(a);Parent=span(attempt)"),
						"body Entries[0].MessageAttributes.traceparent.StringValue",
						wire("00-trace(a)-span(orders create)-01"))));
		assertThat(row.gaps()).containsExactlyInAnyOrder(
				"wire `header traceparent` missing (agent: `00-trace(a)-span(Sqs.SendMessage)-01`)",
				"wire `header x-amzn-trace-id` = `Root=trace(a);Parent=span(attempt)`, the agent's is "
						+ "`Root=trace(a);Parent=span(Sqs.SendMessage)`");
		assertThat(row.more()).singleElement().asString().contains("own create span");
	}

	@Test
	void aMissingMetricOrAttributeKeyIsAGap() {
		List<ExportedMetric> agent = List.of(
				metric("gen_ai.client.token.usage", "{token}",
						Map.of("gen_ai.operation.name", "chat", "gen_ai.token.type", "input")),
				metric("http.client.request.duration", "s", Map.of()), metric("jvm.memory.used", "By", Map.of()));
		List<ExportedMetric> starter = List.of(
				metric("gen_ai.client.token.usage", "{token}", Map.of("gen_ai.operation.name", "chat")),
				metric("rpc.client.call.duration", "s", Map.of()));
		Row metrics = new Comparison(Map.of(), Map.of(), agent, starter).rows().get(Comparison.METRICS);
		assertThat(metrics.gaps()).containsExactlyInAnyOrder(
				"metric `gen_ai.client.token.usage`: attribute key `gen_ai.token.type` missing",
				"metric `http.client.request.duration` missing");
		assertThat(metrics.more()).containsExactly("metric `rpc.client.call.duration`");
	}

	@Test
	void aLinkThroughTheStartersMessageSpanReachesTheSendSpanButAnotherLinkIsAGap() {
		SpanView agent = new SpanView("process orders", "process orders", "CONSUMER", "UNSET", "the call's span",
				Map.of(), List.of(), List.of("span(send orders)", "span(send orders)"), false);
		SpanView starter = new SpanView("process orders", "process orders", "CONSUMER", "UNSET", "the call's span",
				Map.of(), List.of(),
				List.of("span(send orders) via span(create orders)", "span(send invoices) via span(create invoices)"),
				false);
		Row row = compare(view(agent), view(starter));
		assertThat(row.gaps()).containsExactly("span `process orders`: link to `span(send orders)` missing");
		assertThat(row.more())
			.containsExactly("span `process orders`: link to `span(send invoices) via span(create invoices)`");
	}

	private static Row compare(CallView agent, CallView starter) {
		return new Comparison(Map.of(CALL, agent), Map.of(CALL, starter), List.of(), List.of()).rows().get(CALL);
	}

	private static SpanView span(String name, String kind, Map<String, String> attributes) {
		return new SpanView(name, name, kind, "UNSET", "the call's span", attributes, List.of(), List.of(), false);
	}

	private static CallView view(SpanView... spans) {
		return new CallView(CALL, List.of(spans), Map.of(), 1);
	}

	private static CallView view(Map<String, WireField> wire) {
		return new CallView(CALL, List.of(), wire, 1);
	}

	private static WireField wire(String value) {
		return new WireField(new TreeSet<>(List.of(value)), new int[] { 1 });
	}

	private static ExportedMetric metric(String name, String unit, Map<String, String> attributes) {
		return new ExportedMetric("io.opentelemetry.aws-sdk-2.2", name, unit, "HISTOGRAM", List.of(attributes));
	}

}
