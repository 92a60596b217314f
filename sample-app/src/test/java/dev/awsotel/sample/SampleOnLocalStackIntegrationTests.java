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
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's order flow against LocalStack, as {@link TestSampleApplication} runs it:
 * one order is processed, in one trace from the HTTP request through DynamoDB, S3 and SQS
 * to the consumer. Skipped without Docker (as on the machines this project is built on).
 *
 * @author aws-otel-spring-boot authors
 */
@Testcontainers(disabledWithoutDocker = true)
class SampleOnLocalStackIntegrationTests {

	private static final Pattern ID = Pattern.compile("\"(orderId|traceId)\":\"([^\"]+)\"");

	@Test
	void whenAnOrderIsPlacedOnLocalStackThenItIsProcessedInOneTrace() throws Exception {
		try (ConfigurableApplicationContext context = SpringApplication.from(SampleApplication::main)
			.with(TestSampleApplication.LocalStack.class)
			.withAdditionalProfiles("localstack")
			.run("--server.port=0")
			.getApplicationContext()) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(base + "/orders"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"quantity\":1}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(placed.statusCode()).isEqualTo(201);
			Map<String, String> ids = new HashMap<>();
			Matcher matcher = ID.matcher(placed.body());
			while (matcher.find()) {
				ids.put(matcher.group(1), matcher.group(2));
			}
			awaitProcessed(http, base, ids.get("orderId"));
			TraceAssert trace = TraceAssert.of(get(http, base + "/traces"), ids.get("traceId"));
			String server = trace.span("POST /orders", "SERVER", null);
			trace.span("DynamoDb.PutItem", "CLIENT", server);
			trace.span("S3.PutObject", "CLIENT", server);
			String send = trace.span("fulfillment publish", "PRODUCER", server);
			String process = trace.span("fulfillment process", "CONSUMER", send);
			trace.span("DynamoDb.UpdateItem", "CLIENT", process);
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base + "/actuator/awsclients")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"beanName\":\"sqsClient\"");
		}
	}

	private static void awaitProcessed(HttpClient http, String base, String orderId) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String status = null;
		while (System.nanoTime() < deadline) {
			status = get(http, base + "/orders/" + orderId);
			if (status.contains("PROCESSED")) {
				// The consumer's spans end just after the update.
				Thread.sleep(300);
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Order " + orderId + " was not processed: " + status);
	}

	private static String get(HttpClient http, String url) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

}
