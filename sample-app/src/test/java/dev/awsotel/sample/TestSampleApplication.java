/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.net.URI;

import org.testcontainers.localstack.LocalStackContainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Runs the sample against LocalStack in Docker, where Docker exists:
 * {@code ./mvnw -pl sample-app spring-boot:test-run} (after {@code ./mvnw install
 * -DskipTests}).
 *
 * @author aws-otel-spring-boot authors
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main)
			.with(LocalStack.class)
			.withAdditionalProfiles("localstack")
			.run(args);
	}

	/**
	 * LocalStack with the three services the sample uses; its endpoint replaces the local
	 * servers'.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class LocalStack {

		@Bean(destroyMethod = "stop")
		LocalStackContainer localStack() {
			LocalStackContainer localStack = new LocalStackContainer("localstack/localstack:4.4").withServices("sqs",
					"s3", "dynamodb");
			localStack.start();
			return localStack;
		}

		@Bean
		LocalAwsServers.LocalEndpoints localEndpoints(LocalStackContainer localStack) {
			URI endpoint = localStack.getEndpoint();
			return new LocalAwsServers.LocalEndpoints(endpoint, endpoint, endpoint);
		}

	}

}
