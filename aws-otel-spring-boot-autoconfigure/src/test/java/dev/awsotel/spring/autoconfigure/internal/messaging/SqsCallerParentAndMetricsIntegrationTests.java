/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.List;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.semconv.SemanticConventions;
import dev.awsotel.spring.autoconfigure.internal.semconv.SemanticConventions.Mode;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout and metrics of process spans that OpenTelemetry's instrumentation (and so
 * the Java agent) gives with the stable messaging conventions, on ElasticMQ:
 * {@code otel.aws.sqs.process-span-parent=caller} and the consumer metrics.
 *
 * @author aws-otel-spring-boot authors
 */
class SqsCallerParentAndMetricsIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class,
				SqsPropagationIntegrationTests.SqsClients.class);

	@Test
	void whenProcessSpanParentIsCallerThenItIsTheChildOfTheReceiveCallsParentLinkedToTheProducer() {
		this.contextRunner.withPropertyValues("otel.aws.sqs.process-span-parent=caller").run((context) -> {
			String queueUrl = SqsPropagationIntegrationTests.createQueue(context, "callers");
			Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> SqsPropagationIntegrationTests.producer(context)
						.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 3")));
			SpanData send = Spans.single(SqsPropagationIntegrationTests.exporter(context), "callers publish");

			Span poll = Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> SqsPropagationIntegrationTests.handleAll(context, SqsPropagationIntegrationTests
						.receive(SqsPropagationIntegrationTests.consumer(context), queueUrl)));

			SpanData receiveCall = Spans.single(SqsPropagationIntegrationTests.exporter(context), "Sqs.ReceiveMessage");
			assertThat(receiveCall.getParentSpanId()).isEqualTo(poll.getSpanContext().getSpanId());
			SpanData process = Spans.single(SqsPropagationIntegrationTests.exporter(context), "callers process");
			assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(process.getTraceId()).isEqualTo(poll.getSpanContext().getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(poll.getSpanContext().getSpanId());
			assertThat(process.getLinks()).singleElement().satisfies((link) -> {
				assertThat(link.getSpanContext().getTraceId()).isEqualTo(send.getTraceId());
				assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanId());
			});
			SpanData handle = Spans.single(SqsPropagationIntegrationTests.exporter(context), "handle order 3");
			assertThat(handle.getParentSpanId()).isEqualTo(process.getSpanId());
		});
	}

	@Test
	void whenProcessSpanParentIsCallerAndNoSpanIsCurrentThenTheProducerIsTheParent() {
		// OpenTelemetry's instrumentation does the same: with no span to be the child of,
		// the message's producer is the parent.
		this.contextRunner.withPropertyValues("otel.aws.sqs.process-span-parent=caller").run((context) -> {
			String queueUrl = SqsPropagationIntegrationTests.createQueue(context, "orphans");
			Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> SqsPropagationIntegrationTests.producer(context)
						.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 4")));
			SpanData send = Spans.single(SqsPropagationIntegrationTests.exporter(context), "orphans publish");

			SqsPropagationIntegrationTests.handleAll(context,
					SqsPropagationIntegrationTests.receive(SqsPropagationIntegrationTests.consumer(context), queueUrl));

			SpanData process = Spans.single(SqsPropagationIntegrationTests.exporter(context), "orphans process");
			assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
		});
	}

	@Test
	void whenStableMessagingConventionsAreInForceThenProcessSpansRecordTheConsumerMetrics() {
		// OpenTelemetry's instrumentation decides the conventions once per JVM: the
		// application's own propagation bean stands for the stable messaging mode here
		// (the semconv and agent-comparison modules opt in, in JVMs of their own).
		this.contextRunner.withUserConfiguration(StableMessaging.class).run((context) -> {
			String queueUrl = SqsPropagationIntegrationTests.createQueue(context, "measured");
			Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> SqsPropagationIntegrationTests.producer(context)
						.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 5")));

			Span poll = Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> SqsPropagationIntegrationTests.handleAll(context, SqsPropagationIntegrationTests
						.receive(SqsPropagationIntegrationTests.consumer(context), queueUrl)));

			SpanData process = Spans.single(SqsPropagationIntegrationTests.exporter(context), "process measured");
			assertThat(process.getParentSpanId()).isEqualTo(poll.getSpanContext().getSpanId());
			List<MetricData> metrics = context.getBean(InMemoryMetricReader.class)
				.collectAllMetrics()
				.stream()
				.toList();
			MetricData duration = metric(metrics, ProcessingMetrics.PROCESS_DURATION);
			assertThat(duration.getUnit()).isEqualTo("s");
			HistogramPointData point = duration.getHistogramData().getPoints().iterator().next();
			assertThat(duration.getHistogramData().getPoints()).hasSize(1);
			assertThat(point.getCount()).isEqualTo(1);
			assertThat(point.getBoundaries()).containsExactly(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75,
					1.0, 2.5, 5.0, 7.5, 10.0);
			assertThat(point.getAttributes().asMap()).containsOnlyKeys(stringKey("messaging.operation.name"),
					stringKey("messaging.system"), stringKey("messaging.destination.name"), stringKey("server.address"),
					longKey("server.port"));
			assertThat(point.getAttributes().get(stringKey("messaging.operation.name"))).isEqualTo("process");
			assertThat(point.getAttributes().get(stringKey("messaging.system"))).isEqualTo("aws_sqs");
			assertThat(point.getAttributes().get(stringKey("messaging.destination.name"))).isEqualTo("measured");
			assertThat(point.getAttributes().get(longKey("server.port")))
				.isEqualTo(process.getAttributes().get(longKey("server.port")));
			MetricData consumed = metric(metrics, ProcessingMetrics.CONSUMED_MESSAGES);
			assertThat(consumed.getUnit()).isEqualTo("{message}");
			assertThat(consumed.getLongSumData().getPoints()).singleElement().satisfies((sum) -> {
				assertThat(sum.getValue()).isEqualTo(1);
				assertThat(sum.getAttributes()).isEqualTo(point.getAttributes());
			});
		});
	}

	@Test
	void whenTheOldMessagingConventionsAreInForceThenNoConsumerMetricIsRecorded() {
		this.contextRunner.run((context) -> {
			String queueUrl = SqsPropagationIntegrationTests.createQueue(context, "unmeasured");
			Spans.runInParent(SqsPropagationIntegrationTests.openTelemetry(context),
					() -> SqsPropagationIntegrationTests.producer(context)
						.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 6")));

			SqsPropagationIntegrationTests.handleAll(context,
					SqsPropagationIntegrationTests.receive(SqsPropagationIntegrationTests.consumer(context), queueUrl));

			Spans.single(SqsPropagationIntegrationTests.exporter(context), "unmeasured process");
			assertThat(context.getBean(InMemoryMetricReader.class).collectAllMetrics()).extracting(MetricData::getName)
				.contains("rpc.client.call.duration")
				.doesNotContain(ProcessingMetrics.PROCESS_DURATION, ProcessingMetrics.CONSUMED_MESSAGES);
		});
	}

	private static MetricData metric(List<MetricData> metrics, String name) {
		return metrics.stream()
			.filter((metric) -> metric.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics));
	}

	@Configuration(proxyBeanMethods = false)
	static class StableMessaging {

		@Bean
		MessagePropagation stableMessagePropagation(OpenTelemetry openTelemetry) {
			return new MessagePropagation(openTelemetry, ProcessSpanParent.CALLER,
					SemanticConventions.of(Mode.STABLE, Mode.OLD, Mode.OLD), false, null,
					new ProcessingMetrics(openTelemetry));
		}

	}

}
