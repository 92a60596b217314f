/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the starter writes into each message sent, computed without the propagators' maps:
 * the X-Ray trace header as {@link AwsXrayPropagator} writes it, the attributes and size
 * the propagators give, and UTF-8 lengths as {@link String#getBytes} counts them.
 *
 * @author aws-otel-spring-boot authors
 */
class MessageContextEncodingTests {

	private static final SpanContext SAMPLED = SpanContext.create("5759e988bd862e3fe1be46a994272793",
			"53995c3f42cd8ad8", TraceFlags.getSampled(), TraceState.builder().put("xrsr", "x").build());

	private static final SpanContext UNSAMPLED = SpanContext.create("0af7651916cd43dd8448eb211c80319c",
			"b7ad6b7169203331", TraceFlags.getDefault(), TraceState.getDefault());

	private final MessagePropagation propagation = new MessagePropagation(
			OpenTelemetry.propagating(ContextPropagators.create(TextMapPropagator
				.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()))),
			ProcessSpanParent.PRODUCER);

	@Test
	void xrayHeaderIsWhatTheXrayPropagatorInjects() {
		Context sampled = Context.root().with(Span.wrap(SAMPLED));
		Context unsampled = Context.root().with(Span.wrap(UNSAMPLED));
		Context lineage = sampled
			.with(Baggage.builder().put("Lineage", "a87bd80c:1|68fd508a:5|c512fbe3:2").put("tenant", "acme").build());
		Context longLineage = sampled.with(Baggage.builder().put("Lineage", "x".repeat(300)).build());
		for (Context context : List.of(sampled, unsampled, lineage, longLineage)) {
			assertThat(this.propagation.xrayHeaderFor(context)).isEqualTo(xrayPropagator(context)).isNotNull();
		}
		assertThat(this.propagation.xrayHeaderFor(Context.root())).isNull();
		assertThat(this.propagation.xrayHeaderFor(Context.root().with(Span.wrap(SpanContext.getInvalid())))).isNull();
	}

	@Test
	void contextAttributesAreWhatThePropagatorsSetWithTheirSize() {
		Context context = Context.root().with(Span.wrap(SAMPLED)).with(Baggage.builder().put("tenant", "acmé").build());
		SqsMessagePropagation.ContextAttributes added = new SqsMessagePropagation.ContextAttributes();
		this.propagation.inject(context, added, SqsMessagePropagation.ContextAttributes.SETTER);

		Map<String, String> expected = this.propagation.attributesFor(context);
		assertThat(expected).containsOnlyKeys("traceparent", "tracestate", "baggage");
		Map<String, String> actual = new LinkedHashMap<>();
		for (int i = 0; i < added.count; i++) {
			actual.put(added.names[i], added.values[i]);
		}
		assertThat(actual).containsExactlyEntriesOf(expected);
		long bytes = 0;
		for (Map.Entry<String, String> attribute : expected.entrySet()) {
			bytes += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + "String".length()
					+ attribute.getValue().getBytes(StandardCharsets.UTF_8).length;
		}
		assertThat(added.bytes).isEqualTo(bytes);
	}

	@Test
	void aFieldSetTwiceCountsOnceWithItsLastValue() {
		SqsMessagePropagation.ContextAttributes added = new SqsMessagePropagation.ContextAttributes();
		SqsMessagePropagation.ContextAttributes.SETTER.set(added, "a", "1");
		SqsMessagePropagation.ContextAttributes.SETTER.set(added, "b", "22");
		SqsMessagePropagation.ContextAttributes.SETTER.set(added, "c", "333");
		SqsMessagePropagation.ContextAttributes.SETTER.set(added, "a", "4444");
		assertThat(added.count).isEqualTo(3);
		assertThat(added.values[0]).isEqualTo("4444");
		assertThat(added.bytes).isEqualTo((1 + 6 + 4) + (1 + 6 + 2) + (1 + 6 + 3));
	}

	@Test
	void utf8LengthIsTheEncodedLength() {
		List<String> strings = List.of("", "order 1", "é", "€uro", "😀", "a\uD83D", "\uDE00b", "\uDE00\uD83D",
				"x".repeat(1000));
		for (String string : strings) {
			assertThat(MessagePropagation.utf8Length(string)).as(string)
				.isEqualTo(string.getBytes(StandardCharsets.UTF_8).length);
		}
		Random random = new Random(16);
		for (int i = 0; i < 2000; i++) {
			char[] chars = new char[random.nextInt(12)];
			for (int j = 0; j < chars.length; j++) {
				chars[j] = (char) random.nextInt(Character.MAX_VALUE + 1);
			}
			String string = new String(chars);
			assertThat(MessagePropagation.utf8Length(string)).isEqualTo(string.getBytes(StandardCharsets.UTF_8).length);
		}
		assertThat(MessagePropagation.utf8Length(null)).isZero();
	}

	private static String xrayPropagator(Context context) {
		Map<String, String> carrier = new LinkedHashMap<>();
		AwsXrayPropagator.getInstance().inject(context, carrier, Map::put);
		return carrier.get("X-Amzn-Trace-Id");
	}

}
