/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.floor;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.InstrumentedClient;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core scenarios on a supported floor (the module sets the AWS SDK or the
 * OpenTelemetry instrumentation to its oldest supported version): every client bean is
 * traced through its interceptor, sync and async; an SQS message is sent and processed in
 * one trace; a retried call shows its attempts. Against ElasticMQ, dynalite and WireMock
 * on loopback. Compiled into each floor module (build-helper add-test-source).
 *
 * @author aws-otel-spring-boot authors
 */
@SpringBootTest(classes = FloorScenariosIntegrationTests.App.class, properties = "otel.aws.attempts=spans")
@DirtiesContext
class FloorScenariosIntegrationTests {

	private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");

	private static final ElasticMqServer sqs = ElasticMqServer.start();

	private static final ChildProcessServer dynamoDb = ChildProcessServer.dynalite();

	private static final WireMockServer faults = startWireMock();

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private OpenTelemetry openTelemetry;

	@Autowired
	private AwsClientRegistry registry;

	@Autowired
	private SqsClient sqsClient;

	@Autowired
	private SqsAsyncClient sqsAsyncClient;

	@Autowired
	private DynamoDbClient dynamoDbClient;

	@Autowired
	private DynamoDbAsyncClient dynamoDbAsyncClient;

	@Autowired
	private DynamoDbClient faultyDynamoDbClient;

	@AfterAll
	static void stopWireMock() {
		faults.stop();
	}

	@BeforeEach
	void reset() {
		this.spans.reset();
		faults.resetAll();
	}

	@Test
	void runsOnTheFloor() {
		assertThat(VersionInfo.SDK_VERSION).isEqualTo(System.getProperty("floor.aws-sdk"));
		String instrumentation = System.getProperty("floor.instrumentation");
		assertThat(instrumentation).isNotBlank();
		assertThat(getClass().getClassLoader()
			.getResource("io/opentelemetry/instrumentation/awssdk/v2_2/AwsSdkTelemetry.class")
			.toString()).contains("/opentelemetry-aws-sdk-2.2-" + instrumentation + ".jar!");
		assertThat(getClass().getClassLoader().getResource("io/opentelemetry/api/OpenTelemetry.class").toString())
			.contains("/opentelemetry-api-" + System.getProperty("floor.opentelemetry-api") + ".jar!");
	}

	@Test
	void everyClientBeanIsTracedThroughItsInterceptor() {
		List<String> beans = List.of("sqsClient", "sqsAsyncClient", "dynamoDbClient", "dynamoDbAsyncClient",
				"faultyDynamoDbClient");
		Map<String, InstrumentedClient> clients = this.registry.clients()
			.stream()
			.collect(Collectors.toMap(InstrumentedClient::beanName, (client) -> client, (a, b) -> a));
		assertThat(beans)
			.allSatisfy((name) -> assertThat(clients.get(name).mode()).as(name).isEqualTo(TracingMode.INTERCEPTOR));

		Span parent = inSpan(() -> {
			this.sqsClient.listQueues();
			this.sqsAsyncClient.listQueues().join();
			this.dynamoDbClient.listTables();
			this.dynamoDbAsyncClient.listTables().join();
		});
		List<SpanData> calls = List.of(awaitSpans("Sqs.ListQueues", 2), awaitSpans("DynamoDb.ListTables", 2))
			.stream()
			.flatMap(List::stream)
			.toList();
		assertThat(calls).hasSize(4).allSatisfy((call) -> {
			assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(call.getAttributes().get(RPC_SYSTEM)).isEqualTo("aws-api");
			assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
			assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
			assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
		});
	}

	@Test
	void sqsMessageIsSentAndProcessedInOneTrace() {
		String queueUrl = this.sqsClient.createQueue((request) -> request.queueName("floor-orders")).queueUrl();
		Span checkout = inSpan(
				() -> this.sqsAsyncClient.sendMessage((request) -> request.queueUrl(queueUrl).messageBody("order 1"))
					.join());
		SpanData send = awaitSpans("floor-orders publish", 1).get(0);
		assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(send.getTraceId()).isEqualTo(checkout.getSpanContext().getTraceId());
		assertThat(send.getParentSpanId()).isEqualTo(checkout.getSpanContext().getSpanId());

		List<Message> received = this.sqsClient
			.receiveMessage((request) -> request.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10))
			.messages();
		int count = 0;
		for (Message message : received) {
			// The process span of each message covers the loop's body: the application's
			// handling of it.
			assertThat(Span.current().getSpanContext().getTraceId()).isEqualTo(send.getTraceId());
			count++;
		}
		assertThat(count).isEqualTo(1);
		SpanData process = awaitSpans("floor-orders process", 1).get(0);
		assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
		assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
		assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
	}

	@Test
	void retriedCallShowsItsAttempts() {
		String target = "DynamoDB_20120810.PutItem";
		faults.stubFor(any(anyUrl()).inScenario(target)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/x-amz-json-1.0")
				.withBody("{\"__type\":\"com.amazon.coral.service#InternalFailure\"}"))
			.willSetStateTo("ok"));
		faults.stubFor(any(anyUrl()).inScenario(target)
			.whenScenarioStateIs("ok")
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/x-amz-json-1.0")
				.withBody("{}")));

		this.faultyDynamoDbClient
			.putItem((request) -> request.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1"))));

		SpanData call = awaitSpans("DynamoDb.PutItem", 1).get(0);
		assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		List<SpanData> attempts = awaitSpans((span) -> span.getName().startsWith("Attempt "), 2);
		assertThat(attempts).extracting(SpanData::getName).containsExactlyInAnyOrder("Attempt 1", "Attempt 2");
		assertThat(attempts).allSatisfy((attempt) -> {
			assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
			assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId());
		});
		assertThat(attempts).filteredOn((attempt) -> attempt.getName().equals("Attempt 1"))
			.singleElement()
			.satisfies((attempt) -> assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
	}

	private Span inSpan(Runnable calls) {
		Span span = this.openTelemetry.getTracer("test").spanBuilder("checkout").startSpan();
		try (Scope scope = span.makeCurrent()) {
			calls.run();
		}
		finally {
			span.end();
		}
		return span;
	}

	private List<SpanData> awaitSpans(String name, int count) {
		return awaitSpans((span) -> span.getName().equals(name), count);
	}

	private List<SpanData> awaitSpans(Predicate<SpanData> filter, int count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		List<SpanData> found;
		do {
			found = this.spans.getFinishedSpanItems().stream().filter(filter).toList();
			if (found.size() >= count) {
				break;
			}
			sleep();
		}
		while (System.nanoTime() < deadline);
		assertThat(found).hasSize(count);
		return found;
	}

	private static void sleep() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static WireMockServer startWireMock() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	private static <B extends AwsClientBuilder<B, ?>> B local(B builder, Supplier<URI> endpoint) {
		return builder.endpointOverride(endpoint.get())
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
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
		SqsClient sqsClient() {
			return local(SqsClient.builder(), sqs::endpoint).build();
		}

		@Bean
		SqsAsyncClient sqsAsyncClient() {
			return local(SqsAsyncClient.builder(), sqs::endpoint).build();
		}

		@Bean
		DynamoDbClient dynamoDbClient() {
			return local(DynamoDbClient.builder(), dynamoDb::endpoint).build();
		}

		@Bean
		DynamoDbAsyncClient dynamoDbAsyncClient() {
			return local(DynamoDbAsyncClient.builder(), dynamoDb::endpoint).build();
		}

		@Bean
		DynamoDbClient faultyDynamoDbClient() {
			return local(DynamoDbClient.builder(), () -> URI.create(faults.baseUrl())).build();
		}

	}

}
