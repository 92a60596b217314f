/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.metrics.AwsCallMetrics;
import dev.awsotel.spring.autoconfigure.internal.semconv.AttributeKeys;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/**
 * Retries and failures made visible, against WireMock as the AWS endpoint: for each
 * fault, in each {@code otel.aws.attempts} mode, one attempt span or event per request
 * the server received, the right resend count, throttle flag and status, the right
 * metrics, and the same result or exception as a client the starter does not trace.
 *
 * @author aws-otel-spring-boot authors
 */
class AttemptsIntegrationTests {

	private static final String QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/000000000000/orders";

	private static WireMockServer wireMock;

	@BeforeAll
	static void startWireMock() {
		wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		wireMock.start();
	}

	@AfterAll
	static void stopWireMock() {
		wireMock.stop();
	}

	@BeforeEach
	void resetWireMock() {
		wireMock.resetAll();
	}

	private ApplicationContextRunner contextRunner(AttemptMode mode) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
			.withUserConfiguration(TelemetryConfiguration.class, FaultClients.class)
			.withPropertyValues("otel.aws.attempts=" + mode.name().toLowerCase());
	}

	@ParameterizedTest
	@EnumSource(AttemptMode.class)
	void whenSqsIsThrottledTwiceThenThreeAttemptsShowAndTheCallSucceeds(AttemptMode mode) {
		String body = "order 1";
		sequence("AmazonSQS.SendMessage", sqsThrottling(), sqsThrottling(),
				json("{\"MD5OfMessageBody\":\"" + md5(body) + "\",\"MessageId\":\"m-1\"}"));
		this.contextRunner(mode).run((context) -> {
			String messageId = context.getBean(SqsClient.class)
				.sendMessage((m) -> m.queueUrl(QUEUE_URL).messageBody(body))
				.messageId();

			assertThat(messageId).isEqualTo("m-1");
			SpanData call = Spans.single(exporter(context), "orders publish");
			assertCall(context, mode, call, 3, true, StatusCode.UNSET);
			assertAttempts(context, mode, call, List.of(new Expected(400, "ThrottlingException", true),
					new Expected(400, "ThrottlingException", true), new Expected(200, null, false)));
			assertMetrics(context, "Sqs", "SendMessage", 3, 2, 2);
		});
	}

	@ParameterizedTest
	@EnumSource(AttemptMode.class)
	void whenS3AnswersSlowDownThenTwoAttemptsShow(AttemptMode mode) {
		wireMock.stubFor(any(anyUrl()).inScenario("s3")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/xml")
				.withBody("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"))
			.willSetStateTo("ok"));
		wireMock.stubFor(any(anyUrl()).inScenario("s3")
			.whenScenarioStateIs("ok")
			.willReturn(aResponse().withStatus(200).withHeader("ETag", "\"etag-1\"")));
		this.contextRunner(mode).run((context) -> {
			String eTag = context.getBean(S3Client.class)
				.putObject((p) -> p.bucket("receipts").key("r.json"), RequestBody.fromString("{}"))
				.eTag();

			assertThat(eTag).isEqualTo("\"etag-1\"");
			SpanData call = Spans.single(exporter(context), "S3.PutObject");
			assertCall(context, mode, call, 2, true, StatusCode.UNSET);
			assertAttempts(context, mode, call,
					List.of(new Expected(503, "SlowDown", true), new Expected(200, null, false)));
			assertMetrics(context, "S3", "PutObject", 2, 1, 1);
		});
	}

	@ParameterizedTest
	@EnumSource(AttemptMode.class)
	void whenDynamoDbFailsThenIsThrottledThenTheThirdAttemptSucceeds(AttemptMode mode) {
		sequence("DynamoDB_20120810.PutItem",
				aResponse().withStatus(500)
					.withHeader("Content-Type", "application/x-amz-json-1.0")
					.withBody("{\"__type\":\"com.amazon.coral.service#InternalFailure\"}"),
				aResponse().withStatus(400)
					.withHeader("Content-Type", "application/x-amz-json-1.0")
					.withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
							+ "\"message\":\"Rate of requests exceeds the allowed throughput.\"}"),
				json("{}"));
		this.contextRunner(mode).run((context) -> {
			context.getBean(DynamoDbClient.class)
				.putItem((p) -> p.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-1"))));

			SpanData call = Spans.single(exporter(context), "DynamoDb.PutItem");
			assertCall(context, mode, call, 3, true, StatusCode.UNSET);
			assertAttempts(context, mode, call, List.of(new Expected(500, "InternalFailure", false),
					new Expected(400, "ProvisionedThroughputExceededException", true), new Expected(200, null, false)));
			assertMetrics(context, "DynamoDb", "PutItem", 3, 2, 1);
		});
	}

	@ParameterizedTest
	@EnumSource(AttemptMode.class)
	void whenAnAsyncClientFailsThenIsThrottledThenTheErrorCodesComeFromTheBodies(AttemptMode mode) {
		sequence("DynamoDB_20120810.PutItem",
				aResponse().withStatus(500)
					.withHeader("Content-Type", "application/x-amz-json-1.0")
					.withBody("{\"__type\":\"com.amazon.coral.service#InternalFailure\"}"),
				aResponse().withStatus(400)
					.withHeader("Content-Type", "application/x-amz-json-1.0")
					.withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
							+ "\"message\":\"Rate of requests exceeds the allowed throughput.\"}"),
				json("{}"));
		this.contextRunner(mode).run((context) -> {
			context.getBean(DynamoDbAsyncClient.class)
				.putItem((p) -> p.tableName("orders").item(Map.of("id", AttributeValue.fromS("o-2"))))
				.join();

			SpanData call = Spans.single(exporter(context), "DynamoDb.PutItem");
			assertCall(context, mode, call, 3, true, StatusCode.UNSET);
			assertAttempts(context, mode, call, List.of(new Expected(500, "InternalFailure", false),
					new Expected(400, "ProvisionedThroughputExceededException", true), new Expected(200, null, false)));
			assertMetrics(context, "DynamoDb", "PutItem", 3, 2, 1);
		});
	}

	@ParameterizedTest
	@EnumSource(AttemptMode.class)
	void whenThrottledUntilTheSdkGivesUpThenTheCallerGetsTheSameExceptionAsAnUntracedClient(AttemptMode mode) {
		wireMock.stubFor(any(anyUrl()).willReturn(sqsThrottling()));
		Throwable untraced;
		try (SqsClient twin = FaultClients.configure(SqsClient.builder()).build()) {
			untraced = catchThrowable(() -> twin.sendMessage((m) -> m.queueUrl(QUEUE_URL).messageBody("x")));
		}
		int untracedRequests = requests();
		wireMock.resetRequests();
		this.contextRunner(mode).run((context) -> {
			Throwable traced = catchThrowable(
					() -> context.getBean(SqsClient.class).sendMessage((m) -> m.queueUrl(QUEUE_URL).messageBody("x")));

			assertThat(traced).isNotNull().hasSameClassAs(untraced).hasMessage(untraced.getMessage());
			assertThat(requests()).isEqualTo(untracedRequests).isEqualTo(3);
			SpanData call = Spans.single(exporter(context), "orders publish");
			assertCall(context, mode, call, 3, true, StatusCode.ERROR);
			assertThat(call.getAttributes().get(AttributeKeys.ERROR_TYPE)).isEqualTo(untraced.getClass().getName());
			assertAttempts(context, mode, call, List.of(new Expected(400, "ThrottlingException", true),
					new Expected(400, "ThrottlingException", true), new Expected(400, "ThrottlingException", true)));
			assertMetrics(context, "Sqs", "SendMessage", 3, 2, 3);
		});
	}

	@ParameterizedTest
	@EnumSource(AttemptMode.class)
	void whenAnAttemptTimesOutThenTheNextSucceedsAndBothShow(AttemptMode mode) {
		sequence("AmazonSQS.SendMessage",
				json("{\"MD5OfMessageBody\":\"" + md5("x") + "\",\"MessageId\":\"late\"}").withFixedDelay(2_000),
				json("{\"MD5OfMessageBody\":\"" + md5("x") + "\",\"MessageId\":\"m-2\"}"));
		this.contextRunner(mode).run((context) -> {
			String messageId = context.getBean(SqsClient.class)
				.sendMessage((m) -> m.queueUrl(QUEUE_URL).messageBody("x"))
				.messageId();

			assertThat(messageId).isEqualTo("m-2");
			SpanData call = Spans.single(exporter(context), "orders publish");
			assertCall(context, mode, call, 2, false, StatusCode.UNSET);
			assertAttempts(context, mode, call,
					List.of(new Expected(null, Attempts.TIMEOUT, false), new Expected(200, null, false)));
			if (mode != AttemptMode.NONE) {
				// The first attempt lasted until the client's 1.5 s attempt timeout cut
				// it, not until the server's answer 2 s late. It ends where the SDK's
				// back-off began, which the SDK reports to within a few milliseconds.
				assertThat(attemptDuration(mode, call, exporter(context), 1)).isBetween(1.4, 1.95);
			}
			assertMetrics(context, "Sqs", "SendMessage", 2, 1, 0);
		});
	}

	@ParameterizedTest
	@EnumSource(AttemptMode.class)
	void whenTheConnectionIsResetThenTheRetrySucceedsAndBothShow(AttemptMode mode) {
		sequence("AmazonSQS.SendMessage", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				json("{\"MD5OfMessageBody\":\"" + md5("x") + "\",\"MessageId\":\"m-3\"}"));
		this.contextRunner(mode).run((context) -> {
			String messageId = context.getBean(SqsClient.class)
				.sendMessage((m) -> m.queueUrl(QUEUE_URL).messageBody("x"))
				.messageId();

			assertThat(messageId).isEqualTo("m-3");
			SpanData call = Spans.single(exporter(context), "orders publish");
			assertCall(context, mode, call, 2, false, StatusCode.UNSET);
			assertAttempts(context, mode, call,
					List.of(new Expected(null, Attempts.IO_FAILURE, false), new Expected(200, null, false)));
			assertMetrics(context, "Sqs", "SendMessage", 2, 1, 0);
		});
	}

	private void assertCall(AssertableApplicationContext context, AttemptMode mode, SpanData call, int attempts,
			boolean throttled, StatusCode status) {
		assertThat(requests()).as("requests the server received").isEqualTo(attempts);
		// Set only when they say something: a resent request, a throttled attempt.
		assertThat(call.getAttributes().get(AttemptTracing.RESEND_COUNT))
			.isEqualTo((attempts > 1) ? (Long) (attempts - 1L) : null);
		assertThat(call.getAttributes().get(AttemptTracing.THROTTLED)).isEqualTo(throttled ? Boolean.TRUE : null);
		assertThat(call.getStatus().getStatusCode()).isEqualTo(status);
		List<SpanData> attemptSpans = exporter(context).getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().startsWith("Attempt "))
			.toList();
		List<EventData> attemptEvents = call.getEvents()
			.stream()
			.filter((event) -> event.getName().equals("aws.attempt"))
			.toList();
		switch (mode) {
			case SPANS -> {
				assertThat(attemptSpans).hasSize(attempts)
					.allSatisfy((span) -> assertThat(span.getParentSpanId()).isEqualTo(call.getSpanId()));
				assertThat(attemptEvents).isEmpty();
				// One span per attempt and the call's: no second HTTP span for an
				// attempt.
				assertThat(exporter(context).getFinishedSpanItems()).hasSize(attempts + 1);
			}
			case EVENTS -> {
				assertThat(attemptEvents).hasSize(attempts);
				assertThat(attemptSpans).isEmpty();
			}
			case NONE -> {
				assertThat(attemptEvents).isEmpty();
				assertThat(attemptSpans).isEmpty();
			}
		}
	}

	private void assertAttempts(AssertableApplicationContext context, AttemptMode mode, SpanData call,
			List<Expected> expected) {
		List<io.opentelemetry.api.common.Attributes> attempts = switch (mode) {
			case SPANS -> exporter(context).getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().startsWith("Attempt "))
				.sorted((a, b) -> Long.compare(a.getAttributes().get(AttemptTracing.ATTEMPT_NUMBER),
						b.getAttributes().get(AttemptTracing.ATTEMPT_NUMBER)))
				.map(SpanData::getAttributes)
				.toList();
			case EVENTS -> call.getEvents()
				.stream()
				.filter((event) -> event.getName().equals("aws.attempt"))
				.map(EventData::getAttributes)
				.toList();
			case NONE -> null;
		};
		if (attempts == null) {
			return;
		}
		assertThat(attempts).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			io.opentelemetry.api.common.Attributes attempt = attempts.get(i);
			Expected want = expected.get(i);
			assertThat(attempt.get(AttemptTracing.ATTEMPT_NUMBER)).isEqualTo(i + 1L);
			assertThat(attempt.get(AttributeKeys.HTTP_RESPONSE_STATUS_CODE))
				.isEqualTo((want.status() != null) ? Long.valueOf(want.status()) : null);
			assertThat(attempt.get(AttributeKeys.ERROR_TYPE)).as("error type of attempt %s", i + 1)
				.isEqualTo(want.errorType());
			assertThat(attempt.get(AttemptTracing.THROTTLED)).isEqualTo(want.throttled());
			assertThat(attempt.get(AttemptTracing.DURATION)).isGreaterThanOrEqualTo(0.0);
		}
		if (mode == AttemptMode.SPANS) {
			assertThat(exporter(context).getFinishedSpanItems())
				.filteredOn((span) -> span.getName().startsWith("Attempt "))
				.allSatisfy((span) -> assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT));
		}
		assertTimes(context, mode, call);
	}

	/**
	 * Where the attempts sit on the call's timeline: one after the other, inside the
	 * call, each as long as its {@code aws.attempt.duration} says.
	 */
	private void assertTimes(AssertableApplicationContext context, AttemptMode mode, SpanData call) {
		// The call's span takes its times from the SDK's clock, the attempts from the
		// monotonic clock placed in epoch time once per call: a few microseconds apart.
		long slack = Duration.ofMillis(1).toNanos();
		long previousEnd = call.getStartEpochNanos() - slack;
		if (mode == AttemptMode.SPANS) {
			List<SpanData> spans = exporter(context).getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().startsWith("Attempt "))
				.sorted((a, b) -> Long.compare(a.getAttributes().get(AttemptTracing.ATTEMPT_NUMBER),
						b.getAttributes().get(AttemptTracing.ATTEMPT_NUMBER)))
				.toList();
			for (SpanData span : spans) {
				assertThat(span.getStartEpochNanos()).as("start of %s", span.getName())
					.isGreaterThanOrEqualTo(previousEnd);
				assertThat(span.getEndEpochNanos()).as("end of %s", span.getName())
					.isGreaterThanOrEqualTo(span.getStartEpochNanos())
					.isLessThanOrEqualTo(call.getEndEpochNanos() + slack);
				assertThat(span.getAttributes().get(AttemptTracing.DURATION)).as("duration of %s", span.getName())
					.isCloseTo((span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e9, within(1e-6));
				previousEnd = span.getEndEpochNanos();
			}
		}
		if (mode == AttemptMode.EVENTS) {
			// An event is placed where its attempt ended.
			for (EventData event : call.getEvents()) {
				if (!event.getName().equals("aws.attempt")) {
					continue;
				}
				assertThat(event.getEpochNanos()).as("time of %s", event.getAttributes())
					.isGreaterThanOrEqualTo(previousEnd)
					.isLessThanOrEqualTo(call.getEndEpochNanos() + slack);
				previousEnd = event.getEpochNanos();
			}
		}
	}

	private static double attemptDuration(AttemptMode mode, SpanData call, InMemorySpanExporter exporter, long number) {
		return switch (mode) {
			case SPANS -> exporter.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals("Attempt " + number))
				.findFirst()
				.orElseThrow()
				.getAttributes()
				.get(AttemptTracing.DURATION);
			case EVENTS -> call.getEvents()
				.stream()
				.filter((event) -> Long.valueOf(number)
					.equals(event.getAttributes().get(AttemptTracing.ATTEMPT_NUMBER)))
				.findFirst()
				.orElseThrow()
				.getAttributes()
				.get(AttemptTracing.DURATION);
			case NONE -> throw new IllegalArgumentException("no attempts shown");
		};
	}

	private static void assertMetrics(AssertableApplicationContext context, String service, String method,
			long attempts, long retries, long throttled) {
		List<MetricData> metrics = List.copyOf(context.getBean(InMemoryMetricReader.class).collectAllMetrics());
		assertThat(sum(metrics, AwsCallMetrics.ATTEMPTS, service, method)).isEqualTo(attempts);
		assertThat(sum(metrics, AwsCallMetrics.RETRIES, service, method)).isEqualTo(retries);
		assertThat(sum(metrics, AwsCallMetrics.THROTTLED_ATTEMPTS, service, method)).isEqualTo(throttled);
		MetricData duration = metrics.stream()
			.filter((metric) -> metric.getName().equals(AwsCallMetrics.CALL_DURATION))
			.findFirst()
			.orElseThrow();
		assertThat(duration.getUnit()).isEqualTo("s");
		assertThat(duration.getHistogramData().getPoints()).singleElement().satisfies((point) -> {
			assertThat(point.getCount()).isEqualTo(1);
			assertThat(point.getAttributes().get(AwsCallMetricsKeys.SYSTEM)).isEqualTo("aws-api");
			assertThat(point.getAttributes().get(AwsCallMetricsKeys.SERVICE)).isEqualTo(service);
			assertThat(point.getAttributes().get(AwsCallMetricsKeys.METHOD)).isEqualTo(method);
			assertThat(point.getAttributes().get(AwsCallMetricsKeys.REGION)).isEqualTo(LocalAws.REGION.id());
		});
	}

	private static long sum(List<MetricData> metrics, String name, String service, String method) {
		return metrics.stream()
			.filter((metric) -> metric.getName().equals(name))
			.flatMap((metric) -> metric.getLongSumData().getPoints().stream())
			.filter((point) -> service.equals(point.getAttributes().get(AwsCallMetricsKeys.SERVICE))
					&& method.equals(point.getAttributes().get(AwsCallMetricsKeys.METHOD)))
			.mapToLong(LongPointData::getValue)
			.sum();
	}

	private static void sequence(String target, ResponseDefinitionBuilder... responses) {
		for (int i = 0; i < responses.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "step " + i;
			wireMock.stubFor(any(anyUrl()).inScenario(target)
				.whenScenarioStateIs(state)
				.willReturn(responses[i])
				.willSetStateTo("step " + (i + 1)));
		}
	}

	private static ResponseDefinitionBuilder sqsThrottling() {
		return aResponse().withStatus(400)
			.withHeader("Content-Type", "application/x-amz-json-1.0")
			.withHeader("x-amzn-query-error", "ThrottlingException;Sender")
			.withBody("{\"__type\":\"com.amazonaws.sqs#ThrottlingException\",\"message\":\"Rate exceeded\"}");
	}

	private static ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/x-amz-json-1.0")
			.withHeader("x-amzn-RequestId", "req-1")
			.withBody(body);
	}

	private static int requests() {
		return wireMock.findAll(anyRequestedFor(anyUrl())).size();
	}

	private static String md5(String body) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	record Expected(Integer status, String errorType, boolean throttled) {

	}

	static final class AwsCallMetricsKeys {

		static final io.opentelemetry.api.common.AttributeKey<String> SERVICE = io.opentelemetry.api.common.AttributeKey
			.stringKey("rpc.service");

		static final io.opentelemetry.api.common.AttributeKey<String> METHOD = io.opentelemetry.api.common.AttributeKey
			.stringKey("rpc.method");

		static final io.opentelemetry.api.common.AttributeKey<String> SYSTEM = io.opentelemetry.api.common.AttributeKey
			.stringKey("rpc.system");

		static final io.opentelemetry.api.common.AttributeKey<String> REGION = io.opentelemetry.api.common.AttributeKey
			.stringKey("aws.region");

	}

	// Unlike InMemoryOpenTelemetryConfiguration, no propagators: WireMock's SQS answers
	// carry no MD5 for the attributes that propagation would add to each message.
	@Configuration(proxyBeanMethods = false)
	static class TelemetryConfiguration {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		InMemoryMetricReader metricReader() {
			return InMemoryMetricReader.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(InMemorySpanExporter spanExporter, InMemoryMetricReader metricReader) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
				.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FaultClients {

		// The application's own retry settings (fast backoff, short attempt timeout) stay
		// in force on the traced clients. The attempt timeout leaves a busy machine time
		// to answer every attempt but the one the server holds for 2 s.
		static <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
			return LocalAws.configure(builder, URI.create(wireMock.baseUrl()))
				.overrideConfiguration(ClientOverrideConfiguration.builder()
					.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
						.toBuilder()
						.maxAttempts(3)
						.backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
						.throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
						.build())
					.apiCallAttemptTimeout(Duration.ofMillis(1_500))
					.build());
		}

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return configure(SqsClient.builder()).build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return configure(DynamoDbClient.builder()).build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbAsyncClient dynamoDbAsyncClient() {
			return configure(DynamoDbAsyncClient.builder()).build();
		}

		@Bean(destroyMethod = "close")
		S3Client s3Client() {
			// Without "Expect: 100-continue": WireMock answers the expectation by closing
			// the connection, where S3 sends its 503 as the response.
			return configure(S3Client.builder()).forcePathStyle(true)
				.httpClient(ApacheHttpClient.builder().expectContinueEnabled(false).build())
				.build();
		}

	}

}
