/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.util.List;
import java.util.Set;

import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import dev.awsotel.spring.autoconfigure.internal.trace.AttemptMode;
import dev.awsotel.spring.autoconfigure.internal.trace.AwsTracingInterceptor;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AwsClientBeanPostProcessor}.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsClientBeanPostProcessorTests {

	private final AwsClientRegistry registry = new AwsClientRegistry();

	private final UpstreamInternals internals = UpstreamInternals.check(getClass().getClassLoader());

	private final ExecutionInterceptor tracing = new AwsTracingInterceptor(
			AwsSdkTelemetry.create(OpenTelemetry.noop()).createExecutionInterceptor(), List.of(), AttemptMode.NONE,
			OpenTelemetry.noop().getTracer("test"), this.internals, null);

	private final AwsClientBeanPostProcessor postProcessor = postProcessor(new AwsClientDecorator(this.tracing,
			this.registry, Set.of(), false, List.of(), TracingFeatures.DEFAULT, this.internals));

	private final SqsClient client = SqsClient.builder()
		.endpointOverride(java.net.URI.create("http://127.0.0.1:1"))
		.region(LocalAws.REGION)
		.credentialsProvider(LocalAws.CREDENTIALS)
		.build();

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void whenBeanIsNotAnAwsClientThenItComesBackUnchanged() {
		Object bean = new Object();
		assertThat(this.postProcessor.postProcessAfterInitialization(bean, "other")).isSameAs(bean);
		assertThat(this.registry.clients()).isEmpty();
	}

	@Test
	void whenBeanIsAClientThenTheSameInstanceComesBackWithItsTracingInterceptorArmed() {
		assertThat(deferredOf(this.client).isArmed()).isFalse();

		Object processed = this.postProcessor.postProcessAfterInitialization(this.client, "sqsClient");

		assertThat(processed).isSameAs(this.client);
		assertThat(deferredOf(this.client).isArmed()).isTrue();
		assertThat(this.registry.client("sqsClient")).hasValueSatisfying((client) -> {
			assertThat(client.mode()).isEqualTo(TracingMode.INTERCEPTOR);
			assertThat(client.clientType()).isEqualTo(SqsClient.class.getName());
			assertThat(client.region()).isEqualTo(LocalAws.REGION.id());
			assertThat(client.endpointOverride()).hasToString("http://127.0.0.1:1");
			assertThat(client.async()).isFalse();
		});
	}

	@Test
	void whenClientIsProcessedTwiceThenTheSecondPassAddsNothing() {
		Object once = this.postProcessor.postProcessAfterInitialization(this.client, "sqsClient");
		Object twice = this.postProcessor.postProcessAfterInitialization(once, "sqsClient");

		assertThat(twice).isSameAs(this.client);
		assertThat(this.client.serviceClientConfiguration().overrideConfiguration().executionInterceptors())
			.filteredOn(DeferredTracingInterceptor.class::isInstance)
			.hasSize(1);
		assertThat(this.registry.clients()).hasSize(1);
	}

	@Test
	void whenBuilderIsProcessedTwiceThenItHasOneTracingPlugin() {
		SqsClientBuilder builder = SqsClient.builder();

		this.postProcessor.postProcessAfterInitialization(builder, "builder");
		this.postProcessor.postProcessAfterInitialization(builder, "builder");

		assertThat(builder.plugins()).filteredOn(TracingPlugin.class::isInstance).hasSize(1);
		assertThat(this.registry.client("builder"))
			.hasValueSatisfying((client) -> assertThat(client.mode()).isEqualTo(TracingMode.BUILDER));
	}

	@Test
	void whenBeanIsAnAopProxyOfAClientThenItIsLeftToItsTarget() {
		ProxyFactory factory = new ProxyFactory(this.client);
		factory.addInterface(SqsClient.class);
		Object proxy = factory.getProxy();

		assertThat(this.postProcessor.postProcessAfterInitialization(proxy, "proxied")).isSameAs(proxy);
		assertThat(deferredOf(this.client).isArmed()).isFalse();
	}

	@Test
	void whenApplicationHasNoOpenTelemetryThenClientsAreLeftAsTheyAre() {
		AwsClientBeanPostProcessor withoutOpenTelemetry = new AwsClientBeanPostProcessor(
				new DefaultListableBeanFactory().getBeanProvider(AwsClientDecorator.class));

		assertThat(withoutOpenTelemetry.postProcessAfterInitialization(this.client, "sqsClient")).isSameAs(this.client);
		assertThat(deferredOf(this.client).isArmed()).isFalse();
	}

	private static AwsClientBeanPostProcessor postProcessor(AwsClientDecorator decorator) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("decorator", decorator);
		return new AwsClientBeanPostProcessor(beanFactory.getBeanProvider(AwsClientDecorator.class));
	}

	private static DeferredTracingInterceptor deferredOf(SqsClient client) {
		return DeferredTracingInterceptor
			.in(client.serviceClientConfiguration().overrideConfiguration().executionInterceptors());
	}

}
