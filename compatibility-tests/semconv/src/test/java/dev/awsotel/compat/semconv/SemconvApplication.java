/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.semconv;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A small application with the starter, run by {@link SemconvCompatibilityTests} in a JVM
 * of its own per mode: the mode is set only in its {@code application-<profile>.yml}.
 * Each argument is the profile of one application context, run one after the other in
 * this JVM. Each context sends a message and a batch of two to SQS, receives and
 * processes them (deleting each; the handling of one fails), puts and gets a DynamoDB
 * item and gets one from a table that does not exist (a failed call, so an attempt span),
 * then prints every span and metric point its own OpenTelemetry exported, one line each:
 * {@code SPAN} and {@code METRIC}, fields separated by tabs, attributes as
 * {@code key=value}.
 *
 * @author aws-otel-spring-boot authors
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class SemconvApplication {

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("test", "test"));

	@Bean
	InMemorySpanExporter spanExporter() {
		return InMemorySpanExporter.create();
	}

	@Bean
	InMemoryMetricReader metricReader() {
		return InMemoryMetricReader.create();
	}

	// The application's own OpenTelemetry, so that every span and point can be printed
	// with all its attributes; the OpenTelemetry starter's backs off.
	@Bean
	OpenTelemetry openTelemetry(InMemorySpanExporter spanExporter, InMemoryMetricReader metricReader) {
		return OpenTelemetrySdk.builder()
			.setTracerProvider(
					SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
			.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
			.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
			.build();
	}

	@Bean
	SqsClient sqsClient() {
		return SqsClient.builder()
			.endpointOverride(URI.create(System.getProperty("sqs.endpoint")))
			.region(Region.EU_WEST_1)
			.credentialsProvider(CREDENTIALS)
			.build();
	}

	@Bean
	DynamoDbClient dynamoDbClient() {
		return DynamoDbClient.builder()
			.endpointOverride(URI.create(System.getProperty("dynamodb.endpoint")))
			.region(Region.EU_WEST_1)
			.credentialsProvider(CREDENTIALS)
			.build();
	}

	public static void main(String[] profiles) {
		for (String profile : profiles) {
			SpringApplication application = new SpringApplication(SemconvApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			application.setAdditionalProfiles(profile);
			try (ConfigurableApplicationContext context = application.run()) {
				String name = "orders-" + System.getProperty("run") + "-" + profile;
				messaging(context.getBean(SqsClient.class), name);
				database(context.getBean(DynamoDbClient.class), name);
				print(profile, context.getBean(InMemorySpanExporter.class).getFinishedSpanItems(),
						context.getBean(InMemoryMetricReader.class).collectAllMetrics());
			}
		}
	}

	private static void messaging(SqsClient sqs, String queue) {
		String queueUrl = sqs.createQueue((request) -> request.queueName(queue)).queueUrl();
		sqs.sendMessage((request) -> request.queueUrl(queueUrl).messageBody("order 1"));
		sqs.sendMessageBatch((request) -> request.queueUrl(queueUrl)
			.entries((entry) -> entry.id("a").messageBody("order a"), (entry) -> entry.id("b").messageBody("order b")));
		List<String> handled = new ArrayList<>();
		for (int i = 0; i < 10 && handled.size() < 3; i++) {
			List<Message> messages = sqs
				.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1))
				.messages();
			// The first iteration runs each message's handling in its process span; the
			// handling of "order b" fails.
			try {
				messages.forEach((message) -> {
					handled.add(message.body());
					sqs.deleteMessage((request) -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
					if (message.body().equals("order b")) {
						throw new IllegalStateException("Bad order");
					}
				});
			}
			catch (IllegalStateException ex) {
				// Handled: the message is deleted, its process span failed.
			}
		}
		if (handled.size() != 3) {
			throw new IllegalStateException("Handled " + handled);
		}
	}

	private static void database(DynamoDbClient dynamoDb, String table) {
		dynamoDb.createTable((request) -> request.tableName(table)
			.attributeDefinitions(
					AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
			.keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
			.billingMode(BillingMode.PAY_PER_REQUEST));
		// dynalite makes a table active on a timer: under load a put right after the
		// create
		// can find it still being created.
		dynamoDb.waiter().waitUntilTableExists((request) -> request.tableName(table));
		dynamoDb.putItem((request) -> request.tableName(table).item(Map.of("id", AttributeValue.fromS("order-1"))));
		dynamoDb.getItem((request) -> request.tableName(table).key(Map.of("id", AttributeValue.fromS("order-1"))));
		try {
			dynamoDb.getItem(
					(request) -> request.tableName(table + "-missing").key(Map.of("id", AttributeValue.fromS("x"))));
			throw new IllegalStateException("The table should not exist");
		}
		catch (ResourceNotFoundException expected) {
			// A failed call: its attempt shows as a span.
		}
	}

	private static void print(String profile, List<SpanData> spans, Iterable<MetricData> metrics) {
		for (SpanData span : spans) {
			StringBuilder line = new StringBuilder("SPAN\t").append(profile)
				.append('\t')
				.append(span.getInstrumentationScopeInfo().getName())
				.append('\t')
				.append(span.getKind())
				.append('\t')
				.append(span.getTraceId())
				.append('\t')
				.append(span.getSpanId())
				.append('\t')
				.append(span.getParentSpanId())
				.append('\t')
				.append(span.getLinks().size())
				.append('\t')
				.append(span.getStatus().getStatusCode())
				.append('\t')
				.append(span.getName());
			span.getAttributes()
				.forEach((key, value) -> line.append('\t').append(key.getKey()).append('=').append(value));
			System.out.println(line);
		}
		for (MetricData metric : metrics) {
			for (PointData point : metric.getData().getPoints()) {
				StringBuilder line = new StringBuilder("METRIC\t").append(profile)
					.append('\t')
					.append(metric.getInstrumentationScopeInfo().getName())
					.append('\t')
					.append(metric.getName());
				point.getAttributes()
					.forEach((key, value) -> line.append('\t').append(key.getKey()).append('=').append(value));
				System.out.println(line);
			}
		}
	}

}
