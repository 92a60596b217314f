/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as its README does (its own local servers, spans on the console),
 * places an order over HTTP and follows it through one trace.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationIntegrationTests {

	private static final Pattern ID = Pattern.compile("\"(orderId|traceId)\":\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void whenAnOrderIsPlacedThenOneTraceHoldsTheRequestEveryAwsCallAndTheConsumer(CapturedOutput output)
			throws Exception {
		try (ConfigurableApplicationContext context = SampleApplication.application(Map.of()).run("--server.port=0")) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");

			HttpResponse<String> placed = post(base + "/orders", "{\"item\":\"coffee beans\",\"quantity\":2}");
			assertThat(placed.statusCode()).isEqualTo(201);
			Map<String, String> ids = ids(placed.body());
			String orderId = ids.get("orderId");
			String traceId = ids.get("traceId");
			awaitProcessed(base, orderId);

			TraceAssert trace = TraceAssert.of(get(base + "/traces").body(), traceId);
			String server = trace.span("POST /orders", "SERVER", null);
			trace.span("DynamoDb.PutItem", "CLIENT", server);
			trace.span("S3.PutObject", "CLIENT", server);
			String send = trace.span("fulfillment publish", "PRODUCER", server);
			String process = trace.span("fulfillment process", "CONSUMER", send);
			trace.span("DynamoDb.UpdateItem", "CLIENT", process);

			String clients = get(base + "/actuator/awsclients").body();
			for (String bean : List.of("dynamoDbClient", "s3Client", "sqsClient")) {
				assertThat(clients).contains("\"beanName\":\"" + bean + "\"");
			}
			assertThat(clients).doesNotContain("\"calls\":0").doesNotContain("\"local\"");
			assertThat(output.getOut()).contains("'DynamoDb.UpdateItem' : " + traceId);
		}
	}

	@Test
	void whenOtlpEndpointIsSetThenTheOtlpProfileSendsSpansThere() {
		assertThat(SampleApplication.application(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318"))
			.getAdditionalProfiles()).containsExactly(SampleApplication.OTLP_PROFILE);
		assertThat(SampleApplication.application(Map.of()).getAdditionalProfiles()).isEmpty();
	}

	private void awaitProcessed(String base, String orderId) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		String status = null;
		while (System.nanoTime() < deadline) {
			status = get(base + "/orders/" + orderId).body();
			if (status.contains("PROCESSED")) {
				// The consumer's spans end just after the update.
				Thread.sleep(300);
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Order " + orderId + " was not processed: " + status);
	}

	private static Map<String, String> ids(String body) {
		Map<String, String> ids = new java.util.HashMap<>();
		Matcher matcher = ID.matcher(body);
		while (matcher.find()) {
			ids.put(matcher.group(1), matcher.group(2));
		}
		return ids;
	}

	private HttpResponse<String> post(String url, String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
