/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compatibility.springai;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Spring AI's Bedrock Converse chat model on the application's Bedrock Runtime client
 * beans (WireMock answering as Bedrock): a chat call through {@link ChatClient}, and a
 * streamed one, each made inside the caller's span, is exactly one GenAI span under it
 * with the usage Bedrock reported, when Spring AI's own Micrometer observation makes no
 * span (no Micrometer Tracing). With Micrometer's OpenTelemetry bridge and Spring Boot's
 * tracing, that observation is a span of its own, {@code INTERNAL}, and the Bedrock
 * call's one span is its child.
 *
 * @author aws-otel-spring-boot authors
 */
class SpringAiBedrockTests {

	static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

	static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");

	static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");

	static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");

	static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");

	static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");

	// What an application without Micrometer's OpenTelemetry bridge lacks.
	static final String NO_MICROMETER_TRACING = "org.springframework.boot.actuate.autoconfigure.tracing."
			+ "MicrometerTracingAutoConfiguration,"
			+ "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration,"
			+ "org.springframework.boot.actuate.autoconfigure.tracing.NoopTracerAutoConfiguration";

	private static WireMockServer bedrock;

	@BeforeAll
	static void startBedrock() {
		bedrock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		bedrock.start();
		bedrock.stubFor(post(urlPathMatching("/model/[^/]+/converse")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-amzn-RequestId", "req-spring-ai")
			.withBody(
					"{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello from Bedrock\"}]}},"
							+ "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":12,\"outputTokens\":4,\"totalTokens\":16},"
							+ "\"metrics\":{\"latencyMs\":42}}")));
		bedrock.stubFor(post(urlPathMatching("/model/[^/]+/converse-stream")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/vnd.amazon.eventstream")
			.withHeader("x-amzn-RequestId", "req-spring-ai-stream")
			.withBody(EventStream.of(List.of(Map.entry("messageStart", "{\"role\":\"assistant\"}"),
					Map.entry("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello \"}}"),
					Map.entry("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"stream\"}}"),
					Map.entry("contentBlockStop", "{\"contentBlockIndex\":0}"),
					Map.entry("messageStop", "{\"stopReason\":\"end_turn\"}"),
					Map.entry("metadata", "{\"usage\":{\"inputTokens\":9,\"outputTokens\":2,\"totalTokens\":11},"
							+ "\"metrics\":{\"latencyMs\":30}}"))))));
	}

	@AfterAll
	static void stopBedrock() {
		bedrock.stop();
	}

	@Test
	void aChatCallThroughChatClientIsOneGenAiSpanUnderTheCallersSpan() {
		try (ConfigurableApplicationContext context = application()) {
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));

			Span parent = openTelemetry.getTracer("test").spanBuilder("parent").startSpan();
			String answer;
			try (Scope scope = parent.makeCurrent()) {
				answer = chat.prompt().user("Say hello").call().content();
			}
			finally {
				parent.end();
			}

			assertThat(answer).isEqualTo("Hello from Bedrock");
			assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
				.containsExactlyInAnyOrder("parent", "chat " + MODEL);
			SpanData span = onlyChild(spans, parent);
			assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(span.getAttributes().asMap()).contains(entry(OPERATION, "chat"), entry(REQUEST_MODEL, MODEL),
					entry(RPC_METHOD, "Converse"), entry(INPUT_TOKENS, 12L), entry(OUTPUT_TOKENS, 4L));
			assertThat(metricNames(context)).contains("gen_ai.client.operation.duration", "gen_ai.client.token.usage");
		}
	}

	@Test
	void aStreamedChatIsOneGenAiSpanWithTheUsageOfTheStreamsLastEvent() {
		try (ConfigurableApplicationContext context = application()) {
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));

			Span parent = openTelemetry.getTracer("test").spanBuilder("parent").startSpan();
			List<String> chunks;
			try (Scope scope = parent.makeCurrent()) {
				chunks = chat.prompt()
					.user("Stream hello")
					.stream()
					.content()
					.collectList()
					.block(Duration.ofSeconds(30));
			}
			finally {
				parent.end();
			}

			assertThat(String.join("", chunks)).isEqualTo("Hello stream");
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
					.containsExactlyInAnyOrder("parent", "chat " + MODEL));
			SpanData span = onlyChild(spans, parent);
			assertThat(span.getAttributes().asMap()).contains(entry(RPC_METHOD, "ConverseStream"),
					entry(INPUT_TOKENS, 9L), entry(OUTPUT_TOKENS, 2L));
			bedrock.verify(postRequestedFor(urlPathMatching("/model/[^/]+/converse-stream")));
		}
	}

	private static SpanData onlyChild(InMemorySpanExporter spans, Span parent) {
		List<SpanData> children = spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getParentSpanId().equals(parent.getSpanContext().getSpanId()))
			.toList();
		assertThat(children).hasSize(1);
		assertThat(children.get(0).getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
		return children.get(0);
	}

	private static List<String> metricNames(ConfigurableApplicationContext context) {
		return context.getBean(InMemoryMetricReader.class)
			.collectAllMetrics()
			.stream()
			.map(MetricData::getName)
			.toList();
	}

	@Test
	void withSpringBootTracingOnSpringAisObservationIsASpanAboveTheOneGenAiSpanOfTheCall() {
		try (ConfigurableApplicationContext context = application("management.tracing.sampling.probability=1.0")) {
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			ChatClient chat = ChatClient.create(context.getBean(ChatModel.class));

			Span parent = openTelemetry.getTracer("test").spanBuilder("parent").startSpan();
			try (Scope scope = parent.makeCurrent()) {
				chat.prompt().user("Say hello").call().content();
			}
			finally {
				parent.end();
			}

			// Two layers, each traced once: Spring AI's observation of the chat model
			// (Micrometer, through Spring Boot's tracing), and under it the one span of
			// the Bedrock call, from the starter.
			assertThat(spans.getFinishedSpanItems()).hasSize(3);
			SpanData observation = onlyChild(spans, parent);
			assertThat(observation.getName()).isEqualTo("chat " + MODEL);
			assertThat(observation.getKind()).isEqualTo(SpanKind.INTERNAL);
			assertThat(observation.getInstrumentationScopeInfo().getName()).isEqualTo("org.springframework.boot");
			assertThat(observation.getAttributes().get(AttributeKey.stringKey("gen_ai.system")))
				.isEqualTo("bedrock_converse");
			SpanData call = spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getParentSpanId().equals(observation.getSpanId()))
				.findFirst()
				.orElseThrow();
			assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(call.getInstrumentationScopeInfo().getName()).isEqualTo("io.opentelemetry.aws-sdk-2.2");
			assertThat(call.getAttributes().asMap()).contains(entry(RPC_METHOD, "Converse"), entry(INPUT_TOKENS, 12L),
					entry(OUTPUT_TOKENS, 4L));
		}
	}

	private static ConfigurableApplicationContext application(String... properties) {
		return new SpringApplicationBuilder(ChatApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.properties("spring.ai.bedrock.aws.region=us-east-1",
					"spring.ai.bedrock.aws.access-key=AKIDSPRINGAI0000001",
					"spring.ai.bedrock.aws.secret-key=springAiSecretKey000000000000000000000001",
					"spring.ai.bedrock.converse.chat.options.model=" + MODEL, "otel.logs.exporter=none",
					"otel.metrics.exporter=none", "otel.traces.exporter=none")
			// Without Micrometer Tracing's auto-configuration, as in an application
			// without Micrometer's bridge, Spring AI's observation makes no span.
			.properties((properties.length == 0)
					? new String[] { "spring.autoconfigure.exclude=" + NO_MICROMETER_TRACING } : new String[0])
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ChatApplication {

		// Spring AI's chat model uses the application's Bedrock Runtime clients when it
		// has them: the starter traces those beans.
		@Bean
		BedrockRuntimeClient bedrockRuntimeClient() {
			return BedrockRuntimeClient.builder()
				.endpointOverride(endpoint())
				.region(Region.US_EAST_1)
				.credentialsProvider(credentials())
				.build();
		}

		@Bean
		BedrockRuntimeAsyncClient bedrockRuntimeAsyncClient() {
			return BedrockRuntimeAsyncClient.builder()
				.endpointOverride(endpoint())
				.region(Region.US_EAST_1)
				.credentialsProvider(credentials())
				.build();
		}

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean
		InMemoryMetricReader metricReader() {
			return InMemoryMetricReader.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(InMemorySpanExporter spans, InMemoryMetricReader metrics) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
				.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
				.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
				.build();
		}

		private static URI endpoint() {
			return URI.create("http://127.0.0.1:" + bedrock.port());
		}

		private static StaticCredentialsProvider credentials() {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create("AKIDSPRINGAI0000001", "springAiSecretKey000000000000000000000001"));
		}

	}

}
