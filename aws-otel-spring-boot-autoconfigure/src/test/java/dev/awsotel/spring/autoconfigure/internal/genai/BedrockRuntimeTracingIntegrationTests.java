/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.genai;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.decorate.AwsClientDecorator;
import dev.awsotel.spring.autoconfigure.internal.decorate.ClientProxy;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.entry;

/**
 * GenAI calls on Bedrock Runtime through client beans, against WireMock answering as
 * Bedrock does (there is no Bedrock emulator): each call is one CLIENT span under the
 * caller's span with the {@code gen_ai.*} attributes OpenTelemetry's AWS SDK library
 * defines, and the GenAI client metrics go through the application's meter provider. A
 * streaming call's span ends when its stream ends, after the handler completed, with the
 * token usage of the stream's last event; the handler's callbacks run in the caller's
 * context; a stream that fails part-way gives an error span and the caller exactly the
 * exception an untraced client gives. Prompts and completions are recorded only with
 * content capture on: by default no text of them is anywhere in what is exported or
 * logged.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class BedrockRuntimeTracingIntegrationTests {

	static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

	static final String TITAN = "amazon.titan-text-express-v1";

	static final String PROMPT = "prompt-text-that-must-not-leak-0001";

	static final String COMPLETION = "completion-text-that-must-not-leak-0001";

	static final String COMPLETION_END = "-and-its-end-0002";

	static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

	static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");

	static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");

	static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");

	static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");

	static final AttributeKey<List<String>> STOP_SEQUENCES = AttributeKey
		.stringArrayKey("gen_ai.request.stop_sequences");

	static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey
		.stringArrayKey("gen_ai.response.finish_reasons");

	static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");

	static final AttributeKey<String> EVENT_NAME = AttributeKey.stringKey("event.name");

	private static WireMockServer bedrock;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(TelemetryConfiguration.class, BedrockClients.class);

	@BeforeAll
	static void startBedrock() {
		bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		bedrock.start();
	}

	@AfterAll
	static void stopBedrock() {
		bedrock.stop();
	}

	@BeforeEach
	void stubBedrock() {
		bedrock.resetAll();
		bedrock.stubFor(post(urlPathMatching("/model/[^/]+/converse")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-RequestId", "req-converse")
			.withBody("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"" + COMPLETION
					+ "\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,\"outputTokens\":7,"
					+ "\"totalTokens\":19},\"metrics\":{\"latencyMs\":42}}")));
		bedrock.stubFor(post(urlPathMatching("/model/anthropic[^/]+/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-RequestId", "req-invoke-claude")
			.withBody("{\"id\":\"msg_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-haiku\","
					+ "\"content\":[{\"type\":\"text\",\"text\":\"" + COMPLETION
					+ "\"}],\"stop_reason\":\"max_tokens\","
					+ "\"usage\":{\"input_tokens\":15,\"output_tokens\":64}}")));
		bedrock.stubFor(post(urlPathMatching("/model/amazon[^/]+/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-RequestId", "req-invoke-titan")
			.withBody("{\"inputTextTokenCount\":6,\"results\":[{\"tokenCount\":11,\"outputText\":\"" + COMPLETION
					+ "\",\"completionReason\":\"FINISH\"}]}")));
		bedrock.stubFor(post(urlPathMatching("/model/[^/]+/converse-stream")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", BedrockStreams.CONTENT_TYPE)
			.withHeader("x-amzn-RequestId", "req-converse-stream")
			.withBody(new BedrockStreams().event("messageStart", "{\"role\":\"assistant\"}")
				.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + COMPLETION + "\"}}")
				.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"" + COMPLETION_END + "\"}}")
				.event("contentBlockStop", "{\"contentBlockIndex\":0}")
				.event("messageStop", "{\"stopReason\":\"end_turn\"}")
				.event("metadata",
						"{\"usage\":{\"inputTokens\":21,\"outputTokens\":9,\"totalTokens\":30},"
								+ "\"metrics\":{\"latencyMs\":40}}")
				.bytes())));
		bedrock.stubFor(
				post(urlPathMatching("/model/[^/]+/invoke-with-response-stream")).willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", BedrockStreams.CONTENT_TYPE)
					.withHeader("x-amzn-RequestId", "req-invoke-stream")
					.withBody(new BedrockStreams()
						.chunk("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_02\",\"role\":\"assistant\","
								+ "\"content\":[],\"usage\":{\"input_tokens\":17,\"output_tokens\":1}}}")
						.chunk("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\","
								+ "\"text\":\"\"}}")
						.chunk("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
								+ "\"text\":\"" + COMPLETION + "\"}}")
						.chunk("{\"type\":\"content_block_stop\",\"index\":0}")
						.chunk("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
								+ "\"usage\":{\"output_tokens\":13}}")
						.chunk("{\"type\":\"message_stop\"}")
						.bytes())));
	}

	@Test
	void whenConverseIsCalledInAParentSpanThenOneChatSpanCarriesTheGenAiAttributesAndMetrics() {
		this.contextRunner.run((context) -> {
			Telemetry telemetry = Telemetry.of(context);
			BedrockRuntimeClient client = context.getBean(BedrockRuntimeClient.class);
			Spans.InParent<ConverseResponse> call = Spans
				.inParent(telemetry.openTelemetry(),
						() -> client.converse(converse(CLAUDE).inferenceConfig(
								(config) -> config.maxTokens(100).temperature(0.5f).topP(0.75f).stopSequences("STOP"))
							.build()));

			assertThat(call.result().output().message().content().get(0).text()).isEqualTo(COMPLETION);
			SpanData span = telemetry.onlyCallSpan(call.span(), "chat " + CLAUDE);
			AwsSpans.assertSuccessfulCall(span, "BedrockRuntime", "Converse", SpanKind.CLIENT);
			assertThat(span.getAttributes().asMap()).contains(entry(OPERATION, "chat"), entry(PROVIDER, "aws.bedrock"),
					entry(REQUEST_MODEL, CLAUDE), entry(MAX_TOKENS, 100L), entry(TEMPERATURE, 0.5), entry(TOP_P, 0.75),
					entry(STOP_SEQUENCES, List.of("STOP")), entry(INPUT_TOKENS, 12L), entry(OUTPUT_TOKENS, 7L),
					entry(FINISH_REASONS, List.of("end_turn")));
			telemetry.assertGenAiMetrics("chat", CLAUDE, 12, 7);
		});
	}

	@Test
	void whenInvokeModelSendsAnAnthropicClaudeBodyThenTheSpanReadsItsParametersAndUsage() {
		this.contextRunner.run((context) -> {
			Telemetry telemetry = Telemetry.of(context);
			BedrockRuntimeClient client = context.getBean(BedrockRuntimeClient.class);
			Spans.InParent<InvokeModelResponse> call = Spans
				.inParent(telemetry.openTelemetry(), () -> client.invokeModel((request) -> request.modelId(CLAUDE)
					.body(SdkBytes.fromUtf8String(
							"{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,\"temperature\":0.25,"
									+ "\"top_p\":0.5,\"stop_sequences\":[\"Human:\"],\"messages\":[{\"role\":\"user\","
									+ "\"content\":[{\"type\":\"text\",\"text\":\"" + PROMPT + "\"}]}]}"))));

			assertThat(call.result().body().asUtf8String()).contains(COMPLETION);
			SpanData span = telemetry.onlyCallSpan(call.span(), "chat " + CLAUDE);
			AwsSpans.assertSuccessfulCall(span, "BedrockRuntime", "InvokeModel", SpanKind.CLIENT);
			assertThat(span.getAttributes().asMap()).contains(entry(OPERATION, "chat"), entry(PROVIDER, "aws.bedrock"),
					entry(REQUEST_MODEL, CLAUDE), entry(MAX_TOKENS, 64L), entry(TEMPERATURE, 0.25), entry(TOP_P, 0.5),
					entry(STOP_SEQUENCES, List.of("Human:")), entry(INPUT_TOKENS, 15L), entry(OUTPUT_TOKENS, 64L),
					entry(FINISH_REASONS, List.of("max_tokens")));
			telemetry.assertGenAiMetrics("chat", CLAUDE, 15, 64);
		});
	}

	@Test
	void whenInvokeModelSendsAnAmazonTitanBodyThenTheSpanIsATextCompletion() {
		this.contextRunner.run((context) -> {
			Telemetry telemetry = Telemetry.of(context);
			BedrockRuntimeClient client = context.getBean(BedrockRuntimeClient.class);
			Span parent = Spans
				.runInParent(telemetry.openTelemetry(), () -> client.invokeModel((request) -> request.modelId(TITAN)
					.body(SdkBytes.fromUtf8String("{\"inputText\":\"" + PROMPT + "\",\"textGenerationConfig\":"
							+ "{\"maxTokenCount\":32,\"temperature\":0.1,\"topP\":0.9,\"stopSequences\":[\"|\"]}}"))));

			SpanData span = telemetry.onlyCallSpan(parent, "text_completion " + TITAN);
			AwsSpans.assertSuccessfulCall(span, "BedrockRuntime", "InvokeModel", SpanKind.CLIENT);
			assertThat(span.getAttributes().asMap()).contains(entry(OPERATION, "text_completion"),
					entry(PROVIDER, "aws.bedrock"), entry(REQUEST_MODEL, TITAN), entry(MAX_TOKENS, 32L),
					entry(TEMPERATURE, 0.1), entry(TOP_P, 0.9), entry(STOP_SEQUENCES, List.of("|")),
					entry(INPUT_TOKENS, 6L), entry(OUTPUT_TOKENS, 11L), entry(FINISH_REASONS, List.of("FINISH")));
			telemetry.assertGenAiMetrics("text_completion", TITAN, 6, 11);
		});
	}

	@Test
	void whenAConverseStreamEndsThenItsOneSpanEndsAfterTheHandlerWithTheUsageOfTheLastEvent() {
		this.contextRunner.run((context) -> {
			Telemetry telemetry = Telemetry.of(context);
			BedrockRuntimeAsyncClient client = context.getBean(BedrockRuntimeAsyncClient.class);
			List<String> callbacks = new CopyOnWriteArrayList<>();
			StringBuilder text = new StringBuilder();
			AtomicReference<List<String>> spansAtCompletion = new AtomicReference<>();
			Span parent = Spans.runInParent(telemetry.openTelemetry(),
					() -> client.converseStream(
							ConverseStreamRequest.builder()
								.modelId(CLAUDE)
								.messages(userMessage())
								.inferenceConfig((config) -> config.maxTokens(50))
								.build(),
							ConverseStreamResponseHandler.builder()
								.onResponse((response) -> callbacks.add("response " + currentSpanId()))
								.subscriber(ConverseStreamResponseHandler.Visitor.builder()
									.onContentBlockDelta((delta) -> text.append(delta.delta().text()))
									.onDefault((event) -> callbacks.add(event.sdkEventType() + " " + currentSpanId()))
									.build())
								.onComplete(() -> {
									callbacks.add("complete " + currentSpanId());
									spansAtCompletion.set(Spans.names(telemetry.spans()));
								})
								.build())
						.join());

			assertThat(text).hasToString(COMPLETION + COMPLETION_END);
			String caller = parent.getSpanContext().getSpanId();
			assertThat(callbacks).containsExactly("response " + caller, "messageStart " + caller,
					"contentBlockStop " + caller, "messageStop " + caller, "metadata " + caller, "complete " + caller);
			assertThat(spansAtCompletion.get()).as("spans ended when the handler completed")
				.doesNotContain("chat " + CLAUDE);
			SpanData span = telemetry.awaitOnlyCallSpan(parent, "chat " + CLAUDE);
			AwsSpans.assertSuccessfulCall(span, "BedrockRuntime", "ConverseStream", SpanKind.CLIENT);
			assertThat(span.getAttributes().asMap()).contains(entry(OPERATION, "chat"), entry(PROVIDER, "aws.bedrock"),
					entry(REQUEST_MODEL, CLAUDE), entry(MAX_TOKENS, 50L), entry(INPUT_TOKENS, 21L),
					entry(OUTPUT_TOKENS, 9L), entry(FINISH_REASONS, List.of("end_turn")));
			telemetry.assertGenAiMetrics("chat", CLAUDE, 21, 9);
		});
	}

	@Test
	void whenAnInvokeModelStreamEndsThenItsOneSpanCarriesTheUsageOfTheModelsEvents() {
		this.contextRunner.run((context) -> {
			Telemetry telemetry = Telemetry.of(context);
			BedrockRuntimeAsyncClient client = context.getBean(BedrockRuntimeAsyncClient.class);
			List<String> callbacks = new CopyOnWriteArrayList<>();
			AtomicReference<List<String>> spansAtCompletion = new AtomicReference<>();
			Span parent = Spans.runInParent(telemetry.openTelemetry(),
					() -> client.invokeModelWithResponseStream(
							InvokeModelWithResponseStreamRequest.builder().modelId(CLAUDE).body(claudeBody()).build(),
							InvokeModelWithResponseStreamResponseHandler.builder()
								.subscriber(InvokeModelWithResponseStreamResponseHandler.Visitor.builder()
									.onChunk((chunk) -> callbacks.add("chunk " + currentSpanId()))
									.build())
								.onComplete(() -> {
									callbacks.add("complete " + currentSpanId());
									spansAtCompletion.set(Spans.names(telemetry.spans()));
								})
								.build())
						.join());

			String caller = parent.getSpanContext().getSpanId();
			assertThat(callbacks).hasSize(7).containsOnly("chunk " + caller, "complete " + caller);
			assertThat(callbacks.get(6)).isEqualTo("complete " + caller);
			assertThat(spansAtCompletion.get()).doesNotContain("chat " + CLAUDE);
			SpanData span = telemetry.awaitOnlyCallSpan(parent, "chat " + CLAUDE);
			AwsSpans.assertSuccessfulCall(span, "BedrockRuntime", "InvokeModelWithResponseStream", SpanKind.CLIENT);
			assertThat(span.getAttributes().asMap()).contains(entry(OPERATION, "chat"), entry(PROVIDER, "aws.bedrock"),
					entry(REQUEST_MODEL, CLAUDE), entry(MAX_TOKENS, 64L), entry(INPUT_TOKENS, 17L),
					entry(OUTPUT_TOKENS, 13L), entry(FINISH_REASONS, List.of("end_turn")));
			telemetry.assertGenAiMetrics("chat", CLAUDE, 17, 13);
		});
	}

	@Test
	void whenAStreamFailsPartWayThenTheSpanIsAnErrorAndTheCallerGetsTheExceptionOfAnUntracedClient() {
		bedrock.stubFor(post(urlPathMatching("/model/[^/]+/converse-stream")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", BedrockStreams.CONTENT_TYPE)
			.withHeader("x-amzn-RequestId", "req-converse-stream-failed")
			.withBody(new BedrockStreams().event("messageStart", "{\"role\":\"assistant\"}")
				.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"partial\"}}")
				.exception("modelStreamErrorException",
						"{\"message\":\"The model stopped part-way\",\"originalStatusCode\":500}")
				.bytes())));
		Function<BedrockRuntimeAsyncClient, Failure> converseStream = (client) -> {
			AtomicReference<Throwable> handed = new AtomicReference<>();
			List<String> events = new CopyOnWriteArrayList<>();
			Throwable thrown = catchThrowable(() -> client
				.converseStream(ConverseStreamRequest.builder().modelId(CLAUDE).messages(userMessage()).build(),
						ConverseStreamResponseHandler.builder()
							.subscriber((event) -> events.add(event.sdkEventType().toString()))
							.onError(handed::set)
							.build())
				.join());
			return new Failure(thrown, handed.get(), events);
		};
		Failure untraced;
		try (BedrockRuntimeAsyncClient client = LocalAws.configure(BedrockRuntimeAsyncClient.builder(), endpoint())
			.build()) {
			untraced = converseStream.apply(client);
		}
		assertThat(untraced.thrown()).isInstanceOf(CompletionException.class);
		this.contextRunner.run((context) -> {
			Telemetry telemetry = Telemetry.of(context);
			BedrockRuntimeAsyncClient client = context.getBean(BedrockRuntimeAsyncClient.class);
			Spans.InParent<Failure> call = Spans.inParent(telemetry.openTelemetry(),
					() -> converseStream.apply(client));

			Failure traced = call.result();
			assertThat(traced.thrown()).isExactlyInstanceOf(untraced.thrown().getClass())
				.hasMessage(untraced.thrown().getMessage());
			assertThat(traced.thrown().getCause()).isExactlyInstanceOf(untraced.thrown().getCause().getClass())
				.hasMessage(untraced.thrown().getCause().getMessage());
			assertThat(traced.handed()).isExactlyInstanceOf(untraced.handed().getClass())
				.hasMessage(untraced.handed().getMessage());
			assertThat(traced.events()).isEqualTo(untraced.events()).isNotEmpty();
			// The failed attempt shows as the starter's attempt span, under the call's.
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(Spans.names(telemetry.spans())).containsExactlyInAnyOrder("parent",
						"chat " + CLAUDE, "Attempt 1"));
			SpanData span = Spans.single(telemetry.spans(), "chat " + CLAUDE);
			AwsSpans.assertChildOf(span, call.span());
			assertThat(Spans.single(telemetry.spans(), "Attempt 1").getParentSpanId()).isEqualTo(span.getSpanId());
			assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(span.getAttributes().get(AwsSpans.ERROR_TYPE))
				.isEqualTo(untraced.thrown().getCause().getClass().getName());
		});
	}

	@Test
	void whenContentCaptureIsOnThenPromptsAndCompletionsAreInTheGenAiEvents() {
		this.contextRunner.withPropertyValues("otel.aws.genai.capture-message-content=true").run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			InMemoryLogRecordExporter logs = context.getBean(InMemoryLogRecordExporter.class);
			Span parent = Spans.runInParent(openTelemetry,
					() -> context.getBean(BedrockRuntimeClient.class).converse(converse(CLAUDE).build()));
			SpanData span = Spans.single(context.getBean(InMemorySpanExporter.class), "chat " + CLAUDE);
			Span streamParent = Spans.runInParent(openTelemetry,
					() -> context.getBean(BedrockRuntimeAsyncClient.class)
						.converseStream(ConverseStreamRequest.builder().modelId(CLAUDE).messages(userMessage()).build(),
								ConverseStreamResponseHandler.builder().subscriber((event) -> {
								}).build())
						.join());

			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logs.getFinishedLogRecordItems().size() == 4);
			List<LogRecordData> events = logs.getFinishedLogRecordItems();
			assertThat(events).extracting((event) -> event.getAttributes().get(EVENT_NAME))
				.containsExactly("gen_ai.user.message", "gen_ai.choice", "gen_ai.user.message", "gen_ai.choice");
			assertThat(events.get(0).getSpanContext().getSpanId()).isEqualTo(span.getSpanId());
			assertThat(body(events.get(0))).containsExactly(entry("content", PROMPT));
			assertThat(body(events.get(1))).containsOnly(entry("content", COMPLETION),
					entry("finish_reason", "end_turn"), entry("index", 0L));
			assertThat(events.get(2).getSpanContext().getTraceId())
				.isEqualTo(streamParent.getSpanContext().getTraceId());
			assertThat(body(events.get(2))).containsExactly(entry("content", PROMPT));
			assertThat(body(events.get(3))).containsOnly(entry("content", COMPLETION + COMPLETION_END),
					entry("finish_reason", "end_turn"), entry("index", 0L));
			assertThat(parent.getSpanContext().getTraceId()).isEqualTo(span.getTraceId());
		});
	}

	@Test
	void byDefaultNoPromptOrCompletionIsInAnySpanEventLogOrMetric(CapturedOutput output) {
		this.contextRunner.withPropertyValues("logging.level.dev.awsotel=debug", "logging.level.io.opentelemetry=debug")
			.run((context) -> {
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				BedrockRuntimeClient client = context.getBean(BedrockRuntimeClient.class);
				BedrockRuntimeAsyncClient async = context.getBean(BedrockRuntimeAsyncClient.class);
				Spans.runInParent(openTelemetry, () -> {
					client.converse(converse(CLAUDE).build());
					client.invokeModel((request) -> request.modelId(CLAUDE).body(claudeBody()));
					client.invokeModel((request) -> request.modelId(TITAN)
						.body(SdkBytes.fromUtf8String("{\"inputText\":\"" + PROMPT + "\"}")));
					async
						.converseStream(ConverseStreamRequest.builder().modelId(CLAUDE).messages(userMessage()).build(),
								ConverseStreamResponseHandler.builder().subscriber((event) -> {
								}).build())
						.join();
					async.invokeModelWithResponseStream((request) -> request.modelId(CLAUDE).body(claudeBody()),
							InvokeModelWithResponseStreamResponseHandler.builder().subscriber((event) -> {
							}).build())
						.join();
				});
				InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
				InMemoryLogRecordExporter logs = context.getBean(InMemoryLogRecordExporter.class);
				Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(Spans.names(spans)).hasSize(6);
					assertThat(logs.getFinishedLogRecordItems())
						.extracting((event) -> event.getAttributes().get(EVENT_NAME))
						.hasSize(10);
				});
				bedrock.verify(5, postRequestedFor(urlPathMatching("/model/.*")));
				// Every call, the InvokeModelWithResponseStream made through its Consumer
				// overload too, has its usage.
				assertThat(spans.getFinishedSpanItems()).filteredOn((span) -> span.getKind() == SpanKind.CLIENT)
					.hasSize(5)
					.allSatisfy((span) -> assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isPositive());

				StringBuilder exported = new StringBuilder();
				for (SpanData span : spans.getFinishedSpanItems()) {
					exported.append(span.getName()).append(span.getAttributes()).append(span.getStatus());
					span.getEvents().forEach((event) -> exported.append(event.getName()).append(event.getAttributes()));
					span.getLinks().forEach((link) -> exported.append(link.getAttributes()));
				}
				for (LogRecordData event : logs.getFinishedLogRecordItems()) {
					exported.append(event.getAttributes()).append(event.getBodyValue());
				}
				for (MetricData metric : context.getBean(InMemoryMetricReader.class).collectAllMetrics()) {
					exported.append(metric);
				}
				assertThat(exported).contains("gen_ai.choice", "gen_ai.user.message", "gen_ai.client.token.usage")
					.doesNotContain(PROMPT)
					.doesNotContain(COMPLETION);
				assertThat(output).doesNotContain(PROMPT).doesNotContain(COMPLETION);
			});
	}

	@Test
	void whenTheAsyncClientBeanIsTracedThenOneProxyHandlesStreamsAndCallbacksOverTheSdkClient() {
		this.contextRunner.run((context) -> {
			BedrockRuntimeAsyncClient bean = context.getBean(BedrockRuntimeAsyncClient.class);
			assertThat(ClientProxy.innermost(bean).getClass().getName())
				.isEqualTo("software.amazon.awssdk.services.bedrockruntime.DefaultBedrockRuntimeAsyncClient");
			BedrockRuntimeTracing tracing = context.getBean(BedrockRuntimeTracing.class);
			assertThat(tracing.customize(bean)).isSameAs(bean);
			assertThat(context.getBean(AwsClientDecorator.class).decorate(bean, "bedrockRuntimeAsyncClient"))
				.as("a second post-processing pass")
				.isSameAs(bean);
			assertThat(context.getBean(BedrockRuntimeClient.class).getClass().getName())
				.as("a sync client needs no proxy")
				.isEqualTo("software.amazon.awssdk.services.bedrockruntime.DefaultBedrockRuntimeClient");
		});
	}

	@Test
	void whenCallbackContextIsOffThenAStreamSpanStillCarriesTheUsageOfTheLastEvent() {
		this.contextRunner.withPropertyValues("otel.aws.async.callback-context=false").run((context) -> {
			Telemetry telemetry = Telemetry.of(context);
			List<Boolean> callbackContexts = new CopyOnWriteArrayList<>();
			Span parent = Spans
				.runInParent(telemetry.openTelemetry(), () -> context.getBean(BedrockRuntimeAsyncClient.class)
					.converseStream(ConverseStreamRequest.builder().modelId(CLAUDE).messages(userMessage()).build(),
							ConverseStreamResponseHandler.builder()
								.subscriber((event) -> callbackContexts.add(Span.current().getSpanContext().isValid()))
								.build())
					.join());

			assertThat(callbackContexts).hasSize(6).containsOnly(false);
			SpanData span = telemetry.awaitOnlyCallSpan(parent, "chat " + CLAUDE);
			assertThat(span.getAttributes().asMap()).contains(entry(INPUT_TOKENS, 21L), entry(OUTPUT_TOKENS, 9L),
					entry(FINISH_REASONS, List.of("end_turn")));
		});
	}

	private static ConverseRequest.Builder converse(String model) {
		return ConverseRequest.builder().modelId(model).messages(userMessage());
	}

	private static Message userMessage() {
		return Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(PROMPT)).build();
	}

	private static SdkBytes claudeBody() {
		return SdkBytes.fromUtf8String("{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":64,"
				+ "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"" + PROMPT + "\"}]}]}");
	}

	private static String currentSpanId() {
		return Span.current().getSpanContext().getSpanId();
	}

	private static URI endpoint() {
		return URI.create("http://127.0.0.1:" + bedrock.port());
	}

	private static Map<String, Object> body(LogRecordData event) {
		Map<String, Object> body = new LinkedHashMap<>();
		@SuppressWarnings("unchecked")
		List<KeyValue> entries = (List<KeyValue>) event.getBodyValue().getValue();
		for (KeyValue entry : entries) {
			Value<?> value = entry.getValue();
			body.put(entry.getKey(), value.getValue());
		}
		return body;
	}

	record Failure(Throwable thrown, Throwable handed, List<String> events) {
	}

	record Telemetry(OpenTelemetry openTelemetry, InMemorySpanExporter spans, InMemoryMetricReader metrics) {

		static Telemetry of(org.springframework.context.ApplicationContext context) {
			return new Telemetry(context.getBean(OpenTelemetry.class), context.getBean(InMemorySpanExporter.class),
					context.getBean(InMemoryMetricReader.class));
		}

		/**
		 * Asserts the caller's span and the call's span are all that was exported, and
		 * returns the call's span, a child of the caller's.
		 */
		SpanData onlyCallSpan(Span parent, String name) {
			assertThat(Spans.names(this.spans)).containsExactlyInAnyOrder(name, "parent");
			SpanData span = Spans.single(this.spans, name);
			AwsSpans.assertChildOf(span, parent);
			return span;
		}

		SpanData awaitOnlyCallSpan(Span parent, String name) {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.spans.getFinishedSpanItems().size() >= 2);
			return onlyCallSpan(parent, name);
		}

		void assertGenAiMetrics(String operation, String model, long inputTokens, long outputTokens) {
			List<MetricData> metrics = List.copyOf(this.metrics.collectAllMetrics());
			MetricData duration = metric(metrics, "gen_ai.client.operation.duration");
			assertThat(duration.getUnit()).isEqualTo("s");
			HistogramPointData durationPoint = duration.getHistogramData().getPoints().iterator().next();
			assertThat(duration.getHistogramData().getPoints()).hasSize(1);
			assertThat(durationPoint.getCount()).isEqualTo(1);
			assertThat(durationPoint.getAttributes().asMap()).containsOnly(entry(OPERATION, operation),
					entry(PROVIDER, "aws.bedrock"), entry(REQUEST_MODEL, model));
			MetricData tokens = metric(metrics, "gen_ai.client.token.usage");
			assertThat(tokens.getUnit()).isEqualTo("{token}");
			Map<String, Double> byType = new LinkedHashMap<>();
			for (HistogramPointData point : tokens.getHistogramData().getPoints()) {
				assertThat(point.getCount()).isEqualTo(1);
				assertThat(point.getAttributes().asMap())
					.contains(entry(OPERATION, operation), entry(PROVIDER, "aws.bedrock"), entry(REQUEST_MODEL, model))
					.hasSize(4);
				byType.put(point.getAttributes().get(TOKEN_TYPE), point.getSum());
			}
			assertThat(byType).containsOnly(entry("input", (double) inputTokens),
					entry("output", (double) outputTokens));
		}

		private static MetricData metric(List<MetricData> metrics, String name) {
			return metrics.stream()
				.filter((metric) -> metric.getName().equals(name))
				.findFirst()
				.orElseThrow(() -> new AssertionError(
						"no metric " + name + " among " + metrics.stream().map(MetricData::getName).toList()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BedrockClients {

		@Bean
		BedrockRuntimeClient bedrockRuntimeClient() {
			return LocalAws.configure(BedrockRuntimeClient.builder(), endpoint()).build();
		}

		@Bean
		BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient() {
			return LocalAws.configure(BedrockRuntimeAsyncClient.builder(), endpoint()).build();
		}

	}

	/**
	 * The application's OpenTelemetry, with logs too: OpenTelemetry's library emits the
	 * GenAI events as log records.
	 */
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

		@Bean
		InMemoryLogRecordExporter logRecordExporter() {
			return InMemoryLogRecordExporter.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(InMemorySpanExporter spans, InMemoryMetricReader metrics,
				InMemoryLogRecordExporter logs) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
				.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
				.setLoggerProvider(SdkLoggerProvider.builder()
					.addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
					.build())
				.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
				.build();
		}

	}

}
