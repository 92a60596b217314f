/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.metrics;

import java.util.List;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.semconv.AttributeKeys;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link AwsCallMetrics} on ElasticMQ: calls repeated, on two operations, in
 * two regions and failing, each recorded under its own attributes, however many calls
 * share them.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsCallMetricsIntegrationTests {

	private static final AttributeKey<String> METHOD = AttributeKey.stringKey("rpc.method");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, Clients.class);

	@Test
	void whenCallsRepeatAcrossOperationsRegionsAndFailuresThenEachHasItsOwnPoint() {
		this.contextRunner.run((context) -> {
			SqsClient east = context.getBean("east", SqsClient.class);
			SqsClient west = context.getBean("west", SqsClient.class);
			String queueUrl = east.createQueue((create) -> create.queueName("metrics")).queueUrl();
			for (int i = 0; i < 3; i++) {
				east.sendMessage((send) -> send.queueUrl(queueUrl).messageBody("order"));
			}
			east.getQueueUrl((get) -> get.queueName("metrics"));
			west.getQueueUrl((get) -> get.queueName("metrics"));
			assertThatExceptionOfType(QueueDoesNotExistException.class)
				.isThrownBy(() -> east.getQueueUrl((get) -> get.queueName("missing")));

			List<HistogramPointData> points = List.copyOf(context.getBean(InMemoryMetricReader.class)
				.collectAllMetrics()
				.stream()
				.filter((metric) -> metric.getName().equals(AwsCallMetrics.CALL_DURATION))
				.findFirst()
				.map(MetricData::getHistogramData)
				.orElseThrow()
				.getPoints());
			assertThat(points)
				.extracting((point) -> point.getAttributes().get(METHOD),
						(point) -> point.getAttributes().get(AttributeKeys.AWS_REGION),
						(point) -> point.getAttributes().get(AttributeKeys.ERROR_TYPE), HistogramPointData::getCount)
				.containsExactlyInAnyOrder(tuple("CreateQueue", "us-east-1", null, 1L),
						tuple("SendMessage", "us-east-1", null, 3L), tuple("GetQueueUrl", "us-east-1", null, 1L),
						tuple("GetQueueUrl", "us-west-2", null, 1L),
						tuple("GetQueueUrl", "us-east-1", QueueDoesNotExistException.class.getName(), 1L));
			assertThat(points).map(HistogramPointData::getAttributes)
				.allSatisfy((attributes) -> assertThat(attributes.get(AttributeKey.stringKey("rpc.service")))
					.isEqualTo("Sqs"));
			assertThat(points).map(HistogramPointData::getAttributes).doesNotHaveDuplicates();
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Clients {

		@Bean
		SqsClient east() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).region(Region.US_EAST_1).build();
		}

		@Bean
		SqsClient west() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).region(Region.US_WEST_2).build();
		}

	}

}
