/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.InstrumentedClient;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ahead-of-time processing made of the sample ({@code spring-boot:process-aot},
 * bound in this module's build before the tests): the native-image metadata keeps what
 * the starter reaches reflectively or through proxies, and the application started from
 * the generated bean definitions ({@code spring.aot.enabled}, as a native image starts)
 * still traces every client: one order gives one trace.
 *
 * @author aws-otel-spring-boot authors
 */
class SampleAotIntegrationTests {

	private static final String METADATA = "META-INF/native-image/dev.awsotel/sample-app/reachability-metadata.json";

	private static final Pattern ID = Pattern.compile("\"(orderId|traceId)\":\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	@SuppressWarnings("unchecked")
	void aheadOfTimeProcessingKeptWhatTheStarterReachesReflectively() throws IOException {
		Map<String, Object> metadata = metadata();
		List<Map<String, Object>> reflection = (List<Map<String, Object>>) metadata.get("reflection");
		assertThat(fields(reflection, "dev.awsotel.spring.autoconfigure.internal.decorate.DeferredTracingInterceptor"))
			.contains("armed");
		assertThat(fields(reflection,
				"software.amazon.awssdk.core.internal.http.pipeline.stages.utils.RetryableStageHelper"))
			.contains("LAST_BACKOFF_DELAY_DURATION");
		assertThat(fields(reflection, "software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse"))
			.contains("messages");
		assertThat(reflection).extracting((entry) -> entry.get("type"))
			.contains(Map.of("proxy", List.of("software.amazon.awssdk.services.sqs.SqsClient")),
					Map.of("proxy", List.of("software.amazon.awssdk.services.sqs.SqsAsyncClient")));
		assertThat((List<Map<String, Object>>) metadata.get("resources")).extracting((entry) -> entry.get("glob"))
			.contains("software/amazon/awssdk/global/handlers/execution.interceptors",
					"io/opentelemetry/api/version.properties");
	}

	@Test
	void startedFromTheGeneratedBeanDefinitionsTheStarterTracesEveryClient() throws Exception {
		System.setProperty(AotDetector.AOT_ENABLED, "true");
		SpringApplication application = SampleApplication.application(Map.of());
		// AOT mode looks up the initializer generated for the main class, which in a test
		// is the test runner's.
		application.setMainApplicationClass(SampleApplication.class);
		try (ConfigurableApplicationContext context = application.run("--server.port=0")) {
			assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
			assertThat(context.getBean(AwsClientRegistry.class).clients()).extracting(InstrumentedClient::beanName)
				.containsExactlyInAnyOrder("dynamoDbClient", "s3Client", "sqsClient");
			assertThat(context.getBean(AwsClientRegistry.class).clients()).extracting(InstrumentedClient::mode)
				.containsOnly(TracingMode.INTERCEPTOR);
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");

			HttpResponse<String> placed = this.http.send(HttpRequest.newBuilder(URI.create(base + "/orders"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"tea\",\"quantity\":1}"))
				.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(placed.statusCode()).isEqualTo(201);
			Map<String, String> ids = new HashMap<>();
			Matcher matcher = ID.matcher(placed.body());
			while (matcher.find()) {
				ids.put(matcher.group(1), matcher.group(2));
			}
			awaitProcessed(base, ids.get("orderId"));
			TraceAssert trace = TraceAssert.of(get(base + "/traces"), ids.get("traceId"));
			String server = trace.span("POST /orders", "SERVER", null);
			trace.span("DynamoDb.PutItem", "CLIENT", server);
			trace.span("S3.PutObject", "CLIENT", server);
			String send = trace.span("fulfillment publish", "PRODUCER", server);
			String process = trace.span("fulfillment process", "CONSUMER", send);
			trace.span("DynamoDb.UpdateItem", "CLIENT", process);
		}
		finally {
			System.clearProperty(AotDetector.AOT_ENABLED);
		}
	}

	private void awaitProcessed(String base, String orderId) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		String status = null;
		while (System.nanoTime() < deadline) {
			status = get(base + "/orders/" + orderId);
			if (status.contains("PROCESSED")) {
				// The consumer's spans end just after the update.
				Thread.sleep(300);
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Order " + orderId + " was not processed: " + status);
	}

	private String get(String url) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static Map<String, Object> metadata() throws IOException {
		try (InputStream input = SampleAotIntegrationTests.class.getClassLoader().getResourceAsStream(METADATA)) {
			assertThat(input).as("%s, written by spring-boot:process-aot", METADATA).isNotNull();
			return JsonParserFactory.getJsonParser().parseMap(new String(input.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Object> fields(List<Map<String, Object>> reflection, String type) {
		return reflection.stream()
			.filter((entry) -> type.equals(entry.get("type")))
			.findFirst()
			.map((entry) -> ((List<Map<String, Object>>) entry.getOrDefault("fields", List.of())).stream()
				.map((field) -> field.get("name"))
				.toList())
			.orElseThrow(() -> new AssertionError("no reflection hint for " + type));
	}

}
