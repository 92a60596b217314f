/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpointAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Shutdown: spans still waiting in the batch span processor reach the collector before
 * the application context has closed, and a client bean that the application closed
 * itself is never touched by the starter afterwards.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownIntegrationTests {

	private static final int CALLS = 25;

	/**
	 * The application as users run it: OpenTelemetry's Spring Boot starter makes the
	 * {@code OpenTelemetry} bean with a batch span processor and the OTLP/HTTP exporter,
	 * here to a collector in the test. The processor would wait a minute before its first
	 * export: only the close can have sent the spans.
	 */
	@Test
	void whenTheContextClosesThenPendingSpansAreExportedBeforeCloseReturns() throws IOException {
		try (OtlpReceiver collector = OtlpReceiver.start()) {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(OpenTelemetryAutoConfiguration.class, AwsOtelAutoConfiguration.class))
				.withPropertyValues("otel.exporter.otlp.endpoint=" + collector.endpoint(),
						"otel.exporter.otlp.protocol=http/protobuf", "otel.bsp.schedule.delay=60000",
						"otel.metrics.exporter=none", "otel.logs.exporter=none", "otel.service.name=shutdown-test")
				.withBean("dynamoDbClient", DynamoDbClient.class,
						() -> LocalAws.configure(DynamoDbClient.builder(), LocalAws.dynamoDb()).build())
				.run((context) -> {
					DynamoDbClient client = context.getBean(DynamoDbClient.class);
					for (int i = 0; i < CALLS; i++) {
						client.listTables();
					}
					assertThat(collector.spansNamed("DynamoDb.ListTables")).as("spans exported before the close")
						.isZero();

					context.close();

					assertThat(collector.spansNamed("DynamoDb.ListTables")).as("spans exported when close returned")
						.isEqualTo(CALLS);
					assertThat(collector.body()).contains("shutdown-test");
				});
		}
	}

	/**
	 * A client the application closed itself: reading the {@code awsclients} endpoint,
	 * collecting metrics and closing the context call nothing on it from the starter,
	 * throw nothing, log no warning about it and make no span.
	 */
	@Test
	void whenTheApplicationClosedAClientThenTheStarterNeverTouchesItAgain(CapturedOutput output) {
		Touches touches = new Touches();
		DynamoDbClient real = LocalAws.configure(DynamoDbClient.builder(), LocalAws.dynamoDb()).build();
		DynamoDbClient bean = touches.watch(real);
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AwsOtelAutoConfiguration.class, AwsClientsEndpointAutoConfiguration.class))
			.withUserConfiguration(MetricsAndSpans.class)
			.withPropertyValues("management.endpoints.web.exposure.include=awsclients")
			.withBean("dynamoDbClient", DynamoDbClient.class, () -> bean)
			.run((context) -> {
				DynamoDbClient client = context.getBean(DynamoDbClient.class);
				client.listTables();
				KeptSpans spans = context.getBean(KeptSpans.class);
				assertThat(spans.names()).containsExactly("DynamoDb.ListTables");

				client.close();
				touches.closed.set(true);
				AwsClientsEndpoint endpoint = context.getBean(AwsClientsEndpoint.class);
				assertThat(endpoint.clients().clients()).singleElement()
					.satisfies((described) -> assertThat(described.figures().calls()).isEqualTo(1));
				assertThat(endpoint.client("dynamoDbClient")).isNotNull();
				assertThat(context.getBean(InMemoryMetricReader.class).collectAllMetrics()).isNotEmpty();
				assertThatNoException().isThrownBy(context::close);

				assertThat(touches.byTheStarter).as("calls the starter made on the closed client").isEmpty();
				assertThat(spans.names()).containsExactly("DynamoDb.ListTables");
			});
		// Only this application's lines: threads of earlier tests may still log.
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
			.noneMatch((line) -> line.contains("dev.awsotel") || line.contains("dynamoDbClient"));
	}

	/**
	 * Records every call made on a client after the application closed it, with whether
	 * the starter's code made it (Spring's own close at shutdown is allowed: the SDK's
	 * {@code close()} may be called twice).
	 */
	static final class Touches {

		private final AtomicBoolean closed = new AtomicBoolean();

		private final List<String> byTheStarter = new CopyOnWriteArrayList<>();

		DynamoDbClient watch(DynamoDbClient client) {
			return (DynamoDbClient) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { DynamoDbClient.class }, (proxy, method, args) -> {
						if (this.closed.get()) {
							StackWalker.getInstance()
								.walk((frames) -> frames.map(StackWalker.StackFrame::getClassName)
									.filter((name) -> name.startsWith("dev.awsotel.spring.autoconfigure.")
											&& !name.startsWith(ShutdownIntegrationTests.class.getName()))
									.findFirst())
								.ifPresent((caller) -> this.byTheStarter.add(method.getName() + " from " + caller));
						}
						try {
							return method.invoke(client, args);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MetricsAndSpans {

		@Bean
		KeptSpans spanExporter() {
			return new KeptSpans();
		}

		@Bean
		InMemoryMetricReader metricReader() {
			return InMemoryMetricReader.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(KeptSpans spanExporter, InMemoryMetricReader metricReader) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
				.setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metricReader).build())
				.build();
		}

	}

	/**
	 * Keeps every span it exports, also after shutdown (OpenTelemetry's in-memory
	 * exporter forgets them then).
	 */
	static final class KeptSpans implements SpanExporter {

		private final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> batch) {
			this.spans.addAll(batch);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

		List<String> names() {
			return this.spans.stream().map(SpanData::getName).toList();
		}

	}

	/**
	 * An OTLP/HTTP collector in the test: keeps what it receives on {@code /v1/traces}. A
	 * span's name is a plain string in the protobuf body, so spans are counted by their
	 * names.
	 */
	static final class OtlpReceiver implements AutoCloseable {

		private final HttpServer server;

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private OtlpReceiver(HttpServer server) {
			this.server = server;
		}

		static OtlpReceiver start() throws IOException {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			OtlpReceiver receiver = new OtlpReceiver(server);
			server.createContext("/v1/traces", (exchange) -> {
				try (exchange; InputStream body = exchange.getRequestBody()) {
					byte[] bytes = body.readAllBytes();
					synchronized (receiver.received) {
						receiver.received.write(bytes);
					}
					exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
					exchange.sendResponseHeaders(200, -1);
				}
			});
			server.start();
			return receiver;
		}

		String endpoint() {
			return "http://127.0.0.1:" + this.server.getAddress().getPort();
		}

		String body() {
			synchronized (this.received) {
				return this.received.toString(StandardCharsets.ISO_8859_1);
			}
		}

		int spansNamed(String name) {
			String body = body();
			int count = 0;
			for (int at = body.indexOf(name); at >= 0; at = body.indexOf(name, at + name.length())) {
				count++;
			}
			return count;
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
