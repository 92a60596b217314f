/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.messaging.SqsMessagePropagation;
import dev.awsotel.spring.autoconfigure.internal.messaging.SqsReceiveHandover;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import io.awspring.cloud.sqs.support.observation.SqsListenerObservation;
import io.awspring.cloud.sqs.support.observation.SqsTemplateObservation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqsListenerTracingAutoConfiguration}: which factories get the
 * interceptor, and what the interceptor does with one message. The whole path, with a
 * real {@code @SqsListener} and ElasticMQ, is in the {@code spring-cloud-aws}
 * compatibility module.
 *
 * @author aws-otel-spring-boot authors
 */
class SqsListenerTracingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(AwsOtelAutoConfiguration.class, SqsListenerTracingAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
		.withBean("defaultSqsListenerContainerFactory", SqsMessageListenerContainerFactory.class,
				SqsMessageListenerContainerFactory::new);

	@Test
	void whenSpringCloudAwsIsPresentThenEveryListenerContainerFactoryGetsTheInterceptorOnce() {
		this.contextRunner
			.withBean("ordersFactory", SqsMessageListenerContainerFactory.class,
					SqsMessageListenerContainerFactory::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(SqsListenerTracingPostProcessor.class);
				assertThat(context.getBeansOfType(SqsMessageListenerContainerFactory.class).values()).hasSize(2)
					.allSatisfy((factory) -> assertThat(interceptorsOf(factory))
						.filteredOn(SqsListenerTracing.class::isInstance)
						.hasSize(1));
			});
	}

	@Test
	void whenSpringCloudAwsIsAbsentThenNothingIsRegistered() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AwsOtelAutoConfiguration.class, SqsListenerTracingAutoConfiguration.class))
			.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class)
			.withClassLoader(new FilteredClassLoader("io.awspring.cloud"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SqsListenerTracingPostProcessor.class));
	}

	@Test
	void springCloudAwsObservationsOfSendsAndListenersAreTakenFromMicrometerTracing() {
		this.contextRunner.run((context) -> {
			SpringCloudAwsObservationSpans handler = context.getBean(SpringCloudAwsObservationSpans.class);
			Message<Object> message = MessageBuilder.withPayload((Object) "order")
				.setHeader(SqsHeaders.SQS_QUEUE_NAME_HEADER, "orders")
				.build();
			assertThat(handler.supportsContext(new SqsTemplateObservation.Context(message, "orders"))).isTrue();
			assertThat(handler.supportsContext(new SqsListenerObservation.Context(message))).isTrue();
			assertThat(handler.supportsContext(new Observation.Context())).isFalse();
			// First among Spring Boot's tracing handlers (receiver 1000, sender 2000).
			assertThat(handler.getOrder()).isLessThan(1000);
		});
	}

	@Test
	void aSpringCloudAwsObservationInScopeOpensNoSpanAndLeavesTheCurrentSpanCurrent() {
		this.contextRunner.run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(context.getBean(SpringCloudAwsObservationSpans.class));
			SqsListenerObservation.Context observed = new SqsListenerObservation.Context(
					MessageBuilder.withPayload((Object) "order")
						.setHeader(SqsHeaders.SQS_QUEUE_NAME_HEADER, "orders")
						.build());
			Span process = openTelemetry.getTracer("test").spanBuilder("orders process").startSpan();
			try (Scope scope = process.makeCurrent()) {
				Observation observation = Observation.start("spring.aws.sqs.listener", () -> observed, registry);
				try (Observation.Scope observationScope = observation.openScope()) {
					assertThat(Span.current()).isSameAs(process);
				}
				observation.error(new IllegalStateException("failed"));
				observation.stop();
				assertThat(Span.current()).isSameAs(process);
			}
			finally {
				process.end();
			}
			// An empty tracing context, as Micrometer Tracing's meter handler expects.
			TracingObservationHandler.TracingContext tracing = observed
				.get(TracingObservationHandler.TracingContext.class);
			assertThat(tracing).isNotNull();
			assertThat(tracing.getSpan()).isNull();
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).extracting(SpanData::getName)
				.containsExactly("orders process");
		});
	}

	@Test
	void whenMicrometerTracingIsAbsentThenSpringCloudAwsObservationsAreLeftAlone() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
			.run((context) -> assertThat(context).hasSingleBean(SqsListenerTracingPostProcessor.class)
				.doesNotHaveBean(SpringCloudAwsObservationSpans.class));
	}

	@Test
	void whenSqsPropagationIsOffThenFactoriesAreLeftAlone() {
		this.contextRunner.withPropertyValues("otel.aws.sqs.propagation=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SqsListenerTracingPostProcessor.class)
				.doesNotHaveBean(SpringCloudAwsObservationSpans.class);
			assertThat(interceptorsOf(context.getBean(SqsMessageListenerContainerFactory.class))).isEmpty();
		});
	}

	@Test
	void whenTracingIsOffThenFactoriesAreLeftAlone() {
		this.contextRunner.withPropertyValues("otel.aws.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SqsListenerTracingPostProcessor.class));
	}

	@Test
	void listenerRunsInsideAProcessSpanThatContinuesTheProducersTraceAndRecordsItsFailure() {
		this.contextRunner.run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			MessageInterceptor<Object> interceptor = interceptorsOf(
					context.getBean(SqsMessageListenerContainerFactory.class))
				.iterator()
				.next();
			Span producer = openTelemetry.getTracer("test").spanBuilder("producer").startSpan();
			Message<Object> message = received(openTelemetry, producer, "m-1");
			producer.end();

			Message<Object> intercepted = interceptor.intercept(message);
			// No header of the starter's: a message the listener sends on carries none.
			assertThat(intercepted).isSameAs(message);
			Span current = Span.current();
			assertThat(current.getSpanContext().getTraceId()).isEqualTo(producer.getSpanContext().getTraceId());
			interceptor.afterProcessing(intercepted, new IllegalStateException("cannot process"));
			assertThat(Span.current().getSpanContext().isValid()).isFalse();

			SpanData process = spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals("orders process"))
				.findFirst()
				.orElseThrow();
			assertThat(process.getSpanId()).isEqualTo(current.getSpanContext().getSpanId());
			assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(process.getParentSpanId()).isEqualTo(producer.getSpanContext().getSpanId());
			assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(process.getEvents()).hasSize(1);
		});
	}

	@Test
	void aMessageWithoutItsSqsSourceIsPassedOnAsItIs() {
		this.contextRunner.run((context) -> {
			MessageInterceptor<Object> interceptor = interceptorsOf(
					context.getBean(SqsMessageListenerContainerFactory.class))
				.iterator()
				.next();
			Message<Object> message = MessageBuilder.withPayload((Object) "order").build();
			assertThat(interceptor.intercept(message)).isSameAs(message);
			interceptor.afterProcessing(message, null);
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void aContainerBeanBuiltByHandGetsTheInterceptorOnce() {
		this.contextRunner.withBean("handBuilt", SqsMessageListenerContainer.class,
				() -> SqsMessageListenerContainer.builder()
					.sqsAsyncClient(SqsAsyncClient.builder().region(Region.EU_WEST_1).build())
					.queueNames("orders")
					.messageListener((message) -> {
					})
					.configure((options) -> options.autoStartup(false))
					.build())
			.run((context) -> assertThat(
					((SqsMessageListenerContainer<?>) context.getBean("handBuilt")).getMessageInterceptors())
				.hasSize(1));
	}

	@Test
	void aMessageInterceptedTwiceRunsInOneProcessSpan() {
		// A container bean built from a factory bean has the interceptor from both.
		this.contextRunner.run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			MessageInterceptor<Object> interceptor = interceptorOf(context);
			Span producer = openTelemetry.getTracer("test").spanBuilder("producer").startSpan();
			Message<Object> message = received(openTelemetry, producer, "m-1");
			producer.end();

			interceptor.intercept(interceptor.intercept(message));
			Span current = Span.current();
			interceptor.afterProcessing(message, null);
			assertThat(Span.current()).as("open until the outer interceptor ends it").isSameAs(current);
			interceptor.afterProcessing(message, null);
			assertThat(Span.current().getSpanContext().isValid()).isFalse();

			assertThat(spans.getFinishedSpanItems()).filteredOn((span) -> span.getName().equals("orders process"))
				.singleElement()
				.satisfies((process) -> {
					assertThat(process.getSpanId()).isEqualTo(current.getSpanContext().getSpanId());
					assertThat(process.getParentSpanId()).isEqualTo(producer.getSpanContext().getSpanId());
				});
		});
	}

	@Test
	void aBatchRunsInsideOneProcessSpanLinkedToEachProducer() {
		this.contextRunner.run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			MessageInterceptor<Object> interceptor = interceptorOf(context);
			Span first = openTelemetry.getTracer("test").spanBuilder("first producer").startSpan();
			Span second = openTelemetry.getTracer("test").spanBuilder("second producer").startSpan();
			first.end();
			second.end();
			List<Message<Object>> batch = List.of(received(openTelemetry, first, "m-1"),
					received(openTelemetry, second, "m-2"), received(openTelemetry, null, "m-3"));
			spans.reset();

			Span poller = openTelemetry.getTracer("test").spanBuilder("poll").startSpan();
			Span current;
			try (Scope scope = poller.makeCurrent()) {
				assertThat(interceptor.intercept(batch)).isSameAs(batch);
				current = Span.current();
				interceptor.afterProcessing(batch, new CompletionException(new IllegalStateException("bad batch")));
				assertThat(Span.current()).isSameAs(poller);
			}
			finally {
				poller.end();
			}

			SpanData process = spans.getFinishedSpanItems()
				.stream()
				.filter((span) -> span.getName().equals("orders process"))
				.collect(Collectors.collectingAndThen(Collectors.toList(), (found) -> {
					assertThat(found).hasSize(1);
					return found.get(0);
				}));
			assertThat(process.getSpanId()).isEqualTo(current.getSpanContext().getSpanId());
			assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
			// Child of what was current where the batch arrived, not of one producer.
			assertThat(process.getParentSpanId()).isEqualTo(poller.getSpanContext().getSpanId());
			assertThat(process.getAttributes().get(AttributeKey.longKey("messaging.batch.message_count")))
				.isEqualTo(3L);
			// The old messaging conventions, OpenTelemetry's default: not mixed with the
			// new ones' messaging.operation.type.
			assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.operation"))).isEqualTo("process");
			assertThat(process.getAttributes().get(AttributeKey.stringKey("messaging.operation.type"))).isNull();
			assertThat(process.getLinks()).hasSize(2);
			assertThat(process.getLinks().get(0).getSpanContext().getSpanId())
				.isEqualTo(first.getSpanContext().getSpanId());
			assertThat(process.getLinks().get(0).getSpanContext().getTraceId())
				.isEqualTo(first.getSpanContext().getTraceId());
			assertThat(process.getLinks().get(0).getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
				.isEqualTo("m-1");
			assertThat(process.getLinks().get(1).getSpanContext().getSpanId())
				.isEqualTo(second.getSpanContext().getSpanId());
			assertThat(process.getLinks().get(1).getSpanContext().getTraceId())
				.isEqualTo(second.getSpanContext().getTraceId());
			assertThat(process.getLinks().get(1).getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
				.isEqualTo("m-2");
			assertThat(process.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
			assertThat(process.getEvents()).singleElement()
				.satisfies((event) -> assertThat(event.getAttributes().get(AttributeKey.stringKey("exception.type")))
					.isEqualTo(IllegalStateException.class.getName()));
		});
	}

	@Test
	void aBatchWithoutSqsSourcesIsPassedOnAsItIs() {
		this.contextRunner.run((context) -> {
			MessageInterceptor<Object> interceptor = interceptorOf(context);
			List<Message<Object>> batch = List.of(MessageBuilder.withPayload((Object) "order").build());
			assertThat(interceptor.intercept(batch)).isSameAs(batch);
			assertThat(Span.current().getSpanContext().isValid()).isFalse();
			interceptor.afterProcessing(batch, null);
			assertThat(interceptor.intercept(List.<Message<Object>>of())).isEmpty();
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).isEmpty();
		});
	}

	@Test
	void withPropagationOffTheInterceptorLeavesTheCurrentSpanAlone() {
		this.contextRunner.run((context) -> {
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			SqsListenerTracing interceptor = new SqsListenerTracing(new SqsMessagePropagation(null));
			Message<Object> message = received(openTelemetry, null, "m-1");
			Span caller = openTelemetry.getTracer("test").spanBuilder("caller").startSpan();
			try (Scope scope = caller.makeCurrent()) {
				interceptor.intercept(message);
				interceptor.afterProcessing(message, new IllegalStateException("cannot process"));
				interceptor.intercept(List.of(message));
				interceptor.afterProcessing(List.of(message), null);
				assertThat(Span.current()).isSameAs(caller);
			}
			assertThat(spans.getFinishedSpanItems()).isEmpty();
			caller.end();
			assertThat(spans.getFinishedSpanItems()).singleElement()
				.satisfies((span) -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));
		});
	}

	private static MessageInterceptor<Object> interceptorOf(org.springframework.context.ApplicationContext context) {
		return interceptorsOf(context.getBean(SqsMessageListenerContainerFactory.class)).iterator().next();
	}

	private static Message<Object> received(OpenTelemetry openTelemetry, Span producer, String messageId) {
		Map<String, MessageAttributeValue> attributes = new java.util.HashMap<>();
		TextMapSetter<Map<String, MessageAttributeValue>> setter = (carrier, key, value) -> carrier.put(key,
				MessageAttributeValue.builder().dataType("String").stringValue(value).build());
		if (producer != null) {
			try (Scope scope = producer.makeCurrent()) {
				openTelemetry.getPropagators().getTextMapPropagator().inject(Context.current(), attributes, setter);
			}
		}
		software.amazon.awssdk.services.sqs.model.Message sqsMessage = software.amazon.awssdk.services.sqs.model.Message
			.builder()
			.messageId(messageId)
			.body("order")
			.messageAttributes(attributes)
			.build();
		return MessageBuilder.withPayload((Object) "order")
			.setHeader(SqsHeaders.SQS_SOURCE_DATA_HEADER, sqsMessage)
			.setHeader(SqsHeaders.SQS_QUEUE_NAME_HEADER, "orders")
			.build();
	}

	@Test
	void theClientsOfListenerContainersLeaveTheirReceivesToSpringCloudAwsAndOtherClientsKeepTheHandover() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(AwsOtelAutoConfiguration.class, SqsListenerTracingAutoConfiguration.class))
			.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, ListenerClients.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// Injected into a container factory and into a container built by hand:
				// Spring Cloud AWS receives through them and opens the process spans.
				assertThat(SqsReceiveHandover.receivesLeftToFramework(context.getBean("factoryClient"))).isTrue();
				assertThat(SqsReceiveHandover.receivesLeftToFramework(context.getBean("containerClient"))).isTrue();
				// The application's own client keeps the hand-over of its receives.
				assertThat(SqsReceiveHandover.receivesLeftToFramework(context.getBean("applicationClient"))).isFalse();
			});
	}

	@SuppressWarnings("unchecked")
	private static Collection<MessageInterceptor<Object>> interceptorsOf(Object factory) {
		return (Collection<MessageInterceptor<Object>>) ReflectionTestUtils.getField(factory, "messageInterceptors");
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerClients {

		@Bean(destroyMethod = "close")
		SqsAsyncClient factoryClient() {
			return client();
		}

		@Bean(destroyMethod = "close")
		SqsAsyncClient containerClient() {
			return client();
		}

		@Bean(destroyMethod = "close")
		SqsAsyncClient applicationClient() {
			return client();
		}

		@Bean
		SqsMessageListenerContainerFactory<Object> ordersFactory(SqsAsyncClient factoryClient) {
			SqsMessageListenerContainerFactory<Object> factory = new SqsMessageListenerContainerFactory<>();
			factory.setSqsAsyncClient(factoryClient);
			return factory;
		}

		@Bean
		SqsMessageListenerContainer<Object> ordersContainer(SqsAsyncClient containerClient) {
			return SqsMessageListenerContainer.builder()
				.sqsAsyncClient(containerClient)
				.queueNames("orders")
				.configure((options) -> options.autoStartup(false))
				.messageListener((message) -> {
				})
				.build();
		}

		private static SqsAsyncClient client() {
			return LocalAws.configure(SqsAsyncClient.builder(), LocalAws.sqs()).build();
		}

	}

}
