/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.util.StringUtils;

/**
 * The order flow of the article this project grew from, as a web application whose AWS
 * calls are traced by aws-otel-spring-boot-starter: {@code POST /orders} writes the order
 * to DynamoDB, stores a receipt in S3 and sends a message to SQS; a consumer in the same
 * application marks the order processed, in the same trace. It needs no AWS account and
 * no Docker: by default it starts its own AWS-compatible servers
 * ({@link LocalAwsServers}).
 *
 * @author aws-otel-spring-boot authors
 */
@SpringBootApplication
public class SampleApplication {

	/** The profile that makes the OTel starter export spans over OTLP. */
	static final String OTLP_PROFILE = "otlp";

	public static void main(String[] args) {
		application(System.getenv()).run(args);
	}

	/**
	 * The application that {@link #main} runs.
	 * @param env the environment variables
	 * @return the application, with the {@code otlp} profile active when
	 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set
	 */
	static SpringApplication application(Map<String, String> env) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		// A collector's address is all it takes to send spans there instead of the
		// console: Spring config files cannot test whether a variable is set.
		if (StringUtils.hasText(env.get("OTEL_EXPORTER_OTLP_ENDPOINT"))) {
			application.setAdditionalProfiles(OTLP_PROFILE);
		}
		return application;
	}

}
