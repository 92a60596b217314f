/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.cloudaws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.awsotel.localaws.ElasticMqServer;
import io.awspring.cloud.sqs.annotation.SqsListener;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.operations.SqsTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud AWS's own Micrometer observations of {@code SqsTemplate} sends and
 * listener containers switched on ({@code spring.cloud.aws.sqs.observation-enabled}),
 * beside Spring Boot's Micrometer Tracing bridged to OpenTelemetry and the starter, on
 * ElasticMQ: each message still gets one send span and one process span, in one trace,
 * and the listener runs with the process span current. Runs on both lines: Spring Boot
 * 3.5 with Spring Cloud AWS 3.4 (module {@code spring-cloud-aws}) and Spring Boot 4.1
 * with Spring Cloud AWS 4.1 (module {@code spring-cloud-aws-4.1}).
 *
 * @author aws-otel-spring-boot authors
 */
@SpringBootTest(classes = SpringCloudAwsObservationIntegrationTests.App.class,
		properties = { "spring.cloud.aws.region.static=eu-west-1", "spring.cloud.aws.credentials.access-key=test",
				"spring.cloud.aws.credentials.secret-key=test", "spring.cloud.aws.sqs.observation-enabled=true",
				"spring.cloud.aws.sqs.listener.poll-timeout=1s", "management.tracing.sampling.probability=1.0",
				"otel.service.name=cloud-aws-observation" })
// Closed after the class, so that the listener container stops before the JVM stops the
// server.
@DirtiesContext
class SpringCloudAwsObservationIntegrationTests {

	static final String QUEUE = "observed-orders";

	private static final int MESSAGES = 3;

	private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");

	private static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation");

	private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

	private static final ElasticMqServer sqs = ElasticMqServer.start();

	@Autowired
	private InMemorySpanExporter spans;

	@Autowired
	private ObservationRegistry observations;

	@Autowired
	private Tracer tracer;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private SqsTemplate sqsTemplate;

	@Autowired
	private SqsAsyncClient sqsAsyncClient;

	@Autowired
	private Listener listener;

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry properties) {
		properties.add("spring.cloud.aws.sqs.endpoint", () -> sqs.endpoint().toString());
	}

	@Test
	void eachMessageHasOneSendSpanAndOneProcessSpanInOneTraceWithSpringCloudAwsObservationsOn() throws Exception {
		// Spring Boot's Micrometer Tracing, on the application's OpenTelemetry.
		assertThat(this.tracer).isInstanceOf(OtelTracer.class);
		this.sqsAsyncClient.createQueue((request) -> request.queueName(QUEUE)).join();
		this.spans.reset();

		// The checkout is a Micrometer observation: Spring Boot's tracing opens its span.
		Observation checkout = Observation.createNotStarted("checkout", this.observations);
		String traceId = checkout.observe(() -> {
			for (int i = 1; i <= MESSAGES; i++) {
				this.sqsTemplate.send(QUEUE, "order-" + i);
			}
			return Span.current().getSpanContext().getTraceId();
		});
		List<Handled> handled = new ArrayList<>();
		for (int i = 0; i < MESSAGES; i++) {
			Handled message = this.listener.handled.poll(20, TimeUnit.SECONDS);
			assertThat(message).as("message %d of %d", i + 1, MESSAGES).isNotNull();
			handled.add(message);
		}
		// Spring Cloud AWS's observations ran: they record their timers (when its
		// listener observation stops, after the listener).
		awaitTrue(() -> timerCount("spring.aws.sqs.listener") == MESSAGES, "listener observations stopped");
		awaitTrue(() -> timerCount("spring.aws.sqs.template") == MESSAGES, "template observations stopped");
		awaitTrue(() -> messagingSpans(SpanKind.CONSUMER).size() >= MESSAGES, "process spans ended");
		Thread.sleep(200);

		SpanData checkoutSpan = single((span) -> span.getName().equals("checkout"), "checkout");
		assertThat(checkoutSpan.getTraceId()).isEqualTo(traceId);
		List<SpanData> sends = messagingSpans(SpanKind.PRODUCER);
		List<SpanData> processes = messagingSpans(SpanKind.CONSUMER);
		// Counted by kind and by messaging operation: one send and one process per
		// message,
		// never a second span of either (Spring Cloud AWS's "publish" and "receive").
		assertThat(countByKindAndOperation()).as("messaging spans by kind and operation")
			.isEqualTo(Map.of("PRODUCER publish", (long) MESSAGES, "CONSUMER process", (long) MESSAGES));
		assertThat(sends).hasSize(MESSAGES)
			.allSatisfy((send) -> assertThat(send.getName()).isEqualTo(QUEUE + " publish"));
		assertThat(processes).hasSize(MESSAGES)
			.allSatisfy((process) -> assertThat(process.getName()).isEqualTo(QUEUE + " process"));
		Map<String, SpanData> sendByMessageId = sends.stream()
			.collect(Collectors.toMap((send) -> send.getAttributes().get(MESSAGE_ID), Function.identity()));
		assertThat(sendByMessageId).hasSize(MESSAGES);
		List<SpanData> handles = this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getName().equals("handle order"))
			.toList();
		assertThat(handles).hasSize(MESSAGES);

		for (Handled message : handled) {
			SpanData send = sendByMessageId.get(message.messageId());
			assertThat(send).as("send span of %s", message.payload()).isNotNull();
			assertThat(send.getTraceId()).isEqualTo(traceId);
			assertThat(send.getParentSpanId()).isEqualTo(checkoutSpan.getSpanId());
			List<SpanData> ofMessage = processes.stream()
				.filter((process) -> message.messageId().equals(process.getAttributes().get(MESSAGE_ID)))
				.toList();
			assertThat(ofMessage).as("process spans of %s", message.payload()).hasSize(1);
			SpanData process = ofMessage.get(0);
			assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
			// The listener ran with the process span current: its own observation is the
			// process span's child.
			assertThat(message.traceId()).isEqualTo(process.getTraceId());
			assertThat(message.spanId()).isEqualTo(process.getSpanId());
			assertThat(handles).filteredOn((handle) -> handle.getParentSpanId().equals(process.getSpanId()))
				.singleElement()
				.satisfies((handle) -> assertThat(handle.getTraceId()).isEqualTo(traceId));
		}
	}

	private long timerCount(String name) {
		return this.meters.find(name).timers().stream().mapToLong((timer) -> timer.count()).sum();
	}

	private List<SpanData> messagingSpans(SpanKind kind) {
		return this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == kind && span.getAttributes().get(MESSAGING_SYSTEM) != null)
			.toList();
	}

	private Map<String, Long> countByKindAndOperation() {
		return this.spans.getFinishedSpanItems()
			.stream()
			.filter((span) -> span.getKind() == SpanKind.PRODUCER || span.getKind() == SpanKind.CONSUMER
					|| span.getAttributes().get(MESSAGING_OPERATION) != null)
			.collect(Collectors.groupingBy(
					(span) -> span.getKind() + " " + span.getAttributes().get(MESSAGING_OPERATION),
					Collectors.counting()));
	}

	private SpanData single(Predicate<SpanData> matching, String description) {
		List<SpanData> found = this.spans.getFinishedSpanItems().stream().filter(matching).toList();
		assertThat(found)
			.as("spans: %s among %s", description,
					this.spans.getFinishedSpanItems().stream().map(SpanData::getName).toList())
			.hasSize(1);
		return found.get(0);
	}

	private static void awaitTrue(BooleanSupplier condition, String description) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting: " + description);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		// The application's OpenTelemetry: the starter traces with it and Spring Boot's
		// Micrometer Tracing bridge opens its spans on it.
		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(InMemorySpanExporter spanExporter) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
				.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
				.build();
		}

		@Bean
		Listener listener(ObservationRegistry observations) {
			return new Listener(observations);
		}

	}

	static class Listener {

		final BlockingQueue<Handled> handled = new LinkedBlockingQueue<>();

		private final ObservationRegistry observations;

		Listener(ObservationRegistry observations) {
			this.observations = observations;
		}

		@SqsListener(QUEUE)
		void onOrder(Message<String> message) {
			// Observed by the application: a child of the process span.
			Observation.createNotStarted("handle order", this.observations).observe(() -> {
			});
			software.amazon.awssdk.services.sqs.model.Message source = (software.amazon.awssdk.services.sqs.model.Message) message
				.getHeaders()
				.get(SqsHeaders.SQS_SOURCE_DATA_HEADER);
			Span current = Span.current();
			this.handled.add(new Handled(message.getPayload(), source.messageId(),
					current.getSpanContext().getTraceId(), current.getSpanContext().getSpanId()));
		}

	}

	record Handled(String payload, String messageId, String traceId, String spanId) {

	}

}
