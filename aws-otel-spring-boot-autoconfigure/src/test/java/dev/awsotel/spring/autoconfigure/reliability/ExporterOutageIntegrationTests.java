/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP endpoint goes away while the application calls AWS: through a real OTLP/HTTP
 * exporter behind a {@link BatchSpanProcessor} with a bounded queue, as an application
 * configures its {@code OpenTelemetry} bean, and 1,000 real SQS calls on ElasticMQ per
 * phase. Every call succeeds, no call waits for export, the queue drops spans instead of
 * growing, and spans reach the endpoint again once it is back.
 *
 * @author aws-otel-spring-boot authors
 */
class ExporterOutageIntegrationTests {

	static final int CALLS = 1000;

	static final int WARMUP_CALLS = 200;

	static final int CALLS_WHEN_BACK = 200;

	static final int MAX_QUEUE_SIZE = 512;

	static final int MAX_EXPORT_BATCH_SIZE = 128;

	static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(2);

	private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(OtlpOpenTelemetryConfiguration.class);

	@ParameterizedTest
	@EnumSource(Outage.class)
	void whenTheOtlpEndpointIsDownThenCallsSucceedUnslowedTheQueueDropsAndSpansFlowAgainWhenItIsBack(Outage outage)
			throws Exception {
		OtlpReceiver receiver = OtlpReceiver.start(0);
		int port = receiver.port();
		try {
			run(outage, receiver, port);
		}
		finally {
			receiver.close();
		}
	}

	private void run(Outage outage, OtlpReceiver receiver, int port) {
		this.contextRunner.withPropertyValues("test.otlp.endpoint=" + receiver.tracesEndpoint()).run((context) -> {
			SqsClient sqs = context.getBean(SqsClient.class);
			InMemoryMetricReader metrics = context.getBean(InMemoryMetricReader.class);
			OpenTelemetrySdk sdk = context.getBean(OpenTelemetrySdk.class);
			String warmQueue = sqs.createQueue((q) -> q.queueName(outage.queue("warm"))).queueUrl();
			String upQueue = sqs.createQueue((q) -> q.queueName(outage.queue("up"))).queueUrl();
			String downQueue = sqs.createQueue((q) -> q.queueName(outage.queue("down"))).queueUrl();
			String backQueue = sqs.createQueue((q) -> q.queueName(outage.queue("back"))).queueUrl();
			send(sqs, warmQueue, WARMUP_CALLS, null);

			// Up: every span reaches the receiver.
			long[] up = send(sqs, upQueue, CALLS, null);
			sdk.getSdkTracerProvider().forceFlush();
			awaitTrue(() -> receiver.spans(outage.queue("up") + " publish") == CALLS, Duration.ofSeconds(30));

			// Down: the same calls, while the endpoint refuses or never answers.
			receiver.close();
			List<Long> queueSizes = new ArrayList<>();
			long[] down;
			try (AutoCloseable fault = outage.start(port)) {
				down = send(sqs, downQueue, CALLS, (call) -> queueSizes.add(queueSize(metrics.collectAllMetrics())));
				queueSizes.add(queueSize(metrics.collectAllMetrics()));
				if (fault instanceof BlackHole blackHole) {
					assertThat(blackHole.accepted()).as("connections the black hole took").isPositive();
				}
			}
			long dropped = dropped(metrics.collectAllMetrics());

			// Back: what is queued drains, and new spans reach the new receiver.
			try (OtlpReceiver back = OtlpReceiver.start(port)) {
				awaitTrue(() -> queueSize(metrics.collectAllMetrics()) == 0, Duration.ofSeconds(60));
				send(sqs, backQueue, CALLS_WHEN_BACK, null);
				sdk.getSdkTracerProvider().forceFlush();
				awaitTrue(() -> back.spans(outage.queue("back") + " publish") == CALLS_WHEN_BACK,
						Duration.ofSeconds(30));
				long upMedian = median(up);
				long downMedian = median(down);
				List<MetricData> end = List.copyOf(metrics.collectAllMetrics());
				long failed = exportFailed(end);
				int downReceived = back.spans(outage.queue("down") + " publish");
				long maxQueue = queueSizes.stream().mapToLong(Long::longValue).max().orElseThrow();
				System.out.printf(
						"%s: %d calls per phase; median call %d us up, %d us down (slowest %d us); queue at most %d of %d; "
								+ "of the %d spans made while down: %d dropped, %d failed export, %d sent once back%n",
						outage, CALLS, upMedian / 1000, downMedian / 1000,
						Arrays.stream(down).max().orElseThrow() / 1000, maxQueue, MAX_QUEUE_SIZE, CALLS, dropped,
						failed, downReceived);

				// No call waits on export: not typically, and not once for as long as an
				// export that never gets an answer takes.
				assertThat(downMedian).as("median call with the exporter down (ns), up: %d ns", upMedian)
					.isLessThanOrEqualTo(3 * upMedian + Duration.ofMillis(2).toNanos());
				assertThat(Arrays.stream(down).max().orElseThrow()).as("slowest call with the exporter down (ns)")
					.isLessThan(EXPORT_TIMEOUT.toNanos());
				// Bounded: the queue never holds more than its capacity; what did not fit
				// was dropped and counted, and every span made while down is accounted
				// for.
				assertThat(queueSizes).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(MAX_QUEUE_SIZE));
				assertThat(dropped).isPositive();
				assertThat(dropped(end) + failed + downReceived).isEqualTo(CALLS);
			}
		});
	}

	/**
	 * Sends {@code count} messages, each checked, and returns each call's duration.
	 */
	private static long[] send(SqsClient sqs, String queueUrl, int count, IntConsumerEvery100 every100) {
		long[] durations = new long[count];
		for (int i = 0; i < count; i++) {
			String body = "message " + i;
			long start = System.nanoTime();
			SendMessageResponse response = sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody(body));
			durations[i] = System.nanoTime() - start;
			assertThat(response.messageId()).isNotBlank();
			if (every100 != null && i % 100 == 99) {
				every100.accept(i);
			}
		}
		return durations;
	}

	private static long median(long[] durations) {
		long[] sorted = durations.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static long queueSize(Iterable<MetricData> metrics) {
		return sum(metrics, "otel.sdk.processor.span.queue.size", (attributes) -> true);
	}

	static long dropped(Iterable<MetricData> metrics) {
		return sum(metrics, "otel.sdk.processor.span.processed",
				(attributes) -> "queue_full".equals(attributes.get(ERROR_TYPE)));
	}

	static long exportFailed(Iterable<MetricData> metrics) {
		return sum(metrics, "otel.sdk.processor.span.processed", (attributes) -> {
			String errorType = attributes.get(ERROR_TYPE);
			return errorType != null && !"queue_full".equals(errorType);
		});
	}

	private static long sum(Iterable<MetricData> metrics, String name, Predicate<Attributes> which) {
		long sum = 0;
		for (MetricData metric : metrics) {
			if (metric.getName().equals(name)) {
				for (Object point : metric.getData().getPoints()) {
					if (point instanceof LongPointData longPoint && which.test(longPoint.getAttributes())) {
						sum += longPoint.getValue();
					}
				}
			}
		}
		return sum;
	}

	private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
			Thread.sleep(50);
		}
	}

	@FunctionalInterface
	interface IntConsumerEvery100 {

		void accept(int call);

	}

	/**
	 * How the endpoint is down.
	 */
	enum Outage {

		/** Nothing listens: every connection is refused at once. */
		REFUSED,

		/** A server accepts connections and never answers. */
		NO_ANSWER;

		String queue(String phase) {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + phase;
		}

		AutoCloseable start(int port) throws IOException {
			return (this == NO_ANSWER) ? new BlackHole(port) : () -> {
			};
		}

	}

	/**
	 * Accepts connections on a port and never answers, until closed.
	 */
	static final class BlackHole implements AutoCloseable {

		private final ServerSocket server;

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		BlackHole(int port) throws IOException {
			this.server = new ServerSocket();
			this.server.setReuseAddress(true);
			this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
			this.acceptor = new Thread(this::accept, "black-hole-" + port);
			this.acceptor.setDaemon(true);
			this.acceptor.start();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					this.accepted.add(this.server.accept());
				}
				catch (IOException ex) {
					// Closed.
				}
			}
		}

		int accepted() {
			return this.accepted.size();
		}

		@Override
		public void close() throws Exception {
			this.server.close();
			for (Socket socket : this.accepted) {
				socket.close();
			}
			this.acceptor.join(5000);
		}

	}

	/**
	 * An application's {@code OpenTelemetry} bean as the SDK documentation shows it:
	 * OTLP/HTTP behind a batch span processor, with the SDK's own metrics on.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OtlpOpenTelemetryConfiguration {

		@Bean
		InMemoryMetricReader metricReader() {
			return InMemoryMetricReader.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(@Value("${test.otlp.endpoint}") String endpoint,
				InMemoryMetricReader metricReader) {
			SdkMeterProvider meterProvider = SdkMeterProvider.builder().registerMetricReader(metricReader).build();
			OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
				.setEndpoint(endpoint)
				.setTimeout(EXPORT_TIMEOUT)
				.setMeterProvider(() -> meterProvider)
				.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
				.build();
			BatchSpanProcessor processor = BatchSpanProcessor.builder(exporter)
				.setMaxQueueSize(MAX_QUEUE_SIZE)
				.setMaxExportBatchSize(MAX_EXPORT_BATCH_SIZE)
				.setScheduleDelay(Duration.ofMillis(200))
				.setMeterProvider(() -> meterProvider)
				.setInternalTelemetryVersion(InternalTelemetryVersion.LATEST)
				.build();
			return OpenTelemetrySdk.builder()
				.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(processor).build())
				.setMeterProvider(meterProvider)
				.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

}
