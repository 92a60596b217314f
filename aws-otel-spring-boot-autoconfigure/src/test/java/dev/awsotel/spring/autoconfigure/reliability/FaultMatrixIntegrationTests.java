/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault an AWS call can meet, on a sync and an async client: the caller of a traced
 * client bean gets exactly what the caller of an untraced twin (the same client
 * configuration, built outside the application, so the starter never arms it) gets: the
 * same response, or an exception of the same class with the same message, status code,
 * AWS error code, retry count, suppressed attempt failures and causes. And the call's
 * span says what happened: status, {@code error.type}, HTTP status, one attempt span per
 * attempt, the right parent, and no scope left open on the calling thread.
 * <p>
 * Faults injected by WireMock: throttling, a 5xx error, attempt timeouts, a call timeout,
 * a reset connection, and a 5xx error that a retry recovers from. Faults that are real: a
 * closed loopback port (endpoint down), a {@code .invalid} host name (unknown host), a
 * DynamoDB table that does not exist on dynalite and an SQS queue that does not exist on
 * ElasticMQ. 10 faults x 2 client kinds = 20 cases, each called once on the twin and once
 * on the traced bean.
 *
 * @author aws-otel-spring-boot authors
 */
class FaultMatrixIntegrationTests {

	private static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");

	private static final AttributeKey<Boolean> THROTTLED = AttributeKey.booleanKey("aws.throttled");

	private static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("aws.attempt.number");

	private static final String DYNAMODB_JSON = "application/x-amz-json-1.0";

	private static WireMockServer wireMock;

	private static final AtomicInteger calls = new AtomicInteger();

	// An async client takes two seconds to shut its event loops down: clients are closed
	// in the background, and the last test waits for them.
	private static final ExecutorService closer = Executors.newCachedThreadPool();

	@BeforeAll
	static void startWireMock() {
		// Delayed answers hold a server thread each after the client gave up on them.
		wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(64));
		wireMock.start();
	}

	@AfterAll
	static void stopWireMock() throws InterruptedException {
		wireMock.stop();
		closer.shutdown();
		closer.awaitTermination(30, TimeUnit.SECONDS);
	}

	// A pool that hands out no connection gives up after 2 seconds, not 10. With no
	// server at all (unknown host, closed port), a retry right after a refused connect
	// now
	// and then gets no connection from the pool at all, on the untraced twin as on the
	// bean: CI met it with the SDK's 10 s default as with 2 s, so waiting longer only
	// makes the round that meets it slower before it is repeated.
	static NettyNioAsyncHttpClient.Builder nettyClient() {
		return NettyNioAsyncHttpClient.builder().connectionAcquisitionTimeout(Duration.ofSeconds(2));
	}

	private static void closeLater(SdkClient client) {
		closer.execute(client::close);
	}

	static Stream<Arguments> faults() {
		return Stream.of(FaultCase.values())
			.flatMap((fault) -> Stream.of(Arguments.of(fault, ClientKind.SYNC), Arguments.of(fault, ClientKind.ASYNC)));
	}

	@ParameterizedTest(name = "{0} on a {1} client")
	@MethodSource("faults")
	void callerSeesWhatAnUntracedTwinSeesAndTheSpanSaysWhatHappened(FaultCase fault, ClientKind kind) {
		// Two SDK races that the untraced twin meets as often as the traced bean, on a
		// busy machine: an async attempt timeout races the SDK's own cancellation of the
		// request (the call then ends one attempt early, not retryable), and after a
		// failed connect the Netty connection pool now and then hands out no connection
		// until its acquire timeout. A round in which either side met one is repeated, up
		// to six rounds (CI met three in a row on a loaded machine); any other difference
		// fails at once.
		for (int round = 1;; round++) {
			try {
				twinAndTraced(fault, kind);
				return;
			}
			catch (AssertionError ex) {
				if (!metSdkRace(String.valueOf(ex.getMessage())) || round >= 6) {
					throw ex;
				}
				System.err.println("Repeating " + fault + " on a " + kind + " client after an SDK race");
			}
		}
	}

	private static boolean metSdkRace(String description) {
		// The first race shows either way: a FutureCancelledException, or the last
		// attempt's timeout reported as an SdkClientException caused by the cancelled
		// request (CI saw the untraced twin end so).
		return description.contains("An SDK race") || description.contains("FutureCancelledException")
				|| description.contains("IOException: Request cancelled")
				|| description.contains("Acquire operation took longer");
	}

	private void twinAndTraced(FaultCase fault, ClientKind kind) {
		wireMock.resetAll();
		fault.stub();
		// The twin and the bean each call their own path on WireMock: an answer that an
		// earlier call's timeout left pending is logged late, and must not be counted as
		// this call's request.
		String twinPath = "/call-" + calls.incrementAndGet();
		String beanPath = "/call-" + calls.incrementAndGet();
		URI endpoint = fault.endpoint();
		Outcome untraced;
		SdkClient twin = fault.service.build(kind, fault.onWireMock() ? endpoint.resolve(twinPath) : endpoint, fault);
		untraced = Outcome.of(() -> fault.service.call(twin));
		closeLater(twin);
		if (metSdkRace(untraced.description())) {
			throw new AssertionError("An SDK race on the twin: " + untraced.description());
		}
		int untracedRequests = requestsOnceAnswered(fault, twinPath);
		if (fault.onWireMock() && untracedRequests != fault.attempts) {
			// Untraced, so the SDK's doing: the attempt-timeout race ends a call one
			// attempt early.
			throw new AssertionError("An SDK race on the twin: " + untracedRequests + " requests, not " + fault.attempts
					+ ": " + untraced.description());
		}
		wireMock.resetRequests();
		wireMock.resetScenarios();

		SdkClient bean = fault.service.build(kind, fault.onWireMock() ? endpoint.resolve(beanPath) : endpoint, fault);
		// What this thread had before the test, whatever earlier tests left on it.
		Context initial = Context.current();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
			.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
			.withBean("client", SdkClient.class, () -> bean, (definition) -> definition.setDestroyMethodName(""))
			.run((context) -> {
				SdkClient client = context.getBean(SdkClient.class);
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				Span parent = openTelemetry.getTracer("test").spanBuilder("parent").startSpan();
				Outcome traced;
				try (Scope scope = parent.makeCurrent()) {
					Context before = Context.current();
					traced = Outcome.of(() -> fault.service.call(client));
					assertThat(Context.current()).as("the caller's context after the call").isSameAs(before);
				}
				finally {
					parent.end();
				}
				assertThat(Context.current()).isSameAs(initial);

				if (metSdkRace(untraced.description()) || metSdkRace(traced.description())) {
					throw new AssertionError("An SDK race: " + untraced.description() + "\n" + traced.description());
				}

				// What the caller gets.
				assertThat(traced.description()).isEqualTo(untraced.description());
				assertThat(traced.failure() != null).isEqualTo(fault.fails);
				if (fault.fails) {
					assertThat(traced.failure()).isExactlyInstanceOf(fault.failureClass());
					assertThat(traced.failure().getClass().getName()).isEqualTo(fault.failureClassName);
				}
				else {
					assertThat(traced.response()).isEqualTo(untraced.response());
				}
				if (fault.onWireMock()) {
					assertThat(requestsOnceAnswered(fault, beanPath)).as("requests the server received")
						.isEqualTo(untracedRequests)
						.isEqualTo(fault.attempts);
				}

				// What the span says.
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				// An async call cut by its call timeout: the caller can see the timeout a
				// moment before the watch ends the span on its own thread (CI saw none
				// yet).
				Awaitility.await()
					.atMost(Duration.ofSeconds(5))
					.untilAsserted(() -> Spans.single(exporter, fault.service.spanName));
				SpanData call = Spans.single(exporter, fault.service.spanName);
				AwsSpans.assertChildOf(call, parent);
				assertThat(call.getAttributes().get(AwsSpans.RPC_SERVICE)).isEqualTo(fault.service.rpcService);
				assertThat(call.getAttributes().get(AwsSpans.AWS_REGION)).isEqualTo(LocalAws.REGION.id());
				assertThat(call.getAttributes().get(AwsSpans.HTTP_STATUS)).isEqualTo(fault.httpStatus);
				assertThat(call.getAttributes().get(THROTTLED))
					.isEqualTo((fault == FaultCase.THROTTLING) ? Boolean.TRUE : null);
				assertThat(call.getAttributes().get(RESEND_COUNT))
					.isEqualTo((fault.attempts > 1) ? (Long) (fault.attempts - 1L) : null);
				if (fault.fails) {
					assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
					assertThat(call.getAttributes().get(AwsSpans.ERROR_TYPE)).isEqualTo(fault.failureClassName);
					assertThat(reportedAttempts(traced.failure()))
						.isEqualTo((fault == FaultCase.CALL_TIMEOUT) ? null : fault.attempts);
				}
				else {
					assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
					assertThat(call.getAttributes().get(AwsSpans.ERROR_TYPE)).isNull();
				}
				List<SpanData> attempts = exporter.getFinishedSpanItems()
					.stream()
					.filter((span) -> span.getName().startsWith("Attempt "))
					.toList();
				// A call that failed, or needed more than one attempt, shows each.
				int shownAttempts = (fault.fails || fault.attempts > 1) ? fault.attempts : 0;
				assertThat(attempts).hasSize(shownAttempts)
					.allSatisfy((attempt) -> assertThat(attempt.getParentSpanId()).isEqualTo(call.getSpanId()));
				assertThat(attempts).map((attempt) -> attempt.getAttributes().get(ATTEMPT_NUMBER))
					.containsExactlyInAnyOrderElementsOf((shownAttempts == 0) ? List.of() : longs(1, shownAttempts));
				assertThat(exporter.getFinishedSpanItems()).hasSize(2 + shownAttempts);
				AwsSpans.assertNoCredentials(call);
			});
		closeLater(bean);
	}

	private static List<Long> longs(int from, int to) {
		List<Long> values = new ArrayList<>();
		for (long i = from; i <= to; i++) {
			values.add(i);
		}
		return values;
	}

	// The SDK counts attempts on the exception that ends a call, or on its cause; a call
	// timeout counts none.
	private static Integer reportedAttempts(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SdkException sdkException && sdkException.numAttempts() != null) {
				return sdkException.numAttempts();
			}
		}
		return null;
	}

	// WireMock logs a request once it has answered it: wait for the delayed answers.
	private static int requestsOnceAnswered(FaultCase fault, String path) {
		if (fault.onWireMock()) {
			try {
				Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> requests(path) >= fault.attempts);
			}
			catch (ConditionTimeoutException ex) {
				// Fewer requests than expected: the assertions say so.
			}
		}
		return requests(path);
	}

	private static int requests(String path) {
		return wireMock.findAll(anyRequestedFor(urlPathMatching(path + "/?"))).size();
	}

	private static ResponseDefinitionBuilder dynamoDbError(int status, String type, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", DYNAMODB_JSON)
			.withHeader("x-amzn-RequestId", "fault-request")
			.withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}");
	}

	private static ResponseDefinitionBuilder dynamoDbItem() {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", DYNAMODB_JSON)
			.withHeader("x-amzn-RequestId", "ok-request")
			.withBody("{\"Item\":{\"id\":{\"S\":\"o-1\"},\"total\":{\"N\":\"42\"}}}");
	}

	private static URI closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A fault, where it comes from, and what the caller and the span must show.
	 */
	enum FaultCase {

		THROTTLING(Service.DYNAMODB, "ProvisionedThroughputExceededException", 3, 400L),

		SERVER_ERROR(Service.DYNAMODB, "InternalServerErrorException", 3, 500L),

		ATTEMPT_TIMEOUT(Service.DYNAMODB, "software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException", 3,
				null),

		CALL_TIMEOUT(Service.DYNAMODB, "software.amazon.awssdk.core.exception.ApiCallTimeoutException", 1, null),

		CONNECTION_RESET(Service.DYNAMODB, "software.amazon.awssdk.core.exception.SdkClientException", 3, null),

		SERVER_ERROR_THEN_SUCCESS(Service.DYNAMODB, null, 2, 200L),

		UNKNOWN_HOST(Service.DYNAMODB, "software.amazon.awssdk.core.exception.SdkClientException", 3, null),

		ENDPOINT_DOWN(Service.DYNAMODB, "software.amazon.awssdk.core.exception.SdkClientException", 3, null),

		DYNAMODB_TABLE_NOT_FOUND(Service.DYNAMODB, "ResourceNotFoundException", 1, 400L),

		SQS_QUEUE_DOES_NOT_EXIST(Service.SQS, "software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException", 1,
				400L);

		private final Service service;

		private final boolean fails;

		private final String failureClassName;

		private final int attempts;

		private final Long httpStatus;

		FaultCase(Service service, String failure, int attempts, Long httpStatus) {
			this.service = service;
			this.fails = failure != null;
			this.failureClassName = (failure == null || failure.contains(".")) ? failure
					: "software.amazon.awssdk.services.dynamodb.model." + failure;
			this.attempts = attempts;
			this.httpStatus = httpStatus;
		}

		boolean onWireMock() {
			return switch (this) {
				case UNKNOWN_HOST, ENDPOINT_DOWN, DYNAMODB_TABLE_NOT_FOUND, SQS_QUEUE_DOES_NOT_EXIST -> false;
				default -> true;
			};
		}

		Class<?> failureClass() {
			try {
				return Class.forName(this.failureClassName);
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void stub() {
			switch (this) {
				case THROTTLING -> wireMock.stubFor(any(anyUrl()).willReturn(dynamoDbError(400,
						"ProvisionedThroughputExceededException", "Rate of requests exceeds the allowed throughput.")));
				case SERVER_ERROR -> wireMock.stubFor(
						any(anyUrl()).willReturn(dynamoDbError(500, "InternalServerError", "Internal server error")));
				case ATTEMPT_TIMEOUT ->
					wireMock.stubFor(any(anyUrl()).willReturn(dynamoDbItem().withFixedDelay(1_000)));
				case CALL_TIMEOUT -> wireMock.stubFor(any(anyUrl()).willReturn(dynamoDbItem().withFixedDelay(1_500)));
				case CONNECTION_RESET ->
					wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
				case SERVER_ERROR_THEN_SUCCESS -> {
					wireMock.stubFor(any(anyUrl()).inScenario("recovery")
						.whenScenarioStateIs(Scenario.STARTED)
						.willReturn(dynamoDbError(500, "InternalServerError", "Internal server error"))
						.willSetStateTo("recovered"));
					wireMock.stubFor(any(anyUrl()).inScenario("recovery")
						.whenScenarioStateIs("recovered")
						.willReturn(dynamoDbItem()));
				}
				default -> {
				}
			}
		}

		URI endpoint() {
			return switch (this) {
				case UNKNOWN_HOST -> URI.create("http://dynamodb.aws-otel-fault.invalid:8000");
				case ENDPOINT_DOWN -> closedPort();
				case DYNAMODB_TABLE_NOT_FOUND -> LocalAws.dynamoDb();
				case SQS_QUEUE_DOES_NOT_EXIST -> LocalAws.sqs();
				default -> URI.create(wireMock.baseUrl());
			};
		}

		/**
		 * The application's own settings: the same on the twin and on the traced bean.
		 */
		ClientOverrideConfiguration overrideConfiguration() {
			ClientOverrideConfiguration.Builder builder = ClientOverrideConfiguration.builder()
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.maxAttempts(3)
					.backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
					.throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(10)))
					.build());
			if (this == ATTEMPT_TIMEOUT) {
				builder.apiCallAttemptTimeout(Duration.ofMillis(250));
			}
			if (this == CALL_TIMEOUT) {
				builder.apiCallTimeout(Duration.ofMillis(400));
			}
			return builder.build();
		}

	}

	enum ClientKind {

		SYNC, ASYNC

	}

	enum Service {

		DYNAMODB("DynamoDb.GetItem", "DynamoDb") {

			@Override
			SdkClient build(ClientKind kind, URI endpoint, FaultCase fault) {
				return (kind == ClientKind.SYNC) ? configure(DynamoDbClient.builder(), endpoint, fault).build()
						: configure(DynamoDbAsyncClient.builder(), endpoint, fault).httpClientBuilder(nettyClient())
							.build();
			}

			@Override
			Object call(SdkClient client) {
				Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS("o-1"));
				if (client instanceof DynamoDbClient sync) {
					return sync.getItem((request) -> request.tableName("missing-orders").key(key));
				}
				return ((DynamoDbAsyncClient) client).getItem((request) -> request.tableName("missing-orders").key(key))
					.join();
			}

		},

		SQS("Sqs.GetQueueUrl", "Sqs") {

			@Override
			SdkClient build(ClientKind kind, URI endpoint, FaultCase fault) {
				return (kind == ClientKind.SYNC) ? configure(SqsClient.builder(), endpoint, fault).build()
						: configure(SqsAsyncClient.builder(), endpoint, fault).httpClientBuilder(nettyClient()).build();
			}

			@Override
			Object call(SdkClient client) {
				if (client instanceof SqsClient sync) {
					return sync.getQueueUrl((request) -> request.queueName("missing-queue"));
				}
				return ((SqsAsyncClient) client).getQueueUrl((request) -> request.queueName("missing-queue")).join();
			}

		};

		private final String spanName;

		private final String rpcService;

		Service(String spanName, String rpcService) {
			this.spanName = spanName;
			this.rpcService = rpcService;
		}

		abstract SdkClient build(ClientKind kind, URI endpoint, FaultCase fault);

		abstract Object call(SdkClient client);

		static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, FaultCase fault) {
			return LocalAws.configure(builder, endpoint).overrideConfiguration(fault.overrideConfiguration());
		}

	}

	/**
	 * What a caller got: a response or an exception, and a description of everything in
	 * it that the caller can read, with only per-request ids left out.
	 */
	record Outcome(Object response, Throwable failure, String description) {

		static Outcome of(Supplier<Object> call) {
			try {
				Object response = call.get();
				return new Outcome(response, null, describeResponse(response));
			}
			catch (RuntimeException ex) {
				Throwable failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
				return new Outcome(null, failure, ex.getClass().getName() + " -> " + describe(failure, 0));
			}
		}

		private static String describeResponse(Object response) {
			SdkResponse sdkResponse = (SdkResponse) response;
			return sdkResponse + " status=" + sdkResponse.sdkHttpResponse().statusCode() + " text="
					+ sdkResponse.sdkHttpResponse().statusText().orElse(null);
		}

		private static String describe(Throwable failure, int depth) {
			StringBuilder description = new StringBuilder();
			description.append(failure.getClass().getName()).append(": ").append(normalize(failure.getMessage()));
			if (failure instanceof SdkException sdkException) {
				description.append(" numAttempts=")
					.append(sdkException.numAttempts())
					.append(" retryable=")
					.append(sdkException.retryable());
			}
			if (failure instanceof SdkServiceException serviceException) {
				description.append(" status=")
					.append(serviceException.statusCode())
					.append(" throttling=")
					.append(serviceException.isThrottlingException());
			}
			if (failure instanceof AwsServiceException awsException && awsException.awsErrorDetails() != null) {
				description.append(" errorCode=")
					.append(awsException.awsErrorDetails().errorCode())
					.append(" errorMessage=")
					.append(awsException.awsErrorDetails().errorMessage())
					.append(" service=")
					.append(awsException.awsErrorDetails().serviceName());
			}
			for (Throwable suppressed : failure.getSuppressed()) {
				description.append("\n  suppressed: ").append(describe(suppressed, depth + 1));
			}
			if (failure.getCause() != null && failure.getCause() != failure && depth < 5) {
				description.append("\n  cause: ").append(describe(failure.getCause(), depth + 1));
			}
			return description.toString();
		}

		// Request ids that the server makes up per request, and local ports: the only
		// things that may differ between two identical calls.
		private static String normalize(String message) {
			if (message == null) {
				return null;
			}
			// The JDK's resolver says why a name is unknown only on the first look-up; it
			// then answers from its negative cache.
			// An async attempt that its timeout cut fails as timed out or as cancelled,
			// whichever of the SDK's two signals comes first.
			return message.replace(": Name or service not known", "")
				.replace("Unable to execute HTTP request: Request cancelled", "<attempt timed out>")
				.replaceAll(
						"HTTP request execution did not complete before the specified timeout configuration: \\d+ millis$",
						"<attempt timed out>")
				.replaceAll("Request ID: [^,)\\s]+", "Request ID: <id>")
				.replaceAll("L:/127\\.0\\.0\\.1:\\d+", "L:/127.0.0.1:<port>")
				.replaceAll("id: 0x[0-9a-f]+", "id: <channel>");
		}

	}

}
