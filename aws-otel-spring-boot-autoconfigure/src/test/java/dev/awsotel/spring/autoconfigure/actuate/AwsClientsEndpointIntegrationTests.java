/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint.AwsClientDescriptor;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AwsClientsEndpoint} and its auto-configuration, with clients calling
 * ElasticMQ.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsClientsEndpointIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(AwsOtelAutoConfiguration.class, AwsClientsEndpointAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, Clients.class);

	@Test
	void whenEndpointIsNotExposedThenItIsNotAvailable() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(AwsClientsEndpoint.class));
	}

	@Test
	void whenActuatorIsAbsentThenThereIsNoEndpoint() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=awsclients")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AwsClientsEndpoint.class));
	}

	@Test
	void whenExposedThenEveryClientIsListedWithHowItIsTracedAndFiguresThatMove() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=awsclients").run((context) -> {
			AwsClientsEndpoint endpoint = context.getBean(AwsClientsEndpoint.class);
			assertThat(endpoint.client("sqsClient").figures().calls()).isZero();
			assertThat(endpoint.client("sqsClient").figures().latencyP50Millis()).isNull();

			SqsClient sqs = context.getBean("sqsClient", SqsClient.class);
			String queueUrl = sqs.createQueue((q) -> q.queueName("figures")).queueUrl();
			assertThatExceptionOfType(QueueDoesNotExistException.class)
				.isThrownBy(() -> sqs.getQueueUrl((q) -> q.queueName("absent")));
			Map<String, MessageAttributeValue> ten = new LinkedHashMap<>();
			for (int i = 0; i < 10; i++) {
				ten.put("a" + i, MessageAttributeValue.builder().dataType("String").stringValue("v").build());
			}
			sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("full").messageAttributes(ten));

			assertThat(endpoint.clients().clients()).extracting(AwsClientDescriptor::beanName)
				.containsExactly("excludedSqsClient", "sqsClient");
			AwsClientDescriptor client = endpoint.client("sqsClient");
			assertThat(client.service()).isEqualTo("sqs");
			assertThat(client.clientType()).isEqualTo(SqsClient.class.getName());
			assertThat(client.kind()).isEqualTo("sync");
			assertThat(client.region()).isEqualTo(LocalAws.REGION.id());
			assertThat(client.endpointOverride()).isEqualTo(LocalAws.sqs());
			assertThat(client.traced()).isTrue();
			assertThat(client.mode()).isEqualTo("interceptor");
			assertThat(client.features()).containsExactly("attempts=spans", "sqs-propagation", "metrics");
			assertThat(client.figures().calls()).isEqualTo(3);
			assertThat(client.figures().errors()).isEqualTo(1);
			assertThat(client.figures().propagationSkips()).isEqualTo(1);
			assertThat(client.figures().retriedCalls()).isZero();
			assertThat(client.figures().latencyP50Millis()).isPositive();
			assertThat(client.figures().latencyP99Millis()).isGreaterThanOrEqualTo(client.figures().latencyP50Millis());
		});
	}

	@Test
	void whenClientIsExcludedThenTheEndpointSaysWhy() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=awsclients",
					"otel.aws.excluded-beans=excludedSqsClient")
			.run((context) -> {
				AwsClientDescriptor client = context.getBean(AwsClientsEndpoint.class).client("excludedSqsClient");
				assertThat(client.traced()).isFalse();
				assertThat(client.mode()).isEqualTo("excluded");
				assertThat(client.reason()).contains("otel.aws.excluded-beans");
				assertThat(client.features()).isEmpty();
				assertThat(client.figures()).isNull();
			});
	}

	@Test
	void whenBeanIsUnknownThenThereIsNoClient() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=awsclients")
			.run((context) -> assertThat(context.getBean(AwsClientsEndpoint.class).client("nope")).isNull());
	}

	@Configuration(proxyBeanMethods = false)
	static class Clients {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

		@Bean(destroyMethod = "close")
		SqsClient excludedSqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

}
