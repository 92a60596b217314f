/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.awsotel.benchmarks.inmemory.InMemoryAwsHttpClient;
import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import dev.awsotel.localaws.LocalServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The calls measured (SQS SendMessage, SQS SendMessageBatch of 10 messages, DynamoDB
 * GetItem, S3 PutObject of 1 KiB), on clients built the same way in every variant, over
 * an in-memory HTTP client or over loopback HTTP to a local server.
 *
 * @author aws-otel-spring-boot authors
 */
final class AwsCalls {

	static final byte[] OBJECT = new byte[1024];

	/**
	 * The messages of a batch send: as many as SQS takes in one, each with an id and a
	 * body of its own, built once as an application would hold them.
	 */
	static final List<SendMessageBatchRequestEntry> BATCH = batch(10);

	/**
	 * The same messages carrying, as the application had written them, what the starter's
	 * defaults add to each: a {@code traceparent} message attribute and, since each entry
	 * has a producer of its own, an {@code AWSTraceHeader} system attribute.
	 */
	static final List<SendMessageBatchRequestEntry> BATCH_WITH_CONTEXT = BATCH.stream()
		.map((entry) -> entry.toBuilder()
			.messageAttributes(Map.of("traceparent", traceparent()))
			.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
					MessageSystemAttributeValue.builder()
						.dataType("String")
						.stringValue("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
						.build()))
			.build())
		.toList();

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("bench", "bench"));

	private AwsCalls() {
	}

	/**
	 * Builds a client for a service.
	 * @param service {@code sqs}, {@code sqs-batch}, {@code dynamodb} or {@code s3}
	 * @param endpoint the server, or {@code null} for the in-memory client
	 * @param override extra client configuration (an interceptor), or {@code null}
	 * @return the client
	 */
	static SdkClient client(String service, URI endpoint, Consumer<ClientOverrideConfiguration.Builder> override) {
		return switch (service) {
			case "sqs", "sqs-batch" -> configure(SqsClient.builder(), endpoint, override).build();
			case "dynamodb" -> configure(DynamoDbClient.builder(), endpoint, override).build();
			case "s3" -> configure(S3Client.builder(), endpoint, override).forcePathStyle(true)
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
				.build();
			default -> throw new IllegalArgumentException(service);
		};
	}

	/**
	 * Returns the call measured on a client.
	 * @param service the service, as given to {@link #client}
	 * @param client the client
	 * @param queueUrl the SQS queue
	 * @return the call
	 */
	static Supplier<Object> call(String service, SdkClient client, String queueUrl) {
		return call(service, client, queueUrl, false);
	}

	/**
	 * Returns the call measured on a client, its SQS messages carrying trace context or
	 * not.
	 * @param service the service, as given to {@link #client}
	 * @param client the client
	 * @param queueUrl the SQS queue
	 * @param withContext whether each SQS message carries, from the application, the
	 * attributes the starter adds to it: what sending them costs the SDK, with no tracing
	 * @return the call
	 */
	static Supplier<Object> call(String service, SdkClient client, String queueUrl, boolean withContext) {
		if (client instanceof SqsClient sqs && "sqs-batch".equals(service)) {
			List<SendMessageBatchRequestEntry> entries = withContext ? BATCH_WITH_CONTEXT : BATCH;
			return () -> {
				List<?> sent = sqs.sendMessageBatch((send) -> send.queueUrl(queueUrl).entries(entries)).successful();
				if (sent.size() != entries.size()) {
					throw new IllegalStateException(sent.size() + " of " + entries.size() + " messages sent");
				}
				return sent;
			};
		}
		if (client instanceof SqsClient sqs && withContext) {
			// A single send's producer is the call, whose X-Ray header SQS gives the
			// message: the starter adds traceparent only.
			Map<String, MessageAttributeValue> attributes = Map.of("traceparent", traceparent());
			return () -> sqs
				.sendMessage((send) -> send.queueUrl(queueUrl).messageBody("order 1").messageAttributes(attributes))
				.messageId();
		}
		if (client instanceof SqsClient sqs) {
			return () -> sqs.sendMessage((send) -> send.queueUrl(queueUrl).messageBody("order 1")).messageId();
		}
		if (client instanceof DynamoDbClient dynamoDb) {
			return () -> dynamoDb
				.getItem((get) -> get.tableName("orders").key(Map.of("id", AttributeValue.fromS("order-1"))))
				.item();
		}
		S3Client s3 = (S3Client) client;
		return () -> s3.putObject((put) -> put.bucket("receipts").key("r.bin"), RequestBody.fromBytes(OBJECT)).eTag();
	}

	private static MessageAttributeValue traceparent() {
		return MessageAttributeValue.builder()
			.dataType("String")
			.stringValue("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01")
			.build();
	}

	private static List<SendMessageBatchRequestEntry> batch(int size) {
		List<SendMessageBatchRequestEntry> entries = new ArrayList<>(size);
		for (int i = 1; i <= size; i++) {
			entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("order " + i).build());
		}
		return List.copyOf(entries);
	}

	private static <B extends AwsSyncClientBuilder<B, ?> & software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>> B configure(
			B builder, URI endpoint, Consumer<ClientOverrideConfiguration.Builder> override) {
		SdkHttpClient http = (endpoint != null) ? UrlConnectionHttpClient.create() : new InMemoryAwsHttpClient();
		builder.httpClient(http)
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.endpointOverride((endpoint != null) ? endpoint : URI.create("http://127.0.0.1:1"));
		if (override != null) {
			builder.overrideConfiguration(override);
		}
		return builder;
	}

	/**
	 * Local servers for the loopback runs, with the queue, table, item and bucket the
	 * calls use.
	 */
	static final class Servers implements AutoCloseable {

		final LocalServer sqs = ElasticMqServer.start();

		final LocalServer dynamoDb = ChildProcessServer.dynalite();

		final LocalServer s3 = ChildProcessServer.s3proxy();

		final String queueUrl;

		Servers() {
			try (SqsClient sqsClient = (SqsClient) client("sqs", this.sqs.endpoint(), null);
					DynamoDbClient dynamoDbClient = (DynamoDbClient) client("dynamodb", this.dynamoDb.endpoint(), null);
					S3Client s3Client = (S3Client) client("s3", this.s3.endpoint(), null)) {
				this.queueUrl = sqsClient.createQueue((create) -> create.queueName("orders")).queueUrl();
				dynamoDbClient.createTable((table) -> table.tableName("orders")
					.keySchema((key) -> key.attributeName("id").keyType(KeyType.HASH))
					.attributeDefinitions(
							(attribute) -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
					.provisionedThroughput((throughput) -> throughput.readCapacityUnits(5L).writeCapacityUnits(5L)));
				dynamoDbClient.waiter().waitUntilTableExists((table) -> table.tableName("orders"));
				dynamoDbClient.putItem((put) -> put.tableName("orders")
					.item(Map.of("id", AttributeValue.fromS("order-1"), "status", AttributeValue.fromS("NEW"))));
				s3Client.createBucket((bucket) -> bucket.bucket("receipts"));
			}
		}

		URI endpoint(String service) {
			return switch (service) {
				case "sqs", "sqs-batch" -> this.sqs.endpoint();
				case "dynamodb" -> this.dynamoDb.endpoint();
				default -> this.s3.endpoint();
			};
		}

		@Override
		public void close() {
			this.sqs.close();
			this.dynamoDb.close();
			this.s3.close();
		}

	}

}
