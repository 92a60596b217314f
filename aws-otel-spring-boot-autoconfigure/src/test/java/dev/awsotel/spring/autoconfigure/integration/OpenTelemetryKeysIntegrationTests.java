/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.diagnostics.AwsOtelEnvironmentPostProcessor;
import dev.awsotel.spring.autoconfigure.internal.messaging.MessagePropagation;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenTelemetry's own keys, as an application moving from the Java agent sets them, on
 * real servers: DynamoDB on dynalite, SQS on ElasticMQ, and WireMock for a failed
 * attempt. What each key changes is read from the exported spans and the messages
 * received.
 *
 * @author aws-otel-spring-boot authors
 */
class OpenTelemetryKeysIntegrationTests {

	private static final AttributeKey<String> AWS_AGENT = AttributeKey.stringKey("aws.agent");

	private static final AttributeKey<List<String>> TENANT_HEADER = AttributeKey
		.stringArrayKey("messaging.header.tenant_id");

	private static final AttributeKey<List<String>> OTHER_HEADER = AttributeKey
		.stringArrayKey("messaging.header.other");

	private static final String FULL_BODY = "f".repeat(MessagePropagation.MAX_MESSAGE_BYTES - 40);

	private static WireMockServer dynamoDb;

	// The post-processor that a SpringApplication runs, run here too: the keys are read
	// from the environment the way an application reads them.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, Clients.class)
		.withInitializer((context) -> new AwsOtelEnvironmentPostProcessor()
			.postProcessEnvironment(context.getEnvironment(), new SpringApplication()));

	@BeforeAll
	static void startWireMock() {
		dynamoDb = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		dynamoDb.start();
	}

	@AfterAll
	static void stopWireMock() {
		dynamoDb.stop();
	}

	@Test
	void whenTheAgentsExperimentalAttributesKeyIsSetThenADynamoDbSpanHasThem() {
		for (String[] args : List.of(
				new String[] { "--otel.instrumentation.aws-sdk.experimental-span-attributes=true" },
				new String[] { "--otel.instrumentation.aws-sdk.experimental-span-attributes=true",
						"--otel.aws.experimental-span-attributes=false" },
				new String[0])) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.properties("otel.traces.exporter=none", "otel.metrics.exporter=none", "otel.logs.exporter=none")
				.run(args)) {
				context.getBean(DynamoDbClient.class).listTables();

				SpanData span = Spans.single(context.getBean(InMemorySpanExporter.class), "DynamoDb.ListTables");
				boolean expected = args.length == 1;
				assertThat(span.getAttributes().get(AWS_AGENT)).as(String.join(" ", args))
					.isEqualTo(expected ? "java-aws-sdk" : null);
			}
		}
	}

	@Test
	void whenTheAgentsHeadersKeyIsSetThenTheSendAndProcessSpansCarryTheSelectedAttributes() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
						Map.of("OTEL_INSTRUMENTATION_MESSAGING_EXPERIMENTAL_HEADERS_INCLUDED", "tenant-*"))))
			.run((context) -> {
				SqsClient sqs = context.getBean(SqsClient.class);
				String queueUrl = sqs.createQueue((q) -> q.queueName("headers")).queueUrl();
				Spans.runInParent(openTelemetry(context),
						() -> sqs.sendMessage((m) -> m.queueUrl(queueUrl)
							.messageBody("order 1")
							.messageAttributes(Map.of("tenant-id", string("acme"), "other", string("x")))));

				handleAll(
						sqs.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).messageAttributeNames("All"))
							.messages());

				SpanData send = Spans.single(exporter(context), "headers publish");
				assertThat(send.getAttributes().get(TENANT_HEADER)).containsExactly("acme");
				assertThat(send.getAttributes().get(OTHER_HEADER)).isNull();
				SpanData process = Spans.single(exporter(context), "headers process");
				assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
				assertThat(process.getAttributes().get(TENANT_HEADER)).containsExactly("acme");
				assertThat(process.getAttributes().get(OTHER_HEADER)).isNull();
			});
	}

	@Test
	void whenTheAgentsReceiveTelemetryKeyIsSetThenAReceiveSpanIsAddedAndEachMessageHasOneProcessSpan() {
		this.contextRunner
			.withPropertyValues("otel.instrumentation.messaging.experimental.receive-telemetry.enabled=true")
			.run((context) -> {
				SqsClient sqs = context.getBean(SqsClient.class);
				String queueUrl = sqs.createQueue((q) -> q.queueName("received")).queueUrl();
				for (String body : List.of("order 1", "order 2")) {
					Spans.runInParent(openTelemetry(context),
							() -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody(body)));
				}
				List<SpanData> sends = Spans.named(exporter(context), "received publish");

				List<Message> messages = new ArrayList<>();
				Spans.runInParent(openTelemetry(context), () -> {
					while (messages.size() < 2) {
						messages.addAll(handleAll(sqs
							.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10))
							.messages()));
					}
				});

				List<SpanData> receives = exporter(context).getFinishedSpanItems()
					.stream()
					.filter((span) -> span.getName().equals("received receive"))
					.toList();
				assertThat(receives).isNotEmpty()
					.allSatisfy((receive) -> assertThat(receive.getKind()).isEqualTo(SpanKind.CONSUMER));
				List<SpanData> processes = Spans.named(exporter(context), "received process");
				assertThat(processes).hasSize(2)
					.extracting(SpanData::getParentSpanId)
					.containsExactlyInAnyOrderElementsOf(sends.stream().map(SpanData::getSpanId).toList());
				assertThat(exporter(context).getFinishedSpanItems())
					.filteredOn((span) -> span.getName().endsWith(" process"))
					.hasSize(2);
			});
	}

	@Test
	void whenTheAgentsUsePropagatorKeyIsSetThenEachMessageCarriesOneContextWithinTheLimit() {
		this.contextRunner
			.withSystemProperties("otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging=true")
			.run((context) -> {
				SqsClient sqs = context.getBean(SqsClient.class);
				String queueUrl = sqs.createQueue((q) -> q.queueName("propagated")).queueUrl();
				Map<String, MessageAttributeValue> nine = attributes(9);
				Map<String, MessageAttributeValue> ten = attributes(10);
				Spans.runInParent(openTelemetry(context), () -> {
					sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("single"));
					sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("nine").messageAttributes(nine));
					sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("ten").messageAttributes(ten));
					// Fits SQS's 256 KiB as the application made it, not with a
					// traceparent.
					sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody(FULL_BODY));
					sqs.sendMessageBatch((b) -> b.queueUrl(queueUrl)
						.entries(SendMessageBatchRequestEntry.builder().id("a").messageBody("batch a").build(),
								SendMessageBatchRequestEntry.builder().id("b").messageBody("batch b").build()));
				});
				List<SpanData> sends = Spans.named(exporter(context), "propagated publish");
				List<SpanData> creates = Spans.named(exporter(context), "propagated create");
				assertThat(creates).hasSize(2);

				Map<String, Message> received = new LinkedHashMap<>();
				while (received.size() < 6) {
					sqs.receiveMessage((r) -> r.queueUrl(queueUrl)
						.waitTimeSeconds(5)
						.maxNumberOfMessages(10)
						.messageAttributeNames("All"))
						.messages()
						.forEach((message) -> received.put(message.body(), message));
				}

				assertThat(traceparentSpanId(received.get("single"))).isIn(spanIds(sends));
				assertThat(received.get("nine").messageAttributes()).hasSize(10).containsKey("traceparent");
				assertThat(received.get("ten").messageAttributes()).hasSize(10).doesNotContainKey("traceparent");
				assertThat(received.get(FULL_BODY).messageAttributes()).isEmpty();
				assertThat(context.getBean(MessagePropagation.class).skippedMessages()).as("ten and full").isEqualTo(2);
				// Each entry of a batch names its own producer span, not the batch
				// call's.
				assertThat(
						List.of(traceparentSpanId(received.get("batch a")), traceparentSpanId(received.get("batch b"))))
					.containsExactlyInAnyOrderElementsOf(spanIds(creates));
			});
	}

	@Test
	void whenTheAgentsUsePropagatorKeyIsSetButSqsPropagationIsOffThenNoMessageCarriesContext() {
		this.contextRunner
			.withPropertyValues("otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging=true",
					"otel.aws.sqs.propagation=false")
			.run((context) -> {
				SqsClient sqs = context.getBean(SqsClient.class);
				String queueUrl = sqs.createQueue((q) -> q.queueName("unpropagated")).queueUrl();
				Spans.runInParent(openTelemetry(context), () -> {
					sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("single").messageAttributes(attributes(1)));
					sqs.sendMessageBatch((b) -> b.queueUrl(queueUrl)
						.entries(SendMessageBatchRequestEntry.builder().id("a").messageBody("batch a").build()));
				});

				List<Message> received = new ArrayList<>();
				while (received.size() < 2) {
					received.addAll(sqs.receiveMessage((r) -> r.queueUrl(queueUrl)
						.waitTimeSeconds(5)
						.maxNumberOfMessages(10)
						.messageAttributeNames("All")
						.messageSystemAttributeNamesWithStrings("All")).messages());
				}
				assertThat(received).allSatisfy((message) -> {
					assertThat(message.messageAttributes()).doesNotContainKey("traceparent");
					assertThat(message.attributesAsStrings()).doesNotContainKey("AWSTraceHeader");
				});
				assertThat(received).filteredOn((message) -> message.body().equals("single"))
					.singleElement()
					.satisfies((message) -> assertThat(message.messageAttributes()).containsOnlyKeys("attribute0"));
			});
	}

	@Test
	void whenTheAgentsIndividualHttpErrorKeyIsSetThenAFailedAttemptIsAnEventWithTheErrorBody() {
		String errorBody = "{\"__type\":\"com.amazon.coral.service#InternalFailure\",\"message\":\"try again\"}";
		for (boolean recorded : new boolean[] { true, false }) {
			dynamoDb.resetAll();
			dynamoDb.stubFor(any(anyUrl()).inScenario("500 then 200")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(500)
					.withHeader("Content-Type", "application/x-amz-json-1.0")
					.withBody(errorBody))
				.willSetStateTo("recovered"));
			dynamoDb.stubFor(any(anyUrl()).inScenario("500 then 200")
				.whenScenarioStateIs("recovered")
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/x-amz-json-1.0")
					.withBody("{}")));
			this.contextRunner
				.withPropertyValues(
						"otel.instrumentation.aws-sdk.experimental-record-individual-http-error=" + recorded)
				.run((context) -> {
					context.getBean("wireMockDynamoDb", DynamoDbClient.class)
						.putItem((p) -> p.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1"))));

					SpanData call = Spans.single(exporter(context), "DynamoDb.PutItem");
					List<EventData> failures = call.getEvents()
						.stream()
						.filter((event) -> event.getName().equals("HTTP request failure"))
						.toList();
					if (!recorded) {
						assertThat(failures).isEmpty();
						return;
					}
					assertThat(failures).singleElement().satisfies((event) -> {
						assertThat(event.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
							.isEqualTo(500L);
						assertThat(event.getAttributes().get(AttributeKey.stringKey("aws.http.error_message")))
							.isEqualTo(errorBody);
					});
					// The attempt record still reads the error code from the body.
					assertThat(Spans.single(exporter(context), "Attempt 1")
						.getAttributes()
						.get(AttributeKey.stringKey("error.type"))).isEqualTo("InternalFailure");
				});
		}
	}

	private static List<Message> handleAll(List<Message> messages) {
		List<Message> handled = new ArrayList<>();
		for (Message message : messages) {
			handled.add(message);
		}
		return handled;
	}

	private static Map<String, MessageAttributeValue> attributes(int count) {
		Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			attributes.put("attribute" + i, string("v" + i));
		}
		return attributes;
	}

	private static String traceparentSpanId(Message message) {
		MessageAttributeValue traceparent = message.messageAttributes().get("traceparent");
		assertThat(traceparent).as("traceparent of %s", message.body()).isNotNull();
		return traceparent.stringValue().split("-")[2];
	}

	private static List<String> spanIds(List<SpanData> spans) {
		return spans.stream().map(SpanData::getSpanId).toList();
	}

	private static MessageAttributeValue string(String value) {
		return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
	}

	private static OpenTelemetry openTelemetry(AssertableApplicationContext context) {
		return context.getBean(OpenTelemetry.class);
	}

	private static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class Clients {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbClient wireMockDynamoDb() {
			return LocalAws.configure(DynamoDbClient.builder(), URI.create(dynamoDb.baseUrl())).build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryOpenTelemetryConfiguration.class)
	static class Application {

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return LocalAws.configure(DynamoDbClient.builder(), LocalAws.dynamoDb()).build();
		}

	}

}
