/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application {@link AgentComparisonTests} runs in JVMs of its own, traced by the
 * OpenTelemetry Java agent or by the starter (or not at all, for the untraced baseline).
 * It makes {@link #CALLS the same calls} each time, each inside a span of its own tracer
 * named after the call, over loopback proxies in front of local servers (and WireMock).
 * Every request carries a {@value #CALL_HEADER} header naming its run and call, which
 * lets the test attribute what it recorded on the wire; it is the application's own
 * header, the same in every run, and is left out of the comparison.
 *
 * @author aws-otel-spring-boot authors
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ComparisonApplication {

	/** The header that names the run and call of each request ({@code run|call}). */
	static final String CALL_HEADER = "x-comparison-call";

	/** The name of the application's tracer, whose spans are the calls' parents. */
	static final String TRACER = "agent-comparison";

	/** The calls, in the order they are made. */
	static final List<String> CALLS = List.of("SQS SendMessage", "SQS SendMessageBatch",
			"SQS ReceiveMessage and process", "SQS DeleteMessage", "SQS DeleteMessageBatch", "SNS Publish",
			"SNS PublishBatch", "DynamoDB PutItem", "DynamoDB GetItem", "DynamoDB Query", "S3 PutObject",
			"S3 GetObject", "Kinesis PutRecord", "Lambda Invoke", "Step Functions StartExecution",
			"Secrets Manager GetSecretValue", "Bedrock Converse", "Bedrock InvokeModel",
			"Bedrock ConverseStream (async client)", "EventBridge PutEvents", "SQS SendMessage (async client)",
			"SQS ReceiveMessage and process (async client)", "DynamoDB GetItem (async client)",
			"DynamoDB GetItem, no such table (4xx)", "S3 GetObject, no such key (4xx)",
			"Secrets Manager GetSecretValue, throttled (retried)", "Step Functions StartExecution, 5xx (retried)");

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("test", "test"));

	private static volatile String currentCall = "setup";

	@Bean
	SqsClient sqsClient() {
		return configure(SqsClient.builder(), "sqs").build();
	}

	@Bean
	SqsAsyncClient sqsAsyncClient() {
		return configure(SqsAsyncClient.builder(), "sqs").build();
	}

	@Bean
	DynamoDbAsyncClient dynamoDbAsyncClient() {
		return configure(DynamoDbAsyncClient.builder(), "dynamodb").build();
	}

	@Bean
	SnsClient snsClient() {
		return configure(SnsClient.builder(), "sns").build();
	}

	@Bean
	DynamoDbClient dynamoDbClient() {
		return configure(DynamoDbClient.builder(), "dynamodb").build();
	}

	@Bean
	S3Client s3Client() {
		return configure(S3Client.builder(), "s3").forcePathStyle(true).build();
	}

	@Bean
	KinesisClient kinesisClient() {
		return configure(KinesisClient.builder(), "kinesis").build();
	}

	@Bean
	LambdaClient lambdaClient() {
		return configure(LambdaClient.builder(), "wiremock").build();
	}

	@Bean
	SfnClient sfnClient() {
		return configure(SfnClient.builder(), "wiremock").build();
	}

	@Bean
	SecretsManagerClient secretsManagerClient() {
		return configure(SecretsManagerClient.builder(), "wiremock").build();
	}

	@Bean
	BedrockRuntimeClient bedrockRuntimeClient() {
		return configure(BedrockRuntimeClient.builder(), "wiremock").build();
	}

	@Bean
	BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient() {
		// Its default is HTTP/2 (for its bidirectional stream), which the recording proxy
		// cannot read: ConverseStream works on HTTP/1.1 too.
		return configure(BedrockRuntimeAsyncClient.builder(), "wiremock")
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
			.build();
	}

	@Bean
	EventBridgeClient eventBridgeClient() {
		return configure(EventBridgeClient.builder(), "wiremock").build();
	}

	private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, String server) {
		return builder.endpointOverride(URI.create(System.getProperty("endpoint." + server)))
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.overrideConfiguration((override) -> override.addExecutionInterceptor(new CallHeader()));
	}

	public static void main(String[] args) {
		String run = System.getProperty("comparison.run");
		SpringApplication application = new SpringApplication(ComparisonApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args)) {
			// Under the agent, the application's API calls go to the agent's SDK through
			// GlobalOpenTelemetry; without it, the OpenTelemetry bean is the SDK.
			OpenTelemetry openTelemetry = Boolean.getBoolean("comparison.agent") ? GlobalOpenTelemetry.get()
					: context.getBean(OpenTelemetry.class);
			new Calls(context, openTelemetry.getTracer(TRACER), run).run();
		}
		// The agent exports what is left in its shutdown hook.
		System.exit(0);
	}

	/**
	 * The calls, each inside a span named after it. Each run has its own queue, topic,
	 * table, bucket and stream on the shared servers; their names contain the run, which
	 * the test reads as a placeholder.
	 */
	private static final class Calls {

		private final ConfigurableApplicationContext context;

		private final Tracer tracer;

		private final String run;

		Calls(ConfigurableApplicationContext context, Tracer tracer, String run) {
			this.context = context;
			this.tracer = tracer;
			this.run = run;
		}

		<T> T bean(Class<T> type) {
			return this.context.getBean(type);
		}

		void run() {
			currentCall = this.run + "|setup";
			SqsClient sqs = bean(SqsClient.class);
			SnsClient sns = bean(SnsClient.class);
			DynamoDbClient dynamoDb = bean(DynamoDbClient.class);
			S3Client s3 = bean(S3Client.class);
			KinesisClient kinesis = bean(KinesisClient.class);
			LambdaClient lambda = bean(LambdaClient.class);
			SfnClient sfn = bean(SfnClient.class);
			SecretsManagerClient secrets = bean(SecretsManagerClient.class);
			BedrockRuntimeClient bedrock = bean(BedrockRuntimeClient.class);
			EventBridgeClient events = bean(EventBridgeClient.class);

			// Setup, outside any call span.
			String queueUrl = sqs.createQueue((request) -> request.queueName("orders-" + this.run)).queueUrl();
			String table = "orders-" + this.run;
			dynamoDb.createTable((request) -> request.tableName(table)
				.attributeDefinitions(
						AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
				.keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
				.billingMode(BillingMode.PAY_PER_REQUEST));
			dynamoDb.waiter().waitUntilTableExists((request) -> request.tableName(table));
			String bucket = "orders-" + this.run;
			s3.createBucket((request) -> request.bucket(bucket));
			String stream = "orders-" + this.run;
			kinesis.createStream((request) -> request.streamName(stream).shardCount(1));
			kinesis.waiter().waitUntilStreamExists((request) -> request.streamName(stream));
			String topicArn;
			// SNS delivers to a queue of the same server (fauxqs), set up by a client
			// that
			// is not a bean.
			try (SqsClient fauxqsSqs = configure(SqsClient.builder(), "sns").build()) {
				String subscriberUrl = fauxqsSqs.createQueue((request) -> request.queueName("subscriber-" + this.run))
					.queueUrl();
				String subscriberArn = fauxqsSqs
					.getQueueAttributes(
							(request) -> request.queueUrl(subscriberUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
					.attributes()
					.get(QueueAttributeName.QUEUE_ARN);
				topicArn = sns.createTopic((request) -> request.name("orders-" + this.run)).topicArn();
				sns.subscribe((request) -> request.topicArn(topicArn)
					.protocol("sqs")
					.endpoint(subscriberArn)
					.attributes(Map.of("RawMessageDelivery", "true")));
			}

			call("SQS SendMessage",
					() -> sqs.sendMessage((request) -> request.queueUrl(queueUrl)
						.messageBody("order-1")
						.messageAttributes(Map.of("kind",
								MessageAttributeValue.builder().dataType("String").stringValue("order").build()))));
			call("SQS SendMessageBatch",
					() -> sqs.sendMessageBatch((request) -> request.queueUrl(queueUrl)
						.entries(SendMessageBatchRequestEntry.builder().id("a").messageBody("order-2").build(),
								SendMessageBatchRequestEntry.builder().id("b").messageBody("order-3").build())));
			List<Message> received = new ArrayList<>();
			call("SQS ReceiveMessage and process", () -> {
				List<Message> messages = sqs
					.receiveMessage((request) -> request.queueUrl(queueUrl)
						.maxNumberOfMessages(10)
						.waitTimeSeconds(1)
						.messageAttributeNames("kind"))
					.messages();
				handleAll(messages);
				// Copied after the (first, traced) iteration: a copy iterates too.
				received.addAll(messages);
				return received;
			});
			call("SQS DeleteMessage", () -> sqs
				.deleteMessage((request) -> request.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle())));
			call("SQS DeleteMessageBatch",
					() -> sqs.deleteMessageBatch((request) -> request.queueUrl(queueUrl)
						.entries(received.subList(1, received.size())
							.stream()
							.map((message) -> DeleteMessageBatchRequestEntry.builder()
								.id(message.messageId())
								.receiptHandle(message.receiptHandle())
								.build())
							.toList())));
			call("SNS Publish",
					() -> sns.publish((request) -> request.topicArn(topicArn)
						.message("order-4")
						.messageAttributes(Map.of("kind",
								software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder()
									.dataType("String")
									.stringValue("order")
									.build()))));
			call("SNS PublishBatch", () -> sns.publishBatch((request) -> request.topicArn(topicArn)
				.publishBatchRequestEntries(PublishBatchRequestEntry.builder().id("a").message("order-6").build(),
						PublishBatchRequestEntry.builder().id("b").message("order-7").build())));
			call("DynamoDB PutItem", () -> dynamoDb.putItem((request) -> request.tableName(table)
				.item(Map.of("id", AttributeValue.fromS("order-1"), "total", AttributeValue.fromN("12")))));
			call("DynamoDB GetItem",
					() -> dynamoDb.getItem((request) -> request.tableName(table)
						.key(Map.of("id", AttributeValue.fromS("order-1")))
						.consistentRead(true)
						.projectionExpression("id, #t")
						.expressionAttributeNames(Map.of("#t", "total"))));
			call("DynamoDB Query",
					() -> dynamoDb.query((request) -> request.tableName(table)
						.keyConditionExpression("id = :id")
						.expressionAttributeValues(Map.of(":id", AttributeValue.fromS("order-1")))
						.limit(5)
						.scanIndexForward(true)
						.select("ALL_ATTRIBUTES")));
			call("S3 PutObject", () -> s3.putObject((request) -> request.bucket(bucket).key("orders/1.json"),
					RequestBody.fromString("{\"id\":1}")));
			call("S3 GetObject",
					() -> s3.getObjectAsBytes((request) -> request.bucket(bucket).key("orders/1.json")).asUtf8String());
			call("Kinesis PutRecord",
					() -> kinesis.putRecord((request) -> request.streamName(stream)
						.partitionKey("order-1")
						.data(SdkBytes.fromUtf8String("order-1"))));
			call("Lambda Invoke", () -> lambda.invoke(
					(request) -> request.functionName("fulfil-order").payload(SdkBytes.fromUtf8String("{\"id\":1}"))));
			call("Step Functions StartExecution",
					() -> sfn.startExecution((request) -> request
						.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:orders")
						.input("{\"id\":1}")));
			call("Secrets Manager GetSecretValue",
					() -> secrets.getSecretValue((request) -> request.secretId("orders-db")));
			call("Bedrock Converse", () -> bedrock.converse((request) -> request.modelId("amazon.titan-text-express-v1")
				.messages((message) -> message.role(ConversationRole.USER).content(ContentBlock.fromText("Hello")))
				.inferenceConfig(InferenceConfiguration.builder()
					.maxTokens(10)
					.temperature(0.5f)
					.topP(0.9f)
					.stopSequences("|")
					.build())));
			call("Bedrock InvokeModel",
					() -> bedrock.invokeModel((request) -> request.modelId("amazon.titan-text-express-v1")
						.contentType("application/json")
						.accept("application/json")
						.body(SdkBytes
							.fromUtf8String("{\"inputText\":\"Hello\",\"textGenerationConfig\":{\"maxTokenCount\":10,"
									+ "\"temperature\":0.5,\"topP\":0.9,\"stopSequences\":[\"|\"]}}"))));
			BedrockRuntimeAsyncClient bedrockAsync = bean(BedrockRuntimeAsyncClient.class);
			call("Bedrock ConverseStream (async client)", () -> {
				StringBuilder text = new StringBuilder();
				bedrockAsync
					.converseStream(
							(request) -> request.modelId("amazon.titan-text-express-v1")
								.messages((message) -> message.role(ConversationRole.USER)
									.content(ContentBlock.fromText("Hello")))
								.inferenceConfig(InferenceConfiguration.builder().maxTokens(10).build()),
							ConverseStreamResponseHandler.builder()
								.subscriber(ConverseStreamResponseHandler.Visitor.builder()
									.onContentBlockDelta((delta) -> text.append(delta.delta().text()))
									.build())
								.build())
					.join();
				return text;
			});
			call("EventBridge PutEvents",
					() -> events.putEvents((request) -> request.entries(PutEventsRequestEntry.builder()
						.eventBusName("orders")
						.source("orders")
						.detailType("OrderPlaced")
						.detail("{\"id\":1}")
						.build())));
			SqsAsyncClient sqsAsync = bean(SqsAsyncClient.class);
			DynamoDbAsyncClient dynamoDbAsync = bean(DynamoDbAsyncClient.class);
			call("SQS SendMessage (async client)",
					() -> sqsAsync.sendMessage((request) -> request.queueUrl(queueUrl).messageBody("order-5")).join());
			call("SQS ReceiveMessage and process (async client)", () -> {
				List<Message> messages = sqsAsync
					.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
					.join()
					.messages();
				return handleAll(messages);
			});
			call("DynamoDB GetItem (async client)",
					() -> dynamoDbAsync.getItem(
							(request) -> request.tableName(table).key(Map.of("id", AttributeValue.fromS("order-1"))))
						.join());
			call("DynamoDB GetItem, no such table (4xx)",
					() -> dynamoDb.getItem((request) -> request.tableName("no-such-table")
						.key(Map.of("id", AttributeValue.fromS("order-1")))));
			call("S3 GetObject, no such key (4xx)",
					() -> s3.getObjectAsBytes((request) -> request.bucket(bucket).key("no-such-key")));
			call("Secrets Manager GetSecretValue, throttled (retried)",
					() -> secrets.getSecretValue((request) -> request.secretId("throttled")));
			call("Step Functions StartExecution, 5xx (retried)",
					() -> sfn.startExecution((request) -> request
						.stateMachineArn("arn:aws:states:us-east-1:000000000000:stateMachine:broken")
						.input("{}")));
			// Spans still open elsewhere have ended: let the last exports start.
			sleep(Duration.ofMillis(200));
		}

		/**
		 * Processing: iterate the messages and handle each, in a span of the
		 * application's own (the child of whatever span processes the message).
		 */
		private List<String> handleAll(List<Message> messages) {
			List<String> handled = new ArrayList<>();
			for (Message message : messages) {
				Span handle = this.tracer.spanBuilder("handle message").startSpan();
				try (Scope scope = handle.makeCurrent()) {
					handled.add(message.body());
				}
				finally {
					handle.end();
				}
			}
			return handled;
		}

		private void call(String name, Supplier<?> call) {
			if (!CALLS.contains(name)) {
				throw new IllegalArgumentException("Not in CALLS, so not compared: " + name);
			}
			currentCall = this.run + "|" + name;
			Span span = this.tracer.spanBuilder(name).startSpan();
			try (Scope scope = span.makeCurrent()) {
				call.get();
				System.out.println("CALL " + name + ": ok");
			}
			catch (RuntimeException ex) {
				span.setStatus(StatusCode.ERROR);
				System.out.println("CALL " + name + ": " + ex.getClass().getSimpleName());
			}
			finally {
				span.end();
				currentCall = this.run + "|setup";
			}
		}

		private static void sleep(Duration duration) {
			try {
				Thread.sleep(duration.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * Names the run and call on each request, so the test can tell whose request it
	 * recorded.
	 */
	static final class CallHeader implements ExecutionInterceptor {

		@Override
		public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
				ExecutionAttributes executionAttributes) {
			return context.httpRequest().toBuilder().putHeader(CALL_HEADER, currentCall).build();
		}

	}

}
