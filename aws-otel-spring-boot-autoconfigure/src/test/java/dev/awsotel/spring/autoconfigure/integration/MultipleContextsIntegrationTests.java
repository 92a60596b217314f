/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.util.Map;
import java.util.TreeMap;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.decorate.DeferredTracingInterceptor;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several application contexts alive at once in one JVM, as Spring's test framework keeps
 * them in its context cache: each with its own {@code OpenTelemetry} and exporter, and
 * its own client beans. Every call is exported once, by the context its client belongs
 * to; clients that are not beans go to the live context that opted in last; closing a
 * context leaves the others fully traced. Calls go to ElasticMQ and dynalite.
 *
 * @author aws-otel-spring-boot authors
 */
class MultipleContextsIntegrationTests {

	// Bean clients list; the client that is not a bean creates a queue: the span name
	// tells which client made the call.
	private static final String BEAN_SQS = "Sqs.ListQueues";

	private static final String BEAN_DYNAMODB = "DynamoDb.ListTables";

	private static final String NON_BEAN_SQS = "Sqs.CreateQueue";

	@BeforeAll
	static void startServers() {
		LocalAws.sqs();
		LocalAws.dynamoDb();
	}

	@Test
	void whenTwoContextsLiveAtOnceThenEachCallIsExportedOnceByItsOwnContext() {
		int optedInBefore = DeferredTracingInterceptor.contextsTracingClientsNotArmed();
		try (SqsClient notABean = LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build()) {
			ConfigurableApplicationContext optedIn = start(true);
			ConfigurableApplicationContext other = start(false);
			try {
				InMemorySpanExporter optedInSpans = optedIn.getBean(InMemorySpanExporter.class);
				InMemorySpanExporter otherSpans = other.getBean(InMemorySpanExporter.class);

				optedIn.getBean(SqsClient.class).listQueues();
				optedIn.getBean(DynamoDbClient.class).listTables();
				other.getBean(SqsClient.class).listQueues();
				other.getBean(DynamoDbClient.class).listTables();
				notABean.createQueue((q) -> q.queueName("not-a-bean"));

				assertThat(counts(optedInSpans)).as("opted-in context's spans")
					.isEqualTo(Map.of(BEAN_SQS, 1, BEAN_DYNAMODB, 1, NON_BEAN_SQS, 1));
				assertThat(counts(otherSpans)).as("other context's spans")
					.isEqualTo(Map.of(BEAN_SQS, 1, BEAN_DYNAMODB, 1));
				assertThat(DeferredTracingInterceptor.contextsTracingClientsNotArmed()).isEqualTo(optedInBefore + 1);
				// Its exporter forgets its spans when it shuts down with the context.
				Map<String, Integer> optedInCounts = counts(optedInSpans);

				optedIn.close();
				assertThat(DeferredTracingInterceptor.contextsTracingClientsNotArmed()).isEqualTo(optedInBefore);

				other.getBean(SqsClient.class).listQueues();
				other.getBean(DynamoDbClient.class).listTables();
				notABean.createQueue((q) -> q.queueName("not-a-bean"));

				// The survivor did not opt in: the client that is not a bean is untraced,
				// exactly as with the option off.
				assertThat(counts(otherSpans)).as("other context's spans after the first closed")
					.isEqualTo(Map.of(BEAN_SQS, 2, BEAN_DYNAMODB, 2));
				print("two contexts, one opted in: 8 calls, 7 to trace (the last call of the client that is not a bean stays untraced)",
						optedInCounts, counts(otherSpans));
			}
			finally {
				optedIn.close();
				other.close();
			}
		}
	}

	@Test
	void whenBothContextsOptInThenTheLaterTracesClientsThatAreNotBeansUntilItCloses() {
		int optedInBefore = DeferredTracingInterceptor.contextsTracingClientsNotArmed();
		try (SqsClient notABean = LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build()) {
			ConfigurableApplicationContext earlier = start(true);
			ConfigurableApplicationContext later = start(true);
			try {
				InMemorySpanExporter earlierSpans = earlier.getBean(InMemorySpanExporter.class);
				InMemorySpanExporter laterSpans = later.getBean(InMemorySpanExporter.class);
				assertThat(DeferredTracingInterceptor.contextsTracingClientsNotArmed()).isEqualTo(optedInBefore + 2);

				notABean.createQueue((q) -> q.queueName("not-a-bean"));
				earlier.getBean(SqsClient.class).listQueues();
				later.getBean(SqsClient.class).listQueues();

				assertThat(counts(earlierSpans)).as("earlier context's spans").isEqualTo(Map.of(BEAN_SQS, 1));
				assertThat(counts(laterSpans)).as("later context's spans")
					.isEqualTo(Map.of(BEAN_SQS, 1, NON_BEAN_SQS, 1));
				Map<String, Integer> laterCounts = counts(laterSpans);

				later.close();
				assertThat(DeferredTracingInterceptor.contextsTracingClientsNotArmed()).isEqualTo(optedInBefore + 1);

				notABean.createQueue((q) -> q.queueName("not-a-bean"));
				earlier.getBean(SqsClient.class).listQueues();

				assertThat(counts(earlierSpans)).as("earlier context's spans after the later closed")
					.isEqualTo(Map.of(BEAN_SQS, 2, NON_BEAN_SQS, 1));
				print("two contexts, both opted in: 5 calls", counts(earlierSpans), laterCounts);

				earlier.close();
				assertThat(DeferredTracingInterceptor.contextsTracingClientsNotArmed()).isEqualTo(optedInBefore);
				// No context opted in now: a call is traced by nobody, and nothing fails.
				notABean.createQueue((q) -> q.queueName("not-a-bean"));
			}
			finally {
				earlier.close();
				later.close();
			}
		}
	}

	private static ConfigurableApplicationContext start(boolean includeNonBeanClients) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("otel.aws.include-non-bean-clients=" + includeNonBeanClients)
			.run();
	}

	private static Map<String, Integer> counts(InMemorySpanExporter exporter) {
		Map<String, Integer> counts = new TreeMap<>();
		for (SpanData span : exporter.getFinishedSpanItems()) {
			counts.merge(span.getName(), 1, Integer::sum);
		}
		return counts;
	}

	private static void print(String scenario, Map<String, Integer> first, Map<String, Integer> second) {
		System.out
			.println("[multiple contexts] " + scenario + "; first context exported " + first + ", second " + second);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(AwsOtelAutoConfiguration.class)
	@Import(InMemoryOpenTelemetryConfiguration.class)
	static class Application {

		@Bean
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

		@Bean
		DynamoDbClient dynamoDbClient() {
			return LocalAws.configure(DynamoDbClient.builder(), LocalAws.dynamoDb()).build();
		}

	}

}
