/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.util.Locale;

import dev.awsotel.spring.autoconfigure.internal.decorate.AsyncCallbackContext;
import dev.awsotel.spring.autoconfigure.internal.decorate.AwsClientBeanPostProcessor;
import dev.awsotel.spring.autoconfigure.internal.decorate.AwsClientDecorator;
import dev.awsotel.spring.autoconfigure.internal.decorate.TracedClientCustomizer;
import dev.awsotel.spring.autoconfigure.internal.decorate.TracingFeatures;
import dev.awsotel.spring.autoconfigure.internal.genai.BedrockRuntimeTracing;
import dev.awsotel.spring.autoconfigure.internal.messaging.LambdaClientContextPropagation;
import dev.awsotel.spring.autoconfigure.internal.messaging.MessagePropagation;
import dev.awsotel.spring.autoconfigure.internal.messaging.ProcessSpanParent;
import dev.awsotel.spring.autoconfigure.internal.messaging.ProcessingMetrics;
import dev.awsotel.spring.autoconfigure.internal.messaging.SnsMessagePropagation;
import dev.awsotel.spring.autoconfigure.internal.messaging.SqsMessagePropagation;
import dev.awsotel.spring.autoconfigure.internal.messaging.SqsReceiveHandover;
import dev.awsotel.spring.autoconfigure.internal.metrics.AwsCallMetrics;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.semconv.SemanticConventions;
import dev.awsotel.spring.autoconfigure.internal.semconv.SemconvOptIn;
import dev.awsotel.spring.autoconfigure.internal.trace.AttemptMode;
import dev.awsotel.spring.autoconfigure.internal.trace.AwsTracingInterceptor;
import dev.awsotel.spring.autoconfigure.internal.trace.CallTimeoutWatch;
import dev.awsotel.spring.autoconfigure.internal.trace.TracingExtension;
import dev.awsotel.spring.autoconfigure.internal.upstream.OnSupportedUpstreamVersionsCondition;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.config.IncludeExclude;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetryBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} that traces every AWS SDK for Java v2 client bean with the
 * application's {@link OpenTelemetry}.
 *
 * @author aws-otel-spring-boot authors
 */
// After whichever declares the OpenTelemetry bean: the OpenTelemetry starter, Spring Boot
// 4's own support, or Spring Boot 3.5's (Actuator); otherwise the conditions on that bean
// would be evaluated before it exists.
@AutoConfiguration(afterName = { "io.opentelemetry.instrumentation.spring.autoconfigure.OpenTelemetryAutoConfiguration",
		"org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration" })
@ConditionalOnClass({ SdkClient.class, AwsSdkTelemetry.class, OpenTelemetry.class })
@ConditionalOnAwsTracingEnabled
// Below the AWS SDK or instrumentation floor: one WARN line, nothing traced, calls work.
@Conditional(OnSupportedUpstreamVersionsCondition.class)
@EnableConfigurationProperties(AwsOtelProperties.class)
@ImportRuntimeHints(AwsOtelRuntimeHints.class)
public final class AwsOtelAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AwsClientRegistry awsClientRegistry() {
		return new AwsClientRegistry();
	}

	// Static, and with providers only, so that declaring it initialises nothing early:
	// otherwise beans it depends on would not be eligible for all post-processors.
	@Bean
	@ConditionalOnMissingBean
	static AwsClientBeanPostProcessor awsClientBeanPostProcessor(ObjectProvider<AwsClientDecorator> decorator) {
		return new AwsClientBeanPostProcessor(decorator);
	}

	// The conventions OpenTelemetry's instrumentation uses in this JVM, checked against
	// what the environment asks for (one WARN line when they differ): the starter's own
	// spans and metrics follow them.
	@Bean
	@ConditionalOnBean(OpenTelemetry.class)
	SemanticConventions awsSemanticConventions(ConfigurableEnvironment environment, UpstreamInternals internals) {
		return SemconvOptIn.check(environment, internals.available(UpstreamInternals.Reliance.SEMCONV_STABILITY)
				? SemanticConventions.inLibrary() : null);
	}

	// What the starter relies on of what the AWS SDK and OpenTelemetry do not publish,
	// checked once: one WARN line for each feature off.
	@Bean
	@ConditionalOnMissingBean
	UpstreamInternals awsOtelUpstreamInternals() {
		return UpstreamInternals.check(AwsOtelAutoConfiguration.class.getClassLoader());
	}

	static IncludeExclude headers(AwsOtelProperties properties) {
		return IncludeExclude.builder()
			.setIncluded(properties.getMessaging().getHeaders().getIncluded())
			.setExcluded(properties.getMessaging().getHeaders().getExcluded())
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OpenTelemetry.class)
	static class TracingConfiguration {

		// One AwsSdkTelemetry for the interceptor and the client wrappers that need it:
		// the Bedrock Runtime wrapper emits the events of a stream the interceptor
		// traces, with the same settings.
		@Bean
		StarterAwsSdkTelemetry awsOtelSdkTelemetry(OpenTelemetry openTelemetry, AwsOtelProperties properties,
				ObjectProvider<AwsSdkTelemetryBuilderCustomizer> customizers) {
			AwsSdkTelemetryBuilder builder = AwsSdkTelemetry.builder(openTelemetry)
				.setCaptureExperimentalSpanAttributes(properties.isExperimentalSpanAttributes())
				.setUseConfiguredPropagatorForMessaging(properties.isExperimentalUsePropagatorForMessaging())
				.setRecordIndividualHttpError(properties.isRecordIndividualHttpError())
				.setMessagingReceiveTelemetryEnabled(properties.getMessaging().isReceiveTelemetry())
				.setHeaders(headers(properties))
				.setGenaiCaptureMessageContent(properties.getGenai().isCaptureMessageContent());
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return new StarterAwsSdkTelemetry(builder.build());
		}

		// The context's own: its thread, started by the first async call with a call
		// timeout, stops when the context closes (close() is the inferred destroy
		// method).
		@Bean
		CallTimeoutWatch awsCallTimeoutWatch() {
			return new CallTimeoutWatch();
		}

		@Bean
		@ConditionalOnMissingBean
		AwsClientDecorator awsClientDecorator(OpenTelemetry openTelemetry, AwsOtelProperties properties,
				AwsClientRegistry registry, StarterAwsSdkTelemetry telemetry, CallTimeoutWatch callTimeoutWatch,
				ObjectProvider<TracingExtension> extensions, ObjectProvider<TracedClientCustomizer> clientCustomizers,
				UpstreamInternals internals) {
			ExecutionInterceptor tracing = new AwsTracingInterceptor(telemetry.telemetry().createExecutionInterceptor(),
					extensions.orderedStream().toList(), AttemptMode.valueOf(properties.getAttempts().name()),
					openTelemetry.getTracer("dev.awsotel.aws-sdk-attempts"), internals, callTimeoutWatch);
			TracingFeatures features = new TracingFeatures(properties.isExperimentalSpanAttributes(),
					properties.getSqs().isPropagation(), properties.getSns().isPropagation(),
					properties.getLambda().isPropagation(), properties.getAttempts().name().toLowerCase(Locale.ROOT),
					properties.getMetrics().isEnabled());
			return new AwsClientDecorator(tracing, registry, properties.getExcludedBeans(),
					properties.isIncludeNonBeanClients(), clientCustomizers.orderedStream().toList(), features,
					internals);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OpenTelemetry.class)
	@ConditionalOnClass(name = "software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient")
	static class BedrockRuntimeConfiguration {

		@Bean
		@ConditionalOnMissingBean
		BedrockRuntimeTracing bedrockRuntimeTracing(StarterAwsSdkTelemetry telemetry, AwsOtelProperties properties) {
			return new BedrockRuntimeTracing(telemetry.telemetry(), properties.getAsync().isCallbackContext());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OpenTelemetry.class)
	@ConditionalOnBooleanProperty(name = "otel.aws.async.callback-context", matchIfMissing = true)
	static class AsyncCallbackContextConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AsyncCallbackContext awsAsyncCallbackContext(UpstreamInternals internals) {
			return new AsyncCallbackContext(internals);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OpenTelemetry.class)
	@ConditionalOnBooleanProperty(name = "otel.aws.metrics.enabled", matchIfMissing = true)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AwsCallMetrics awsCallMetrics(OpenTelemetry openTelemetry, SemanticConventions conventions) {
			return new AwsCallMetrics(openTelemetry, conventions);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OpenTelemetry.class)
	@ConditionalOnClass(name = "software.amazon.awssdk.services.lambda.LambdaClient")
	static class LambdaConfiguration {

		// Present with propagation off too: it then undoes what OpenTelemetry's
		// interceptor would add through the global propagators.
		@Bean
		@ConditionalOnMissingBean
		LambdaClientContextPropagation lambdaClientContextPropagation(OpenTelemetry openTelemetry,
				AwsOtelProperties properties) {
			return new LambdaClientContextPropagation(properties.getLambda().isPropagation() ? openTelemetry : null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(OpenTelemetry.class)
	@ConditionalOnClass(name = "io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator")
	static class MessagingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MessagePropagation awsMessagePropagation(OpenTelemetry openTelemetry, AwsOtelProperties properties,
				SemanticConventions conventions) {
			// The stable messaging conventions' consumer metrics, as OpenTelemetry's
			// instrumentation records them from its process spans; with the starter's
			// other metrics, off with otel.aws.metrics.enabled=false.
			ProcessingMetrics metrics = (conventions.messaging().stable() && properties.getMetrics().isEnabled())
					? new ProcessingMetrics(openTelemetry) : null;
			return new MessagePropagation(openTelemetry,
					ProcessSpanParent.valueOf(properties.getSqs().getProcessSpanParent().name()), conventions,
					properties.isExperimentalSpanAttributes(), headers(properties), metrics);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "software.amazon.awssdk.services.sqs.SqsClient")
		static class SqsMessagingConfiguration {

			// Present with propagation off too: it then undoes what OpenTelemetry's
			// interceptor would add, so that no attribute is added or requested.
			@Bean
			@ConditionalOnMissingBean
			SqsMessagePropagation sqsMessagePropagation(MessagePropagation propagation, AwsOtelProperties properties,
					ObjectProvider<AwsSdkTelemetryBuilderCustomizer> customizers) {
				// OpenTelemetry's interceptor makes its own list of a receive's messages
				// (for its wrap() and its receive span); the starter hands over its own.
				// With no receive span, which a customizer could turn on, it is unused.
				boolean upstreamListUnused = !properties.getMessaging().isReceiveTelemetry()
						&& customizers.orderedStream().findAny().isEmpty();
				return new SqsMessagePropagation(propagation, properties.getSqs().isPropagation(), upstreamListUnused);
			}

			@Bean
			@ConditionalOnMissingBean
			@ConditionalOnBooleanProperty(name = "otel.aws.sqs.propagation", matchIfMissing = true)
			SqsReceiveHandover sqsReceiveHandover(UpstreamInternals internals) {
				return new SqsReceiveHandover(internals);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = "software.amazon.awssdk.services.sns.SnsClient")
		static class SnsMessagingConfiguration {

			@Bean
			@ConditionalOnMissingBean
			SnsMessagePropagation snsMessagePropagation(MessagePropagation propagation, AwsOtelProperties properties) {
				return new SnsMessagePropagation(propagation, properties.getSns().isPropagation());
			}

		}

	}

}
