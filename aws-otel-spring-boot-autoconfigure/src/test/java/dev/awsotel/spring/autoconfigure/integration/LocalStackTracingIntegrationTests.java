/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.util.List;
import java.util.Map;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same calls as the emulator tests, against LocalStack, where a Docker engine exists.
 * Skipped without one (as on the machines this project is built on).
 *
 * @author aws-otel-spring-boot authors
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTracingIntegrationTests {

	@Container
	static final LocalStackContainer localStack = new LocalStackContainer("localstack/localstack:4.4")
		.withServices("sqs", "s3", "dynamodb");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, LocalStackClients.class);

	@Test
	void whenSyncAndAsyncClientsCallSqsS3AndDynamoDbThenEachCallIsAChildSpan() {
		this.contextRunner.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SqsClient sqs = context.getBean(SqsClient.class);
			S3Client s3 = context.getBean(S3Client.class);
			DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("orders")).queueUrl();
			s3.createBucket((b) -> b.bucket("receipts"));
			DynamoDbTracingIntegrationTests.createTable(dynamoDb, "orders");
			exporter.reset();

			Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class), () -> {
				sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order"));
				context.getBean(SqsAsyncClient.class).listQueues().join();
				s3.putObject((p) -> p.bucket("receipts").key("r.json"), RequestBody.fromString("{}"));
				context.getBean(S3AsyncClient.class).listObjectsV2((l) -> l.bucket("receipts")).join();
				dynamoDb.putItem((p) -> p.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1"))));
				context.getBean(DynamoDbAsyncClient.class).listTables().join();
			});

			for (String name : List.of("orders publish", "Sqs.ListQueues", "S3.PutObject", "S3.ListObjectsV2",
					"DynamoDb.PutItem", "DynamoDb.ListTables")) {
				SpanData span = Spans.single(exporter, name);
				AwsSpans.assertChildOf(span, parent);
				assertThat(span.getAttributes().get(AwsSpans.RPC_SYSTEM)).isEqualTo("aws-api");
				assertThat(span.getAttributes().get(AwsSpans.AWS_REGION)).isEqualTo(localStack.getRegion());
			}
			assertThat(Spans.single(exporter, "orders publish").getKind()).isEqualTo(SpanKind.PRODUCER);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class LocalStackClients {

		private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
			.create(AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey()));

		private static final Region REGION = Region.of(localStack.getRegion());

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return SqsClient.builder()
				.endpointOverride(localStack.getEndpoint())
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsAsyncClient sqsAsyncClient() {
			return SqsAsyncClient.builder()
				.endpointOverride(localStack.getEndpoint())
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.build();
		}

		@Bean(destroyMethod = "close")
		S3Client s3Client() {
			return S3Client.builder()
				.endpointOverride(localStack.getEndpoint())
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.forcePathStyle(true)
				.build();
		}

		@Bean(destroyMethod = "close")
		S3AsyncClient s3AsyncClient() {
			return S3AsyncClient.builder()
				.endpointOverride(localStack.getEndpoint())
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.forcePathStyle(true)
				.build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder()
				.endpointOverride(localStack.getEndpoint())
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbAsyncClient dynamoDbAsyncClient() {
			return DynamoDbAsyncClient.builder()
				.endpointOverride(localStack.getEndpoint())
				.region(REGION)
				.credentialsProvider(CREDENTIALS)
				.build();
		}

	}

}
