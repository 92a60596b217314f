/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.SqsServiceClientConfiguration;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How client beans reach the starter, and that each call is traced exactly once whatever
 * the path: client builder beans, clients built from them, one client under two names,
 * clients instrumented by hand, clients that are not beans, and clients the starter can
 * only trace through a proxy. Calls go to ElasticMQ.
 *
 * @author aws-otel-spring-boot authors
 */
class ClientDecorationIntegrationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class);

	@Test
	void whenBuilderIsABeanThenClientsItBuildsAreTracedOnceEvenWhenAlsoBeans() {
		this.contextRunner.withUserConfiguration(BuilderBean.class).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SqsClientBuilder builder = context.getBean(SqsClientBuilder.class);
			try (SqsClient notABean = builder.build()) {
				Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class),
						() -> notABean.createQueue((q) -> q.queueName("from-builder")));
				AwsSpans.assertChildOf(Spans.single(exporter, "Sqs.CreateQueue"), parent);
			}
			exporter.reset();

			context.getBean("clientFromBuilder", SqsClient.class).listQueues();

			AwsSpans.assertSuccessfulCall(Spans.single(exporter, "Sqs.ListQueues"), "Sqs", "ListQueues",
					SpanKind.CLIENT);
			AwsClientRegistry registry = context.getBean(AwsClientRegistry.class);
			assertThat(registry.client("sqsClientBuilder")).hasValueSatisfying((client) -> {
				assertThat(client.mode()).isEqualTo(TracingMode.BUILDER);
				assertThat(client.service()).isEqualTo("sqs");
			});
			assertThat(registry.client("clientFromBuilder"))
				.hasValueSatisfying((client) -> assertThat(client.mode()).isEqualTo(TracingMode.INTERCEPTOR));
		});
	}

	@Test
	void whenSameClientIsRegisteredUnderTwoNamesThenEachCallHasOneSpan() {
		this.contextRunner.withUserConfiguration(OneClientTwoNames.class).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SqsClient first = context.getBean("sqsClient", SqsClient.class);
			SqsClient second = context.getBean("sameSqsClient", SqsClient.class);
			assertThat(second).isSameAs(first);

			second.listQueues();

			assertThat(Spans.named(exporter, "Sqs.ListQueues")).hasSize(1);
		});
	}

	@Test
	void whenClientIsInstrumentedByHandThenStarterLeavesItAndEachCallHasOneSpan() {
		this.contextRunner.withUserConfiguration(HandInstrumentedClient.class).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);

			context.getBean(SqsClient.class).listQueues();

			assertThat(Spans.named(exporter, "Sqs.ListQueues")).hasSize(1);
			assertThat(context.getBean(AwsClientRegistry.class).client("sqsClient")).hasValueSatisfying((client) -> {
				assertThat(client.mode()).isEqualTo(TracingMode.ALREADY_INSTRUMENTED);
				// Left as the application built it: none of the starter's features.
				assertThat(client.features()).isEmpty();
			});
			assertThat(context.getBean(AwsClientRegistry.class).client("sqsClient"))
				.hasValueSatisfying((client) -> assertThat(client.figures()).isNull());
		});
	}

	@Test
	void whenClientIsNotABeanThenItIsLeftAloneUnlessTheApplicationOptsIn() {
		this.contextRunner.run((context) -> {
			try (SqsClient notABean = newSqsClient()) {
				notABean.listQueues();
			}
			assertThat(Spans.named(context.getBean(InMemorySpanExporter.class), "Sqs.ListQueues")).isEmpty();
		});
		this.contextRunner.withPropertyValues("otel.aws.include-non-bean-clients=true").run((context) -> {
			try (SqsClient notABean = newSqsClient()) {
				notABean.listQueues();
			}
			assertThat(Spans.named(context.getBean(InMemorySpanExporter.class), "Sqs.ListQueues")).hasSize(1);
		});
		// Opting in lasts as long as the context that opted in.
		try (SqsClient afterClose = newSqsClient()) {
			this.contextRunner.run((context) -> {
				afterClose.listQueues();
				assertThat(Spans.named(context.getBean(InMemorySpanExporter.class), "Sqs.ListQueues")).isEmpty();
			});
		}
	}

	@Test
	void whenClientConfigurationCannotBeReadThenItIsTracedThroughAProxyWithTheSameResults() {
		this.contextRunner.withUserConfiguration(WrappedClient.class).run((context) -> {
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			SqsClient client = context.getBean(SqsClient.class);

			Spans.InParent<CreateQueueResponse> created = Spans.inParent(context.getBean(OpenTelemetry.class),
					() -> client.createQueue(CreateQueueRequest.builder().queueName("through-proxy").build()));
			ListQueuesResponse listed = client.listQueues();

			assertThat(created.result().queueUrl()).endsWith("/through-proxy");
			assertThat(listed.queueUrls()).contains(created.result().queueUrl());
			AwsSpans.assertChildOf(Spans.single(exporter, "Sqs.CreateQueue"), created.span());
			AwsSpans.assertSuccessfulCall(Spans.single(exporter, "Sqs.ListQueues"), "Sqs", "ListQueues",
					SpanKind.CLIENT);
			assertThat(context.getBean(AwsClientRegistry.class).client("sqsClient"))
				.hasValueSatisfying((c) -> assertThat(c.mode()).isEqualTo(TracingMode.PROXY));
		});
	}

	@Test
	void whenBeanIsExcludedThenItsCallsAreNotTraced() {
		this.contextRunner.withUserConfiguration(SingleClient.class)
			.withPropertyValues("otel.aws.excluded-beans=sqsClient")
			.run((context) -> {
				context.getBean(SqsClient.class).listQueues();
				assertThat(Spans.named(context.getBean(InMemorySpanExporter.class), "Sqs.ListQueues")).isEmpty();
				assertThat(context.getBean(AwsClientRegistry.class).client("sqsClient"))
					.hasValueSatisfying((c) -> assertThat(c.mode()).isEqualTo(TracingMode.EXCLUDED));
			});
	}

	static SqsClient newSqsClient() {
		return configure(SqsClient.builder()).build();
	}

	static SqsClientBuilder configure(SqsClientBuilder builder) {
		return builder.endpointOverride(LocalAws.sqs())
			.region(LocalAws.REGION)
			.credentialsProvider(LocalAws.CREDENTIALS);
	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderBean {

		@Bean
		SqsClientBuilder sqsClientBuilder() {
			return configure(SqsClient.builder());
		}

		@Bean(destroyMethod = "close")
		SqsClient clientFromBuilder(SqsClientBuilder sqsClientBuilder) {
			return sqsClientBuilder.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SingleClient {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return newSqsClient();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OneClientTwoNames {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return newSqsClient();
		}

		@Bean(destroyMethod = "")
		SqsClient sameSqsClient(SqsClient sqsClient) {
			return sqsClient;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandInstrumentedClient {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient(OpenTelemetry openTelemetry) {
			return configure(SqsClient.builder())
				.overrideConfiguration((o) -> o
					.addExecutionInterceptor(AwsSdkTelemetry.create(openTelemetry).createExecutionInterceptor()))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WrappedClient {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return new ApplicationSqsClient(newSqsClient());
		}

	}

	/**
	 * An application's own client implementation that delegates to an SDK client and does
	 * not expose its configuration.
	 */
	static class ApplicationSqsClient implements SqsClient {

		private final SqsClient delegate;

		ApplicationSqsClient(SqsClient delegate) {
			this.delegate = delegate;
		}

		@Override
		public CreateQueueResponse createQueue(CreateQueueRequest request) {
			return this.delegate.createQueue(request);
		}

		@Override
		public ListQueuesResponse listQueues(software.amazon.awssdk.services.sqs.model.ListQueuesRequest request) {
			return this.delegate.listQueues(request);
		}

		@Override
		public SqsServiceClientConfiguration serviceClientConfiguration() {
			throw new UnsupportedOperationException();
		}

		@Override
		public String serviceName() {
			return SERVICE_NAME;
		}

		@Override
		public void close() {
			this.delegate.close();
		}

	}

}
