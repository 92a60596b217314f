/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace context across a direct Lambda {@code Invoke} (WireMock: no Lambda emulator runs
 * here), read from the request Lambda receives: its {@code X-Amz-Client-Context}. No
 * global OpenTelemetry is set: the context comes from the application's propagators.
 *
 * @author aws-otel-spring-boot authors
 */
class LambdaPropagationIntegrationTests {

	private static final String CLIENT_CONTEXT = "X-Amz-Client-Context";

	private static WireMockServer lambda;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, LambdaClients.class);

	@BeforeAll
	static void startLambda() {
		lambda = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		lambda.start();
		lambda.stubFor(
				post(urlPathMatching("/2015-03-31/functions/.+/invocations")).willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withHeader("X-Amz-Executed-Version", "$LATEST")
					.withHeader("x-amzn-RequestId", "0c6a2b6e-1111-4a7e-9c22-000000000001")
					.withBody("{\"ok\":true}")));
	}

	@AfterAll
	static void stopLambda() {
		lambda.stop();
	}

	@BeforeEach
	void forgetRequests() {
		lambda.resetRequests();
	}

	@Test
	void whenInvokedInASpanThenTheClientContextCarriesTheLambdaSpanAsParent() {
		// Upstream would inject the global propagators: none with the global unset.
		assertThat(GlobalOpenTelemetry.getOrNoop().getPropagators().getTextMapPropagator().fields()).isEmpty();
		this.contextRunner.run((context) -> {
			Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class),
					() -> context.getBean(LambdaClient.class)
						.invoke((i) -> i.functionName("orders").payload(SdkBytes.fromUtf8String("{}"))));

			SpanData invoke = Spans.single(exporter(context), "Lambda.Invoke");
			assertThat(invoke.getKind()).isEqualTo(SpanKind.CLIENT);
			assertThat(invoke.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
			assertThat(invoke.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
			JsonNode custom = clientContext(singleRequest()).field("custom").orElseThrow();
			assertThat(text(custom, "traceparent")).isEqualTo(traceparent(invoke));
			assertThat(context.getBean(AwsClientRegistry.class).client("lambdaClient").orElseThrow().features())
				.contains("lambda-propagation");
		});
	}

	@Test
	void whenInvokedAsynchronouslyThenTheClientContextCarriesTheLambdaSpan() {
		this.contextRunner.run((context) -> {
			InvokeResponse response = Spans
				.inParent(context.getBean(OpenTelemetry.class),
						() -> context.getBean(LambdaAsyncClient.class).invoke((i) -> i.functionName("orders")).join())
				.result();

			assertThat(response.payload().asUtf8String()).isEqualTo("{\"ok\":true}");
			SpanData invoke = Spans.single(exporter(context), "Lambda.Invoke");
			assertThat(text(clientContext(singleRequest()), "custom", "traceparent")).isEqualTo(traceparent(invoke));
		});
	}

	@Test
	void whenTheApplicationSetAClientContextThenItsFieldsAreKept() {
		String applications = encode("{\"client\":{\"app_title\":\"orders\",\"app_version_code\":\"7\"},"
				+ "\"custom\":{\"tenant\":\"acme\",\"attempt\":3,\"note\":\"line\\nbreak \\\"quoted\\\"\"},"
				+ "\"env\":{\"locale\":\"en_GB\"}}");
		this.contextRunner.run((context) -> {
			Spans.runInParent(context.getBean(OpenTelemetry.class), () -> context.getBean(LambdaClient.class)
				.invoke((i) -> i.functionName("orders").clientContext(applications)));

			SpanData invoke = Spans.single(exporter(context), "Lambda.Invoke");
			JsonNode sent = clientContext(singleRequest());
			assertThat(text(sent, "client", "app_title")).isEqualTo("orders");
			assertThat(text(sent, "client", "app_version_code")).isEqualTo("7");
			assertThat(text(sent, "env", "locale")).isEqualTo("en_GB");
			JsonNode custom = sent.field("custom").orElseThrow();
			assertThat(text(custom, "tenant")).isEqualTo("acme");
			assertThat(custom.field("attempt").orElseThrow().asNumber()).isEqualTo("3");
			assertThat(text(custom, "note")).isEqualTo("line\nbreak \"quoted\"");
			assertThat(text(custom, "traceparent")).isEqualTo(traceparent(invoke));
		});
	}

	@Test
	void whenTheClientContextWouldPassTheLimitThenTheRequestGoesAsTheApplicationMadeIt() {
		// Fits alone, not with a traceparent beside it.
		String applications = encode("{\"custom\":{\"big\":\"" + "x".repeat(2660) + "\"}}");
		assertThat(applications.length()).isLessThan(LambdaClientContextPropagation.MAX_CLIENT_CONTEXT_LENGTH);
		this.contextRunner.run((context) -> {
			Spans.runInParent(context.getBean(OpenTelemetry.class), () -> context.getBean(LambdaClient.class)
				.invoke((i) -> i.functionName("orders").clientContext(applications)));

			assertThat(singleRequest().getHeader(CLIENT_CONTEXT)).isEqualTo(applications);
			assertThat(Spans.single(exporter(context), "Lambda.Invoke").getStatus().getStatusCode().name())
				.isEqualTo("UNSET");
		});
	}

	@Test
	void whenTheApplicationsClientContextIsMalformedThenItGoesAsSetAndTheCallSucceeds() {
		for (String malformed : List.of("not base64!", encode("not json"), encode("[1,2]"),
				encode("{\"custom\":\"text\"}"), encode("{\"custom\":{\"unclosed\":"))) {
			lambda.resetRequests();
			this.contextRunner.run((context) -> {
				InvokeResponse response = Spans
					.inParent(context.getBean(OpenTelemetry.class),
							() -> context.getBean(LambdaClient.class)
								.invoke((i) -> i.functionName("orders").clientContext(malformed)))
					.result();

				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(singleRequest().getHeader(CLIENT_CONTEXT)).as(malformed).isEqualTo(malformed);
				// Still traced: OpenTelemetry's interceptor, which cannot decode it
				// either, neither fails the call nor loses its span.
				SpanData invoke = Spans.single(exporter(context), "Lambda.Invoke");
				assertThat(invoke.getStatus().getStatusCode().name()).isEqualTo("UNSET");
				assertThat(invoke.getParentSpanId()).isNotEqualTo("0000000000000000");
			});
		}
	}

	@Test
	void whenLambdaPropagationIsDisabledThenNoClientContextIsAdded() {
		this.contextRunner.withPropertyValues("otel.aws.lambda.propagation=false").run((context) -> {
			Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class),
					() -> context.getBean(LambdaClient.class).invoke((i) -> i.functionName("orders")));

			assertThat(singleRequest().containsHeader(CLIENT_CONTEXT)).isFalse();
			assertThat(Spans.single(exporter(context), "Lambda.Invoke").getParentSpanId())
				.isEqualTo(parent.getSpanContext().getSpanId());
			assertThat(context.getBean(AwsClientRegistry.class).client("lambdaClient").orElseThrow().features())
				.doesNotContain("lambda-propagation");
		});
	}

	@Test
	void whenAGlobalOpenTelemetryIsSetThenTheApplicationsContextReplacesWhatItsPropagatorsAdded() {
		// A global OpenTelemetry whose propagator writes a stale traceparent and a field
		// of its own: OpenTelemetry's interceptor injects it, the starter starts again
		// from the application's client context.
		GlobalOpenTelemetry.resetForTest();
		GlobalOpenTelemetry.set(OpenTelemetry.propagating(ContextPropagators.create(new StalePropagator())));
		try {
			this.contextRunner.run((context) -> {
				Spans.runInParent(context.getBean(OpenTelemetry.class), () -> context.getBean(LambdaClient.class)
					.invoke((i) -> i.functionName("orders").clientContext(encode("{\"custom\":{\"tenant\":\"a\"}}"))));

				SpanData invoke = Spans.single(exporter(context), "Lambda.Invoke");
				JsonNode custom = clientContext(singleRequest()).field("custom").orElseThrow();
				assertThat(custom.asObject().keySet()).containsExactly("tenant", "traceparent");
				assertThat(text(custom, "traceparent")).isEqualTo(traceparent(invoke));
			});
			this.contextRunner.withPropertyValues("otel.aws.lambda.propagation=false").run((context) -> {
				lambda.resetRequests();
				context.getBean(LambdaClient.class).invoke((i) -> i.functionName("orders"));

				assertThat(singleRequest().containsHeader(CLIENT_CONTEXT)).isFalse();
			});
		}
		finally {
			GlobalOpenTelemetry.resetForTest();
		}
	}

	private static LoggedRequest singleRequest() {
		List<LoggedRequest> requests = lambda
			.findAll(postRequestedFor(urlPathMatching("/2015-03-31/functions/orders/invocations")));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static JsonNode clientContext(LoggedRequest request) {
		assertThat(request.containsHeader(CLIENT_CONTEXT)).as("%s header", CLIENT_CONTEXT).isTrue();
		String value = request.getHeader(CLIENT_CONTEXT);
		assertThat(value.length()).isLessThan(LambdaClientContextPropagation.MAX_CLIENT_CONTEXT_LENGTH);
		// Parsed by the SDK's JSON reader: the test also runs where Jackson is 2.x.
		return JsonNode.parser().parse(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
	}

	private static String text(JsonNode node, String... path) {
		JsonNode field = node;
		for (String name : path) {
			field = field.field(name).orElseThrow(() -> new AssertionError("no field " + name + " in " + node));
		}
		return field.asString();
	}

	private static String traceparent(SpanData span) {
		return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
	}

	private static String encode(String clientContext) {
		return Base64.getEncoder().encodeToString(clientContext.getBytes(StandardCharsets.UTF_8));
	}

	private static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	static final class StalePropagator implements TextMapPropagator {

		@Override
		public Collection<String> fields() {
			return List.of("traceparent", "x-global");
		}

		@Override
		public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
			setter.set(carrier, "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
			setter.set(carrier, "x-global", "stale");
		}

		@Override
		public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
			return context;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LambdaClients {

		@Bean(destroyMethod = "close")
		LambdaClient lambdaClient() {
			return LocalAws.configure(LambdaClient.builder(), URI.create(lambda.baseUrl())).build();
		}

		@Bean(destroyMethod = "close")
		LambdaAsyncClient lambdaAsyncClient() {
			return LocalAws.configure(LambdaAsyncClient.builder(), URI.create(lambda.baseUrl())).build();
		}

	}

}
