/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.cloudaws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.InstrumentedClient;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import io.awspring.cloud.s3.S3Template;
import io.awspring.cloud.sns.core.SnsTemplate;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.ListenerMode;
import io.awspring.cloud.sqs.listener.MessageListener;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in an application on Spring Boot 3.5 with Spring Cloud AWS 3.4 and the AWS
 * SDK version Spring Cloud AWS brings, and (module {@code spring-cloud-aws-4.1}, the same
 * source) on Spring Boot 4.1 with Spring Cloud AWS 4.1, against real servers on loopback:
 * ElasticMQ (SQS), S3Proxy (S3), fauxqs (SNS) and dynalite (DynamoDB). The clients are
 * the ones Spring Cloud AWS auto-configures; the application code uses Spring Cloud AWS's
 * templates and an {@code @SqsListener} method.
 *
 * @author aws-otel-spring-boot authors
 */
@SpringBootTest(classes = SpringCloudAwsTracingIntegrationTests.App.class,
		properties = { "spring.cloud.aws.region.static=eu-west-1", "spring.cloud.aws.credentials.access-key=test",
				"spring.cloud.aws.credentials.secret-key=test", "spring.cloud.aws.s3.path-style-access-enabled=true",
				"spring.cloud.aws.sqs.listener.poll-timeout=1s",
				"spring.cloud.aws.sqs.listener.max-messages-per-poll=10", "otel.service.name=cloud-aws-compat" })
// Closed after the class, so that the listener containers stop before the JVM stops the
// servers (child processes, stopped by shutdown hooks).
@DirtiesContext
class SpringCloudAwsTracingIntegrationTests {

	static final String LISTENER_QUEUE = "orders-listener";

	static final String FAILING_QUEUE = "orders-failing";

	static final String TABLE = "processed-orders";

	static final String BATCH_QUEUE = "orders-batch";

	static final String FACTORY_BUILT_QUEUE = "orders-factory-built";

	private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");

	private static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");

	private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");

	private static final ElasticMqServer sqs = ElasticMqServer.start();

	private static final ChildProcessServer s3 = ChildProcessServer.s3proxy();

	private static final ChildProcessServer sns = ChildProcessServer.fauxqs();

	private static final ChildProcessServer dynamoDb = ChildProcessServer.dynalite();

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private OpenTelemetry openTelemetry;

	@Autowired
	private SqsAsyncClient sqsAsyncClient;

	@Autowired
	private S3Client s3Client;

	@Autowired
	private SnsClient snsClient;

	@Autowired
	private DynamoDbClient dynamoDbClient;

	@Autowired
	private SqsTemplate sqsTemplate;

	@Autowired
	private S3Template s3Template;

	@Autowired
	private SnsTemplate snsTemplate;

	@Autowired
	private AwsClientRegistry registry;

	@Autowired
	private Listener listener;

	@Autowired
	private SqsMessageListenerContainer<Object> handBuiltBatchContainer;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry properties) {
		properties.add("spring.cloud.aws.sqs.endpoint", () -> sqs.endpoint().toString());
		properties.add("spring.cloud.aws.s3.endpoint", () -> s3.endpoint().toString());
		properties.add("spring.cloud.aws.sns.endpoint", () -> sns.endpoint().toString());
		properties.add("spring.cloud.aws.dynamodb.endpoint", () -> dynamoDb.endpoint().toString());
	}

	@BeforeEach
	void reset() {
		this.spans.reset();
	}

	@Test
	void runsOnTheSpringBootSpringCloudAwsAndAwsSdkVersionsOfItsModule() {
		// Spring Boot 3.5.x, Spring Cloud AWS 3.4.x and the SDK its BOM manages in
		// compatibility-tests/spring-cloud-aws; the build's Spring Boot 4.1 and AWS SDK
		// with
		// Spring Cloud AWS 4.1.x in compatibility-tests/spring-cloud-aws-4.1.
		assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("compat.spring-boot.version"));
		assertThat(VersionInfo.SDK_VERSION).isEqualTo(System.getProperty("compat.aws-sdk.version"));
		assertThat(SqsTemplate.class.getPackage().getImplementationVersion())
			.isEqualTo(System.getProperty("compat.spring-cloud-aws.version"));
	}

	@Test
	void clientsSpringCloudAwsAutoConfiguresAreTracedThroughTheirInterceptor() {
		Map<String, InstrumentedClient> clients = this.registry.clients()
			.stream()
			.collect(java.util.stream.Collectors.toMap(InstrumentedClient::beanName, (client) -> client));
		assertThat(clients).containsKeys("sqsAsyncClient", "s3Client", "snsClient", "dynamoDbClient");
		assertThat(List.of("sqsAsyncClient", "s3Client", "snsClient", "dynamoDbClient"))
			.allSatisfy((name) -> assertThat(clients.get(name).mode()).as(name).isEqualTo(TracingMode.INTERCEPTOR));

		this.s3Template.createBucket("compat-bucket");
		this.s3Template.upload("compat-bucket", "receipt.txt",
				new ByteArrayInputStream("paid".getBytes(StandardCharsets.UTF_8)));
		this.snsTemplate.sendNotification("compat-topic", "order placed", "orders");
		this.sqsAsyncClient.createQueue((request) -> request.queueName("compat-plain")).join();
		this.dynamoDbClient.listTables();

		assertCall("S3", "CreateBucket");
		assertCall("S3", "PutObject");
		assertCall("Sns", "CreateTopic");
		assertCall("Sns", "Publish");
		assertCall("Sqs", "CreateQueue");
		assertCall("DynamoDb", "ListTables");
	}

	@Test
	void sqsTemplateSendCarriesTheContextOfItsSendSpan() {
		String queueUrl = this.sqsAsyncClient.createQueue((request) -> request.queueName("compat-template"))
			.join()
			.queueUrl();
		Span checkout = inSpan("checkout", () -> {
			// The first send to a queue resolves its URL first, on an SDK thread.
			this.sqsTemplate.send("compat-template", "order 1");
			this.sqsTemplate.send("compat-template", "order 2");
		});
		List<SpanData> sends = this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.PRODUCER)
			.toList();
		assertThat(sends).hasSize(2).allSatisfy((send) -> {
			assertThat(send.getName()).isEqualTo("compat-template publish");
			assertThat(send.getTraceId()).isEqualTo(checkout.getSpanContext().getTraceId());
			assertThat(send.getParentSpanId()).isEqualTo(checkout.getSpanContext().getSpanId());
		});

		List<software.amazon.awssdk.services.sqs.model.Message> received = this.sqsAsyncClient
			.receiveMessage((request) -> request.queueUrl(queueUrl)
				.maxNumberOfMessages(10)
				.waitTimeSeconds(1)
				.messageAttributeNames("All")
				.messageSystemAttributeNamesWithStrings("All"))
			.join()
			.messages();
		assertThat(received).hasSize(2).allSatisfy((message) -> {
			String traceparent = message.messageAttributes().get("traceparent").stringValue();
			assertThat(traceparent).contains(checkout.getSpanContext().getTraceId());
			assertThat(sends).anySatisfy((send) -> assertThat(traceparent).contains(send.getSpanId()));
			assertThat(message.attributesAsStrings().get(MessageSystemAttributeName.AWS_TRACE_HEADER.toString()))
				.contains(checkout.getSpanContext().getTraceId().substring(8));
		});
	}

	@Test
	void sqsListenerRunsInsideTheProcessSpanOfItsMessage() throws Exception {
		Span checkout = inSpan("checkout", () -> this.sqsTemplate.send(LISTENER_QUEUE, "order-42"));
		assertThat(this.listener.handled.poll(20, TimeUnit.SECONDS)).isEqualTo("order-42");

		SpanData send = awaitSpan(LISTENER_QUEUE + " publish");
		SpanData process = awaitSpan(LISTENER_QUEUE + " process");
		SpanData handle = awaitSpan("handle order");
		SpanData putItem = awaitSpan("DynamoDb.PutItem");
		String traceId = checkout.getSpanContext().getTraceId();
		assertThat(List.of(send, process, handle, putItem))
			.allSatisfy((span) -> assertThat(span.getTraceId()).as(span.getName()).isEqualTo(traceId));
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
		assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("aws_sqs");
		assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(handle.getParentSpanId()).isEqualTo(process.getSpanId());
		assertThat(putItem.getParentSpanId()).isEqualTo(handle.getSpanId());
		// Spring Cloud AWS's own receive and conversion open no second process span.
		assertThat(spansNamed(LISTENER_QUEUE + " process")).hasSize(1);
	}

	@Test
	void aFailingSqsListenerMarksItsProcessSpan() throws Exception {
		Span checkout = inSpan("checkout", () -> this.sqsTemplate.send(FAILING_QUEUE, "bad order"));
		assertThat(this.listener.failed.poll(20, TimeUnit.SECONDS)).isEqualTo("bad order");
		SpanData process = awaitSpan(FAILING_QUEUE + " process");
		assertThat(process.getTraceId()).isEqualTo(checkout.getSpanContext().getTraceId());
		assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(process.getEvents())
			.anySatisfy((event) -> assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
				.isEqualTo(IllegalStateException.class.getName()));
	}

	@Test
	void aBatchListenerOfAContainerBuiltByHandRunsInOneProcessSpanLinkedToEachProducer() throws Exception {
		// The container starts once every message is in the queue, so that one poll takes
		// them all.
		this.sqsAsyncClient.createQueue((request) -> request.queueName(BATCH_QUEUE)).join();
		Span first = inSpan("checkout 1", () -> this.sqsTemplate.send(BATCH_QUEUE, "order-a"));
		Span second = inSpan("checkout 2", () -> {
			this.sqsTemplate.send(BATCH_QUEUE, "order-b");
			this.sqsTemplate.send(BATCH_QUEUE, "order-c");
		});
		List<SpanData> sends = spansNamed(BATCH_QUEUE + " publish");
		assertThat(sends).hasSize(3);

		this.handBuiltBatchContainer.start();
		try {
			assertThat(this.listener.batches.poll(20, TimeUnit.SECONDS)).containsExactlyInAnyOrder("order-a", "order-b",
					"order-c");
		}
		finally {
			this.handBuiltBatchContainer.stop();
		}

		SpanData process = awaitSpan(BATCH_QUEUE + " process");
		SpanData handle = awaitSpan("handle batch");
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		// A trace of its own: its messages come from two.
		assertThat(process.getParentSpanContext().isValid()).isFalse();
		assertThat(process.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count"))).isEqualTo(3L);
		assertThat(process.getLinks()).extracting((link) -> link.getSpanContext().getSpanId())
			.containsExactlyInAnyOrderElementsOf(sends.stream().map(SpanData::getSpanId).toList());
		assertThat(process.getLinks()).extracting((link) -> link.getSpanContext().getTraceId())
			.containsOnly(first.getSpanContext().getTraceId(), second.getSpanContext().getTraceId());
		assertThat(process.getLinks())
			.allSatisfy((link) -> assertThat(link.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
				.isNotBlank());
		assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertThat(handle.getParentSpanId()).isEqualTo(process.getSpanId());
		assertThat(handle.getTraceId()).isEqualTo(process.getTraceId());
	}

	@Test
	void aContainerBeanMadeByTheFactoryRunsEachMessageInOneProcessSpan() throws Exception {
		// The factory bean and the container bean both get the interceptor.
		Span checkout = inSpan("checkout", () -> this.sqsTemplate.send(FACTORY_BUILT_QUEUE, "order-7"));
		String spanInListener = this.listener.factoryBuilt.poll(20, TimeUnit.SECONDS);
		SpanData send = awaitSpan(FACTORY_BUILT_QUEUE + " publish");
		SpanData process = awaitSpan(FACTORY_BUILT_QUEUE + " process");
		assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
		assertThat(process.getTraceId()).isEqualTo(checkout.getSpanContext().getTraceId());
		assertThat(spanInListener).isEqualTo(process.getSpanId());
		Thread.sleep(200);
		assertThat(spansNamed(FACTORY_BUILT_QUEUE + " process")).hasSize(1);
	}

	private Span inSpan(String name, Runnable sends) {
		Span span = this.openTelemetry.getTracer("test").spanBuilder(name).startSpan();
		try (Scope scope = span.makeCurrent()) {
			sends.run();
		}
		finally {
			span.end();
		}
		return span;
	}

	private void assertCall(String service, String method) {
		SpanData span = awaitSpan(service + "." + method);
		assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
		assertThat(span.getAttributes().get(RPC_SYSTEM)).isEqualTo("aws-api");
		assertThat(span.getAttributes().get(RPC_SERVICE)).isEqualTo(service);
		assertThat(span.getAttributes().get(RPC_METHOD)).isEqualTo(method);
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
	}

	private List<SpanData> spansNamed(String name) {
		return this.spans.getFinishedSpanItems().stream().filter((span) -> span.getName().equals(name)).toList();
	}

	private SpanData awaitSpan(String name) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			List<SpanData> found = spansNamed(name);
			if (!found.isEmpty()) {
				assertThat(found).as("spans named %s", name).hasSize(1);
				return found.get(0);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("No span named " + name + " among "
				+ this.spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(InMemorySpanExporter spanExporter) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
				.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
				.build();
		}

		@Bean
		Listener listener(OpenTelemetry openTelemetry, DynamoDbClient dynamoDb) {
			return new Listener(openTelemetry, dynamoDb);
		}

		@Bean
		SqsMessageListenerContainer<Object> handBuiltBatchContainer(SqsAsyncClient sqsAsyncClient, Listener listener) {
			return SqsMessageListenerContainer.builder()
				.id("hand-built-batch")
				.sqsAsyncClient(sqsAsyncClient)
				.queueNames(BATCH_QUEUE)
				.configure((options) -> options.listenerMode(ListenerMode.BATCH)
					.maxMessagesPerPoll(10)
					.pollTimeout(Duration.ofSeconds(1))
					.autoStartup(false))
				.messageListener(new MessageListener<>() {

					@Override
					public void onMessage(Message<Object> message) {
						onMessage(List.of(message));
					}

					@Override
					public void onMessage(Collection<Message<Object>> messages) {
						listener.onBatch(messages);
					}

				})
				.build();
		}

		@Bean
		SqsMessageListenerContainer<Object> factoryBuiltContainer(
				SqsMessageListenerContainerFactory<Object> defaultSqsListenerContainerFactory, Listener listener) {
			SqsMessageListenerContainer<Object> container = defaultSqsListenerContainerFactory
				.createContainer(FACTORY_BUILT_QUEUE);
			container.setMessageListener(listener::onFactoryBuilt);
			return container;
		}

	}

	static class Listener {

		final BlockingQueue<String> handled = new LinkedBlockingQueue<>();

		final BlockingQueue<String> failed = new LinkedBlockingQueue<>();

		final BlockingQueue<List<String>> batches = new LinkedBlockingQueue<>();

		final BlockingQueue<String> factoryBuilt = new LinkedBlockingQueue<>();

		private final OpenTelemetry openTelemetry;

		private final DynamoDbClient dynamoDb;

		private volatile boolean tableCreated;

		Listener(OpenTelemetry openTelemetry, DynamoDbClient dynamoDb) {
			this.openTelemetry = openTelemetry;
			this.dynamoDb = dynamoDb;
		}

		@SqsListener(LISTENER_QUEUE)
		void onOrder(Message<String> message) {
			createTableOnce();
			Span span = this.openTelemetry.getTracer("orders").spanBuilder("handle order").startSpan();
			try (Scope scope = span.makeCurrent()) {
				this.dynamoDb.putItem((request) -> request.tableName(TABLE)
					.item(Map.of("id", AttributeValue.fromS(message.getPayload()), "body",
							AttributeValue.fromB(SdkBytes.fromUtf8String(message.getPayload())))));
			}
			finally {
				span.end();
			}
			this.handled.add(message.getPayload());
		}

		@SqsListener(value = FAILING_QUEUE, maxMessagesPerPoll = "1")
		void onBadOrder(String order) {
			this.failed.add(order);
			throw new IllegalStateException("cannot process " + order);
		}

		void onBatch(Collection<Message<Object>> messages) {
			Span span = this.openTelemetry.getTracer("orders").spanBuilder("handle batch").startSpan();
			span.end();
			this.batches.add(messages.stream().map((message) -> String.valueOf(message.getPayload())).toList());
		}

		void onFactoryBuilt(Message<Object> message) {
			this.factoryBuilt.add(Span.current().getSpanContext().getSpanId());
		}

		private void createTableOnce() {
			if (!this.tableCreated) {
				// Outside the message's context: this span must not be in the trace.
				try (Scope scope = io.opentelemetry.context.Context.root().makeCurrent()) {
					this.dynamoDb.createTable((request) -> request.tableName(TABLE)
						.attributeDefinitions(AttributeDefinition.builder()
							.attributeName("id")
							.attributeType(ScalarAttributeType.S)
							.build())
						.keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
						.billingMode(BillingMode.PAY_PER_REQUEST));
				}
				this.tableCreated = true;
			}
		}

	}

}
