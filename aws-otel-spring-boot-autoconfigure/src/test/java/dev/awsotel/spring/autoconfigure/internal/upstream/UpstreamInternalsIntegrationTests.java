/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.upstream;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint.UnavailableFeatureDescriptor;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpointAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals.Reliance;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each reliance of {@link UpstreamInternals} made unavailable, as if the versions on the
 * class path no longer had it: the application starts, one WARN line names the feature
 * that is off and why, {@code /actuator/awsclients} lists it, and calls on ElasticMQ
 * still succeed and are traced as far as the reliance allows.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamInternalsIntegrationTests {

	private static final AttributeKey<String> AWS_REGION = AttributeKey.stringKey("aws.region");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(AwsOtelAutoConfiguration.class, AwsClientsEndpointAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SqsClients.class)
		.withPropertyValues("management.endpoints.web.exposure.include=awsclients");

	@Test
	void withTheVersionsOfTheBuildEveryRelianceHolds(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(UpstreamInternals.class).unavailable()).isEmpty();
			assertThat(context.getBean(AwsClientsEndpoint.class).clients().unavailableFeatures()).isEmpty();
			Calls calls = sendAndReceive(context, "all-on");
			assertThat(calls.send().getAttributes().get(AWS_REGION)).isEqualTo(LocalAws.REGION.id());
			assertThat(Spans.named(exporter(context), "all-on process")).hasSize(1);
		});
		assertThat(warnLines(output)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Reliance.class)
	void whenARelianceIsUnavailableThenTheAppStartsWarnsOnceShowsItAndStillTraces(Reliance reliance,
			CapturedOutput output) {
		String queue = "off-" + reliance.feature();
		this.contextRunner
			.withBean(UpstreamInternals.class,
					() -> new UpstreamInternals(getClass().getClassLoader(), EnumSet.of(reliance)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(AwsClientsEndpoint.class).clients().unavailableFeatures()).singleElement()
					.satisfies((off) -> assertOff(off, reliance));

				Calls calls = sendAndReceive(context, queue);

				assertThat(calls.handled()).containsExactly("order 1");
				// The upstream library's span of each call is there, whatever is off.
				assertThat(calls.send().getParentSpanContext().isValid()).isTrue();
				assertThat(calls.send().getAttributes().get(AWS_REGION))
					.isEqualTo((reliance != Reliance.CALL_SPAN) ? LocalAws.REGION.id() : null);
				List<SpanData> process = Spans.named(exporter(context), queue + " process");
				if (reliance == Reliance.SQS_MESSAGES_HANDOVER) {
					// The SDK's own list: the messages, without process spans.
					assertThat(process).isEmpty();
				}
				else if (reliance != Reliance.CALL_SPAN) {
					assertThat(process).singleElement()
						.satisfies((span) -> assertThat(span.getTraceId()).isEqualTo(calls.send().getTraceId()));
				}
			});
		assertThat(warnLines(output)).singleElement()
			.satisfies((line) -> assertThat(line).contains("Feature '" + reliance.feature() + "' is off"));
	}

	@Test
	void whenTheNamesTheStarterRecognisesClientsByChangeThenOnlyThoseRecognitionsAreOff() throws Exception {
		ClassLoader classLoader = getClass().getClassLoader();
		ExecutionInterceptor library = AwsSdkTelemetry.create(OpenTelemetry.noop()).createExecutionInterceptor();
		Class<?> generated = Class.forName("software.amazon.awssdk.services.sqs.DefaultSqsAsyncClient");
		UpstreamInternals all = UpstreamInternals.check(classLoader);
		assertThat(all.isOpenTelemetryInterceptor(library)).isTrue();
		assertThat(all.isGeneratedAsyncClient(generated)).isTrue();
		assertThat(all.isGeneratedAsyncClient(SqsAsyncClient.class)).isFalse();
		UpstreamInternals renamed = new UpstreamInternals(classLoader,
				EnumSet.of(Reliance.INTERCEPTOR_NAME, Reliance.GENERATED_ASYNC_CLIENTS));
		// The interceptor AwsSdkTelemetry makes is still known by its class.
		assertThat(renamed.isOpenTelemetryInterceptor(library)).isTrue();
		assertThat(renamed.isGeneratedAsyncClient(generated)).isFalse();
	}

	private static void assertOff(UnavailableFeatureDescriptor off, Reliance reliance) {
		assertThat(off.feature()).isEqualTo(reliance.feature());
		assertThat(off.reason()).isNotBlank();
		assertThat(off.effect()).isEqualTo(reliance.effect());
	}

	private static List<String> warnLines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(" WARN ")).toList();
	}

	private static Calls sendAndReceive(AssertableApplicationContext context, String queue) {
		SqsClient sqs = context.getBean(SqsClient.class);
		String queueUrl = sqs.createQueue((q) -> q.queueName(queue)).queueUrl();
		OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
		Spans.runInParent(openTelemetry, () -> sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1")));
		SpanData send = Spans.single(exporter(context), queue + " publish");
		ReceiveMessageResponse response = sqs
			.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).messageAttributeNames("All"));
		// What the caller gets equals what the SDK made: the same messages, HTTP
		// response and metadata (toBuilder copies the list into a plain one).
		assertThat(response).isEqualTo(response.toBuilder().build());
		assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(200);
		assertThat(response.responseMetadata().requestId()).isNotBlank();
		List<String> handled = new ArrayList<>();
		for (Message message : response.messages()) {
			handled.add(message.body());
		}
		return new Calls(send, handled);
	}

	private static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	private record Calls(SpanData send, List<String> handled) {
	}

	@Configuration(proxyBeanMethods = false)
	static class SqsClients {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

}
