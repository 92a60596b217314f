/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint.AwsClientDescriptor;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpointAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests that the example of docs/extending.md, written against the public API only, does
 * what the page says, with SQS calls on ElasticMQ.
 *
 * @author aws-otel-spring-boot authors
 */
class ExtendingIntegrationTests {

	private static final AttributeKey<String> AWS_AGENT = AttributeKey.stringKey("aws.agent");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(AwsOtelAutoConfiguration.class, AwsClientsEndpointAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, Clients.class, TracingExtras.class)
		.withPropertyValues("management.endpoints.web.exposure.include=awsclients",
				"otel.aws.excluded-beans=untracedSqsClient");

	@Test
	void theCustomizerIsAppliedAfterTheStartersSettingsAndTheRunnerPassesWhenOnlyExcludedClientsAreUntraced() {
		this.contextRunner.withPropertyValues("otel.aws.experimental-span-attributes=false").run((context) -> {
			context.getBean("sqsClient", SqsClient.class).listQueues();
			assertThat(Spans.single(context.getBean(InMemorySpanExporter.class), "Sqs.ListQueues")
				.getAttributes()
				.get(AWS_AGENT)).isEqualTo("java-aws-sdk");
			context.getBean(ApplicationRunner.class).run(new DefaultApplicationArguments());
			AwsClientDescriptor excluded = context.getBean(AwsClientsEndpoint.class).client("untracedSqsClient");
			assertThat(excluded.traced()).isFalse();
			assertThat(excluded.mode()).isEqualTo("excluded");
		});
	}

	@Test
	void theRunnerFailsNamingAClientThatIsUntracedWithoutBeingExcluded() {
		this.contextRunner.withPropertyValues("otel.aws.excluded-beans=untracedSqsClient")
			.withBean(ExcludedNames.class)
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean("strictRunner", ApplicationRunner.class)
					.run(new DefaultApplicationArguments()))
				.withMessage("untracedSqsClient is not traced: not traced: named in otel.aws.excluded-beans"));
	}

	@Test
	void withTracingOffTheExtrasAreNotCreated() {
		this.contextRunner.withPropertyValues("otel.aws.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TracingExtras.class);
			assertThat(context).doesNotHaveBean(AwsSdkTelemetryBuilderCustomizer.class);
		});
	}

	/**
	 * docs/extending.md's example, as written there.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAwsTracingEnabled
	static class TracingExtras {

		@Bean
		AwsSdkTelemetryBuilderCustomizer experimentalAttributesAlways() {
			return (builder) -> builder.setCaptureExperimentalSpanAttributes(true);
		}

		@Bean
		ApplicationRunner everyClientTraced(AwsClientsEndpoint endpoint, AwsOtelProperties properties) {
			return (args) -> endpoint.clients()
				.clients()
				.stream()
				.filter((client) -> !client.traced() && !properties.getExcludedBeans().contains(client.beanName()))
				.findAny()
				.ifPresent((client) -> {
					throw new IllegalStateException(client.beanName() + " is not traced: " + client.reason());
				});
		}

	}

	/**
	 * The same check with an empty list of allowed exclusions: the excluded client is
	 * then one that goes untraced.
	 */
	static class ExcludedNames {

		@Bean
		ApplicationRunner strictRunner(AwsClientsEndpoint endpoint) {
			return (args) -> endpoint.clients()
				.clients()
				.stream()
				.filter((client) -> !client.traced())
				.findAny()
				.ifPresent((client) -> {
					throw new IllegalStateException(client.beanName() + " is not traced: " + client.reason());
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Clients {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

		@Bean(destroyMethod = "close")
		SqsClient untracedSqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

}
