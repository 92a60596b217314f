/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as its README does and reads the console.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	// How the console exporter prints a span:
	// 'name' : traceId spanId KIND [tracer: name:version] AttributesMap{data={...}, ...}
	private static final Pattern SPAN = Pattern
		.compile("'(?<name>[^']+)' : (?<traceId>[0-9a-f]{32}) (?<spanId>[0-9a-f]{16}) (?<kind>[A-Z]+) "
				+ "\\[tracer: (?<tracer>[^\\]]*)\\] (?<attributes>.*)");

	@Test
	void whenSampleRunsThenSendMessageSpanIsPrintedInThePlaceOrderTrace(CapturedOutput output) {
		// The context is closed here instead of by System.exit in main.
		try (ConfigurableApplicationContext context = SampleApplication.application(Map.of()).run()) {
			assertThat(context.getEnvironment().getActiveProfiles()).doesNotContain(SampleApplication.OTLP_PROFILE);
		}

		List<PrintedSpan> spans = spans(output);
		PrintedSpan placeOrder = single(spans, "place-order");
		assertThat(placeOrder.kind()).isEqualTo("INTERNAL");
		assertThat(placeOrder.attributes()).contains("order.id=order-1");
		PrintedSpan send = single(spans, "orders publish");
		assertThat(send.kind()).isEqualTo("PRODUCER");
		assertThat(send.attributes()).contains("rpc.system=aws-api", "rpc.service=Sqs", "rpc.method=SendMessage",
				"aws.region=us-east-1");
		assertThat(send.traceId()).isEqualTo(placeOrder.traceId());
		assertThat(send.spanId()).isNotEqualTo(placeOrder.spanId());
		PrintedSpan receive = single(spans, "Sqs.ReceiveMessage");
		assertThat(receive.traceId()).isEqualTo(single(spans, "ship-order").traceId());
		assertThat(output.getOut()).contains("Sent order-1 as message", "in trace " + placeOrder.traceId(),
				"Received order-1 (message ");
	}

	@Test
	void whenOtlpEndpointIsSetThenSpansGoOverOtlp() {
		SpringApplication application = SampleApplication
			.application(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"));
		assertThat(application.getAdditionalProfiles()).containsExactly(SampleApplication.OTLP_PROFILE);
		assertThat(SampleApplication.application(Map.of()).getAdditionalProfiles()).isEmpty();
		// The sample's application.yml, without the sample itself.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Empty.class)
			.profiles(SampleApplication.OTLP_PROFILE)
			.run()) {
			assertThat(context.getEnvironment().getProperty("otel.traces.exporter")).isEqualTo("otlp");
		}
	}

	private static List<PrintedSpan> spans(CapturedOutput output) {
		return output.getOut().lines().map(SPAN::matcher).filter(Matcher::find).map(PrintedSpan::new).toList();
	}

	private static PrintedSpan single(List<PrintedSpan> spans, String name) {
		List<PrintedSpan> named = spans.stream().filter((span) -> span.name().equals(name)).toList();
		assertThat(named).as("spans named '%s' in %s", name, spans).hasSize(1);
		return named.get(0);
	}

	record PrintedSpan(String name, String traceId, String spanId, String kind, String attributes) {

		PrintedSpan(Matcher matcher) {
			this(matcher.group("name"), matcher.group("traceId"), matcher.group("spanId"), matcher.group("kind"),
					matcher.group("attributes"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
