/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's order flow against LocalStack, as {@link TestSampleApplication} runs it.
 * Skipped without Docker (as on the machines this project is built on).
 *
 * @author aws-otel-spring-boot authors
 */
@Testcontainers(disabledWithoutDocker = true)
class SampleOnLocalStackTests {

	@Test
	void whenAnOrderIsPlacedOnLocalStackThenItIsProcessed() throws Exception {
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
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(base + "/actuator/awsclients")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"beanName\":\"sqsClient\"");
		}
	}

}
