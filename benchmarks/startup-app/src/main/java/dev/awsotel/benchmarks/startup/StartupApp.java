/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.Map;

import dev.awsotel.benchmarks.inmemory.InMemoryAwsHttpClient;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
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
 * with the process's CPU time and the number of classes loaded. With
 * {@code --startup.library=true --otel.aws.enabled=false} the clients are traced by
 * OpenTelemetry's library wired by hand instead of by the starter: the reference for what
 * the starter adds beyond the library it builds on. {@code benchmarks/startup.sh app}
 * starts it as whole processes.
 *
 * @author aws-otel-spring-boot authors
 */
@SpringBootApplication(proxyBeanMethods = false)
public class StartupApp {

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("test", "test"));

	/**
	 * With {@code --startup.library=true} (and the starter off), OpenTelemetry's
	 * {@code AwsSdkTelemetry} wired by hand, as an application without the starter would:
	 * its interceptor on every builder and its {@code wrap()} on the SQS client. Not a
	 * bean of its own type: the context would introspect its methods, which name clients
	 * of services this application does not have.
	 * @param openTelemetry the OpenTelemetry Spring Boot starter's SDK
	 * @return the library, in a holder
	 */
	@Bean
	@ConditionalOnBooleanProperty("startup.library")
	Library library(OpenTelemetry openTelemetry) {
		return new Library(AwsSdkTelemetry.create(openTelemetry));
	}

	@Bean
	SqsClient sqsClient(ObjectProvider<Library> library) {
		AwsSdkTelemetry telemetry = telemetry(library);
		SqsClient client = configure(SqsClient.builder(), telemetry).build();
		return (telemetry != null) ? telemetry.wrap(client) : client;
	}

	@Bean
	DynamoDbClient dynamoDbClient(ObjectProvider<Library> library) {
		return configure(DynamoDbClient.builder(), telemetry(library)).build();
	}

	@Bean
	S3Client s3Client(ObjectProvider<Library> library) {
		return configure(S3Client.builder(), telemetry(library)).build();
	}

	private static @Nullable AwsSdkTelemetry telemetry(ObjectProvider<Library> library) {
		Library available = library.getIfAvailable();
		return (available != null) ? available.telemetry : null;
	}

	private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
			@Nullable AwsSdkTelemetry library) {
		builder.region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).httpClient(new InMemoryAwsHttpClient());
		if (library != null) {
			builder.overrideConfiguration(
					(override) -> override.addExecutionInterceptor(library.createExecutionInterceptor()));
		}
		return builder;
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

	static final class Library {

		private final AwsSdkTelemetry telemetry;

		Library(AwsSdkTelemetry telemetry) {
			this.telemetry = telemetry;
		}

	}

}
