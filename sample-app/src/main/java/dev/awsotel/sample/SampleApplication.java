/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.Map;

import dev.awsotel.localaws.ElasticMqServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;
import org.springframework.util.StringUtils;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * A Spring Boot application whose {@link SqsClient} bean is traced by
 * aws-otel-spring-boot-starter. It needs no AWS account: SQS is ElasticMQ, started inside
 * this JVM, unless the {@code aws} profile is active.
 *
 * @author aws-otel-spring-boot authors
 */
@SpringBootApplication
public class SampleApplication {

	/** The profile that makes the OTel starter export spans over OTLP. */
	static final String OTLP_PROFILE = "otlp";

	public static void main(String[] args) {
		ConfigurableApplicationContext context = application(System.getenv()).run(args);
		if (context.getEnvironment().getProperty("sample.exit-after-run", Boolean.class, true)) {
			// Closing the context stops ElasticMQ and flushes the last spans.
			System.exit(SpringApplication.exit(context));
		}
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

	/**
	 * SQS served by ElasticMQ in this JVM, on a free loopback port.
	 * @return the running server
	 */
	@Bean(destroyMethod = "close")
	@Profile("!aws")
	ElasticMqServer elasticMq() {
		return ElasticMqServer.start();
	}

	/**
	 * An ordinary SQS client: nothing here mentions tracing, the starter adds it to every
	 * AWS client bean.
	 * @param elasticMq the local server, absent with the {@code aws} profile, which then
	 * uses the default credential and region chains
	 * @return the client
	 */
	@Bean
	SqsClient sqsClient(ObjectProvider<ElasticMqServer> elasticMq) {
		// Tracing works with any HTTP client. This one is the lightest; without it the
		// SDK
		// would pick Apache 5, which ranks first of those on the classpath.
		SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
		elasticMq.ifAvailable((server) -> builder.endpointOverride(server.endpoint())
			.region(Region.US_EAST_1)
			// ElasticMQ accepts any credentials; static ones keep the default chain from
			// looking for a real account.
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))));
		return builder.build();
	}

}
