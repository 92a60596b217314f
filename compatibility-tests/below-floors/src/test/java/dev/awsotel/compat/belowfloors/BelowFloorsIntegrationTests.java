/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.belowfloors;

import java.util.List;

import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.util.VersionInfo;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose AWS SDK (2.25.47) and OpenTelemetry instrumentation (2.29.0) are
 * just below the starter's floors: it starts, one WARN line names both artifacts and the
 * versions needed, and its calls (an SQS receive among them, which the starter's tracing
 * would fail with a {@code NoSuchMethodError} on this SDK) work, untraced.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class BelowFloorsIntegrationTests {

	private static final ElasticMqServer sqs = ElasticMqServer.start();

	private static final ChildProcessServer dynamoDb = ChildProcessServer.dynalite();

	@AfterAll
	static void stopServers() {
		sqs.close();
		dynamoDb.close();
	}

	@Test
	void startsWarnsOnceAndCallsWorkUntraced(CapturedOutput output) {
		assertThat(VersionInfo.SDK_VERSION).isEqualTo(System.getProperty("below.aws-sdk"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.run()) {
			List<String> warnings = output.getOut().lines().filter((line) -> line.contains("is older than")).toList();
			assertThat(warnings).hasSize(1);
			assertThat(warnings.get(0)).contains(" WARN ")
				.contains("AWS SDK " + System.getProperty("below.aws-sdk"))
				.contains("software.amazon.awssdk:bom 2.25.48 or newer")
				.contains("OpenTelemetry instrumentation " + System.getProperty("below.instrumentation"))
				.contains("io.opentelemetry.instrumentation:opentelemetry-aws-sdk-2.2")
				.contains("opentelemetry-instrumentation-bom 2.31.1 or newer")
				.contains("AWS clients are not traced");
			assertThat(context.getBeanProvider(AwsClientRegistry.class).getIfAvailable()).isNull();

			SqsClient sqsClient = context.getBean(SqsClient.class);
			String queueUrl = sqsClient.createQueue((request) -> request.queueName("below-floors")).queueUrl();
			context.getBean(SqsAsyncClient.class)
				.sendMessage((request) -> request.queueUrl(queueUrl).messageBody("order 1"))
				.join();
			List<Message> received = sqsClient
				.receiveMessage((request) -> request.queueUrl(queueUrl).waitTimeSeconds(5))
				.messages();
			assertThat(received).extracting(Message::body).containsExactly("order 1");
			assertThat(context.getBean(DynamoDbClient.class).listTables().tableNames()).isNotNull();
			assertThat(context.getBean(InMemorySpanExporter.class).getFinishedSpanItems()).isEmpty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(InMemorySpanExporter spanExporter) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
				.setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
				.build();
		}

		@Bean
		SqsClient sqsClient() {
			return SqsClient.builder()
				.endpointOverride(sqs.endpoint())
				.region(Region.EU_WEST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
				.build();
		}

		@Bean
		SqsAsyncClient sqsAsyncClient() {
			return SqsAsyncClient.builder()
				.endpointOverride(sqs.endpoint())
				.region(Region.EU_WEST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
				.build();
		}

		@Bean
		DynamoDbClient dynamoDbClient() {
			return DynamoDbClient.builder()
				.endpointOverride(dynamoDb.endpoint())
				.region(Region.EU_WEST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
				.build();
		}

	}

}
