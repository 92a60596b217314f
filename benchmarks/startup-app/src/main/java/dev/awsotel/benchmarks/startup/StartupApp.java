/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.Map;

import dev.awsotel.benchmarks.inmemory.InMemoryAwsHttpClient;
import org.jspecify.annotations.Nullable;
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
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.metrics.StartupStep;

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
			// of the whole process (every thread), which a loaded machine disturbs less;
			// classes loaded.
			double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
			double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
				.getProcessCpuTime() / 1e9;
			long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
			// The main thread's CPU time: the critical path, without the JIT, the GC and
			// work done on other threads.
			double main = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9;
			// What the main thread allocated: its work, in a figure that the machine's
			// load does not move (CPU times spread by a second between runs under load).
			double allocated = ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
				.getCurrentThreadAllocatedBytes() / 1e6;
			System.out.printf(
					"ready after first calls in %.3f s, cpu %.3f s, classes %d, main thread cpu %.3f s, main thread allocated %.1f MB%n",
					uptime, cpu, classes, main, allocated);
		};
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(StartupApp.class);
		// -Dstartup.steps=N: Spring's startup steps recorded, the N longest printed at
		// exit.
		int steps = Integer.getInteger("startup.steps", 0);
		@Nullable BufferingApplicationStartup startup = (steps > 0) ? new BufferingApplicationStartup(20_000) : null;
		if (startup != null) {
			application.setApplicationStartup(startup);
		}
		ConfigurableApplicationContext context = application.run(args);
		if (startup != null) {
			startup.getBufferedTimeline()
				.getEvents()
				.stream()
				.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
				.limit(steps)
				.forEach((event) -> System.out.printf("step %6d ms %s %s%n", event.getDuration().toMillis(),
						event.getStartupStep().getName(), tags(event.getStartupStep())));
		}
		System.exit(SpringApplication.exit(context));
	}

	private static String tags(StartupStep step) {
		StringBuilder tags = new StringBuilder();
		step.getTags().forEach((tag) -> tags.append(tag.getKey()).append('=').append(tag.getValue()).append(' '));
		return tags.toString();
	}

}
