/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Three AWS client beans (SQS, DynamoDB, S3) over an in-memory HTTP client, and one call
 * each once the context is ready, then exit. Spring Boot logs "process running for" when
 * the context is ready; this application then logs "ready after first calls in" once the
 * three calls are done, so that work the starter defers to the first call is counted too,
 * with the process's CPU time and the number of classes loaded.
 * {@code benchmarks/startup.sh app} starts it as whole processes.
 *
 * @author aws-otel-spring-boot authors
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StartupApp {

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("test", "test"));

	@Bean
	SqsClient sqsClient() {
		return SqsClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.httpClient(new InMemoryAwsHttpClient())
			.build();
	}

	@Bean
	DynamoDbClient dynamoDbClient() {
		return DynamoDbClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.httpClient(new InMemoryAwsHttpClient())
			.build();
	}

	@Bean
	S3Client s3Client() {
		return S3Client.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.httpClient(new InMemoryAwsHttpClient())
			.build();
	}

	@Bean
	ApplicationRunner firstCalls(SqsClient sqs, DynamoDbClient dynamoDb, S3Client s3) {
		return (args) -> {
			sqs.sendMessage((request) -> request.queueUrl("https://sqs.us-east-1.amazonaws.com/000000000000/orders")
				.messageBody("order-1"));
			dynamoDb
				.getItem((request) -> request.tableName("orders").key(Map.of("id", AttributeValue.fromS("order-1"))));
			s3.putObject((request) -> request.bucket("orders").key("order-1"), RequestBody.fromString("order-1"));
			// Wall time from JVM start, as Spring Boot's "process running for"; CPU time
			// of the
			// whole process (every thread), which a loaded machine disturbs less; classes
			// loaded.
			double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
			double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime() / 1e9;
			long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
			System.out.printf("ready after first calls in %.3f s, cpu %.3f s, classes %d%n", uptime, cpu, classes);
		};
	}

	public static void main(String[] args) {
		System.exit(SpringApplication.exit(SpringApplication.run(StartupApp.class, args)));
	}

}
