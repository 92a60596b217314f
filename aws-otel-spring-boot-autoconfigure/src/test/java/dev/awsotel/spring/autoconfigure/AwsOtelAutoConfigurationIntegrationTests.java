/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.util.List;
import java.util.Set;

import dev.awsotel.spring.autoconfigure.internal.decorate.AwsClientBeanPostProcessor;
import dev.awsotel.spring.autoconfigure.internal.decorate.AwsClientDecorator;
import dev.awsotel.spring.autoconfigure.internal.decorate.TracingFeatures;
import dev.awsotel.spring.autoconfigure.internal.genai.BedrockRuntimeTracing;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AwsOtelAutoConfiguration}.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class AwsOtelAutoConfigurationIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class));

	@Test
	void whenAwsSdkIsAbsentThenNothingIsRegistered() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SdkClient.class))
			.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AwsClientBeanPostProcessor.class)
				.doesNotHaveBean(AwsClientRegistry.class));
	}

	@Test
	void whenAwsSdkInstrumentationLibraryIsAbsentThenNothingIsRegistered() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AwsSdkTelemetry.class))
			.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AwsClientBeanPostProcessor.class));
	}

	@Test
	void whenBedrockRuntimeIsOnTheClasspathThenItsStreamCustomizerIsRegistered() {
		this.contextRunner.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(BedrockRuntimeTracing.class)
				.hasSingleBean(AwsClientDecorator.class));
	}

	@Test
	void whenBedrockRuntimeIsAbsentThenNoBedrockCustomizerIsRegistered() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(BedrockRuntimeAsyncClient.class))
			.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(AwsClientDecorator.class)
				.doesNotHaveBean(BedrockRuntimeTracing.class));
	}

	@Test
	void whenTracingIsDisabledThenClientsStayExactlyAsBuilt() {
		this.contextRunner.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SqsClientConfiguration.class)
			.withPropertyValues("otel.aws.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(AwsClientBeanPostProcessor.class)
					.doesNotHaveBean(AwsClientDecorator.class);
				context.getBean(SqsClient.class).listQueues();
				assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).isEmpty();
			});
	}

	@Test
	void whenNoOpenTelemetryBeanThenClientsAreUntouchedAndOneLineSaysWhy(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(SqsClientConfiguration.class, SecondSqsClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(AwsClientBeanPostProcessor.class)
					.doesNotHaveBean(AwsClientDecorator.class);
				assertThat(context.getBean(AwsClientRegistry.class).clients()).isEmpty();
				assertThat(context.getBean("sqsClient", SqsClient.class).listQueues().queueUrls()).isNotNull();
			});
		assertThat(output.toString().split("AWS SDK clients are not traced", -1)).hasSize(2);
		assertThat(output).contains("no io.opentelemetry.api.OpenTelemetry bean");
	}

	@Test
	void whenUserDefinesTheRegistryThenItIsUsed() {
		this.contextRunner.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SqsClientConfiguration.class)
			.withBean("myRegistry", AwsClientRegistry.class, AwsClientRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(AwsClientRegistry.class).hasBean("myRegistry");
				assertThat(context.getBean(AwsClientRegistry.class).client("sqsClient")).isPresent();
			});
	}

	@Test
	void whenUserDefinesTheDecoratorThenTheAutoConfiguredOneBacksOff() {
		AwsClientDecorator own = new AwsClientDecorator(
				AwsSdkTelemetry.create(OpenTelemetry.noop()).createExecutionInterceptor(), new AwsClientRegistry(),
				Set.of(), false, List.of(), TracingFeatures.DEFAULT,
				UpstreamInternals.check(getClass().getClassLoader()));
		this.contextRunner.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
			.withBean(AwsClientDecorator.class, () -> own)
			.run((context) -> assertThat(context).getBean(AwsClientDecorator.class).isSameAs(own));
	}

	@Test
	void whenUserDefinesThePostProcessorThenTheAutoConfiguredOneBacksOff() {
		this.contextRunner.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, OwnPostProcessor.class)
			.run((context) -> assertThat(context).hasSingleBean(AwsClientBeanPostProcessor.class)
				.hasBean("ownPostProcessor"));
	}

	@Test
	void whenCustomizerIsDefinedThenItShapesTheSpans() {
		AttributeKey<String> agent = AttributeKey.stringKey("aws.agent");
		this.contextRunner.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SqsClientConfiguration.class)
			.withBean(AwsSdkTelemetryBuilderCustomizer.class,
					() -> (builder) -> builder.setCaptureExperimentalSpanAttributes(true))
			.run((context) -> {
				context.getBean(SqsClient.class).listQueues();
				assertThat(Spans.single(context.getBean(InMemorySpanExporter.class), "Sqs.ListQueues")
					.getAttributes()
					.get(agent)).isEqualTo("java-aws-sdk");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class SqsClientConfiguration {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondSqsClientConfiguration {

		@Bean(destroyMethod = "close")
		SqsClient secondSqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnPostProcessor {

		@Bean
		static AwsClientBeanPostProcessor ownPostProcessor(
				org.springframework.beans.factory.ObjectProvider<AwsClientDecorator> decorator) {
			return new AwsClientBeanPostProcessor(decorator);
		}

	}

}
