/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.util.ArrayList;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The integration scenarios of the emulator tests, against LocalStack, where a Docker
 * engine exists: sync and async calls to SQS, S3 and DynamoDB as child spans, a failed
 * call, SQS send and receive in one trace, and SNS to SQS in raw and envelope delivery.
 * Skipped without Docker (as on the machines this project is built on).
 *
 * @author aws-otel-spring-boot authors
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTracingIntegrationTests {

	@Container
	static final LocalStackContainer localStack = new LocalStackContainer("localstack/localstack:4.4")
		.withServices("sqs", "s3", "dynamodb", "sns");

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

	@Test
	void whenACallFailsThenItsSpanSaysWhyAndTheCallerGetsTheSameException() {
		this.contextRunner.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);

			assertThatExceptionOfType(ResourceNotFoundException.class)
				.isThrownBy(() -> context.getBean(DynamoDbClient.class)
					.getItem((g) -> g.tableName("missing").key(Map.of("id", AttributeValue.fromS("o-1")))));

			AwsSpans.assertFailedCall(Spans.single(exporter, "DynamoDb.GetItem"), 400,
					ResourceNotFoundException.class.getName());
		});
	}

	@Test
	void whenAMessageIsSentInATraceThenItsConsumerProcessesItInThatTrace() {
		this.contextRunner.run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			SqsClient sqs = context.getBean(SqsClient.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("fulfillment")).queueUrl();
			exporter.reset();
			Spans.runInParent(openTelemetry, () -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order")));
			SpanData publish = Spans.single(exporter, "fulfillment publish");

			List<Message> messages = context.getBean(SqsAsyncClient.class)
				.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5))
				.join()
				.messages();
			List<String> handled = handle(openTelemetry, messages);

			assertThat(handled).containsExactly("order");
			SpanData process = Spans.single(exporter, "fulfillment process");
			assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(process.getTraceId()).isEqualTo(publish.getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(publish.getSpanId());
			assertThat(Spans.single(exporter, "handle order").getParentSpanId()).isEqualTo(process.getSpanId());
		});
	}

	@Test
	void whenATopicDeliversToAQueueThenTheConsumerContinuesThePublishTraceInBothDeliveryModes() {
		for (boolean raw : new boolean[] { true, false }) {
			this.contextRunner.run((context) -> {
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				SnsClient sns = context.getBean(SnsClient.class);
				SqsClient sqs = context.getBean(SqsClient.class);
				String name = "orders-" + (raw ? "raw" : "envelope");
				String topicArn = sns.createTopic((t) -> t.name(name)).topicArn();
				String queueUrl = sqs.createQueue((q) -> q.queueName(name + "-queue")).queueUrl();
				String queueArn = sqs
					.getQueueAttributes((a) -> a.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
					.attributes()
					.get(QueueAttributeName.QUEUE_ARN);
				sns.subscribe((sub) -> sub.topicArn(topicArn)
					.protocol("sqs")
					.endpoint(queueArn)
					.attributes(Map.of("RawMessageDelivery", String.valueOf(raw))));
				exporter.reset();
				Spans.runInParent(openTelemetry, () -> sns.publish((p) -> p.topicArn(topicArn).message("order")));
				SpanData publish = exporter.getFinishedSpanItems()
					.stream()
					.filter((span) -> "Publish".equals(span.getAttributes().get(AwsSpans.RPC_METHOD)))
					.findFirst()
					.orElseThrow();

				List<String> handled = new ArrayList<>();
				for (int attempt = 0; attempt < 10 && handled.isEmpty(); attempt++) {
					handled.addAll(handle(openTelemetry,
							sqs.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(2)).messages()));
				}

				assertThat(handled).as("raw delivery %s", raw).hasSize(1);
				SpanData process = Spans.single(exporter, name + "-queue process");
				assertThat(process.getTraceId()).as("raw delivery %s", raw).isEqualTo(publish.getTraceId());
				assertThat(process.getParentSpanId()).as("raw delivery %s", raw).isEqualTo(publish.getSpanId());
			});
		}
	}

	// Each message is handled inside its process span, as the application's listener
	// would: the handler's span is the process span's child.
	private static List<String> handle(OpenTelemetry openTelemetry, List<Message> messages) {
		List<String> handled = new ArrayList<>();
		for (Message message : messages) {
			openTelemetry.getTracer("app").spanBuilder("handle " + message.body()).startSpan().end();
			handled.add(message.body());
		}
		return handled;
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
		SnsClient snsClient() {
			return SnsClient.builder()
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
