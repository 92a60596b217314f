/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * DynamoDB calls on dynalite through client beans the starter traced, including what is
 * built on a client: waiters, paginators and the enhanced client.
 *
 * @author aws-otel-spring-boot authors
 */
class DynamoDbTracingIntegrationTests {

	private static final AttributeKey<List<String>> TABLE_NAMES = AttributeKey
		.stringArrayKey("aws.dynamodb.table_names");

	private static final AttributeKey<String> AWS_AGENT = AttributeKey.stringKey("aws.agent");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, DynamoDbClients.class);

	@Test
	void whenSyncClientWritesAndReadsThenEachCallIsAChildSpanWithAwsAttributes() {
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			createTable(dynamoDb, "orders-sync");
			exporter.reset();

			Spans.InParent<GetItemResponse> read = Spans.inParent(context.getBean(OpenTelemetry.class), () -> {
				dynamoDb.putItem((p) -> p.tableName("orders-sync").item(item("o-1", "new")));
				return dynamoDb.getItem((g) -> g.tableName("orders-sync").key(key("o-1")));
			});

			assertThat(read.result().item().get("status").s()).isEqualTo("new");
			for (String method : List.of("PutItem", "GetItem")) {
				SpanData span = Spans.single(exporter, "DynamoDb." + method);
				AwsSpans.assertSuccessfulCall(span, "DynamoDb", method, SpanKind.CLIENT);
				AwsSpans.assertChildOf(span, read.span());
				// Stable in this version of the upstream library: recorded with or
				// without experimental attributes.
				assertThat(span.getAttributes().get(TABLE_NAMES)).containsExactly("orders-sync");
				assertThat(span.getAttributes().get(AWS_AGENT)).as("experimental attributes are off").isNull();
			}
		});
	}

	@Test
	void whenAsyncClientWritesThenSpanIsChildOfCallerSpan() {
		this.contextRunner.run((context) -> {
			DynamoDbAsyncClient dynamoDb = context.getBean(DynamoDbAsyncClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			createTable(context.getBean(DynamoDbClient.class), "orders-async");
			exporter.reset();

			Span parent = Spans
				.inParent(context.getBean(OpenTelemetry.class),
						() -> dynamoDb.putItem((p) -> p.tableName("orders-async").item(item("o-2", "new")))
							.orTimeout(10, TimeUnit.SECONDS)
							.join())
				.span();

			SpanData span = Spans.single(exporter, "DynamoDb.PutItem");
			AwsSpans.assertSuccessfulCall(span, "DynamoDb", "PutItem", SpanKind.CLIENT);
			AwsSpans.assertChildOf(span, parent);
			assertThat(context.getBean(RecordingInterceptor.class).requests()).last()
				.satisfies((request) -> assertThat(request.firstMatchingHeader("x-app-header"))
					.hasValue("dynamodb-async"));
		});
	}

	@Test
	void whenExperimentalAttributesAreOnThenTheyAreRecordedOnSyncAndAsyncCalls() {
		this.contextRunner.withPropertyValues("otel.aws.experimental-span-attributes=true").run((context) -> {
			DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			createTable(dynamoDb, "orders-experimental");
			dynamoDb.putItem((p) -> p.tableName("orders-experimental").item(item("o-3", "new")));
			context.getBean(DynamoDbAsyncClient.class)
				.getItem((g) -> g.tableName("orders-experimental").key(key("o-3")))
				.join();

			for (String method : List.of("PutItem", "GetItem")) {
				SpanData span = Spans.single(exporter, "DynamoDb." + method);
				assertThat(span.getAttributes().get(AWS_AGENT)).isEqualTo("java-aws-sdk");
				assertThat(span.getAttributes().get(TABLE_NAMES)).containsExactly("orders-experimental");
			}
		});
	}

	@Test
	void whenConditionalPutFailsThenCallerGetsTheSdkExceptionAndSpanIsAnError() {
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			createTable(dynamoDb, "orders-conditional");
			dynamoDb.putItem((p) -> p.tableName("orders-conditional").item(item("o-4", "new")));
			exporter.reset();

			assertThatExceptionOfType(ConditionalCheckFailedException.class)
				.isThrownBy(() -> dynamoDb.putItem((p) -> p.tableName("orders-conditional")
					.item(item("o-4", "again"))
					.conditionExpression("attribute_not_exists(id)")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(400));

			SpanData span = Spans.single(exporter, "DynamoDb.PutItem");
			AwsSpans.assertFailedCall(span, 400, ConditionalCheckFailedException.class.getName());
			assertThat(span.getAttributes().get(AwsSpans.AWS_REQUEST_ID)).isNotBlank();
		});
	}

	@Test
	void whenWaiterAndPaginatorsOfTracedClientRunThenTheirCallsAreTraced() {
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			createTable(dynamoDb, "orders-paged");
			for (int i = 0; i < 5; i++) {
				String id = "p-" + i;
				dynamoDb.putItem((p) -> p.tableName("orders-paged").item(item(id, "new")));
			}
			exporter.reset();

			// Consumer overload of a paginator, two items per page: three Scan calls.
			long scanned = dynamoDb.scanPaginator((s) -> s.tableName("orders-paged").limit(2)).items().stream().count();
			// No-argument overload of a paginator.
			List<String> tables = dynamoDb.listTablesPaginator().tableNames().stream().toList();
			// A waiter polls DescribeTable on the traced client.
			dynamoDb.waiter().waitUntilTableExists((d) -> d.tableName("orders-paged"));

			assertThat(scanned).isEqualTo(5);
			assertThat(tables).contains("orders-paged");
			assertThat(Spans.named(exporter, "DynamoDb.Scan")).hasSize(3);
			assertThat(Spans.named(exporter, "DynamoDb.ListTables")).isNotEmpty();
			assertThat(Spans.named(exporter, "DynamoDb.DescribeTable")).isNotEmpty()
				.allSatisfy(
						(span) -> AwsSpans.assertSuccessfulCall(span, "DynamoDb", "DescribeTable", SpanKind.CLIENT));
		});
	}

	@Test
	void whenEnhancedClientOnTracedClientSavesBeanThenItsCallsAreTraced() {
		this.contextRunner.run((context) -> {
			DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			createTable(dynamoDb, "orders-enhanced");
			exporter.reset();
			DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
			DynamoDbTable<Order> table = enhanced.table("orders-enhanced", TableSchema.fromBean(Order.class));

			Order saved = new Order();
			saved.setId("e-1");
			saved.setStatus("new");
			Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class), () -> {
				table.putItem(saved);
				assertThat(table.getItem(Key.builder().partitionValue("e-1").build()).getStatus()).isEqualTo("new");
			});

			AwsSpans.assertChildOf(Spans.single(exporter, "DynamoDb.PutItem"), parent);
			AwsSpans.assertChildOf(Spans.single(exporter, "DynamoDb.GetItem"), parent);
		});
	}

	static void createTable(DynamoDbClient dynamoDb, String name) {
		dynamoDb.createTable((t) -> t.tableName(name)
			.keySchema((k) -> k.attributeName("id").keyType(KeyType.HASH))
			.attributeDefinitions((a) -> a.attributeName("id").attributeType(ScalarAttributeType.S))
			.provisionedThroughput((p) -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
		dynamoDb.waiter().waitUntilTableExists((d) -> d.tableName(name));
	}

	static Map<String, AttributeValue> item(String id, String status) {
		return Map.of("id", AttributeValue.fromS(id), "status", AttributeValue.fromS(status));
	}

	static Map<String, AttributeValue> key(String id) {
		return Map.of("id", AttributeValue.fromS(id));
	}

	@DynamoDbBean
	public static class Order {

		private String id;

		private String status;

		@DynamoDbPartitionKey
		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

		public String getStatus() {
			return this.status;
		}

		public void setStatus(String status) {
			this.status = status;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class DynamoDbClients {

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return LocalAws.configure(DynamoDbClient.builder(), LocalAws.dynamoDb()).build();
		}

		@Bean
		RecordingInterceptor asyncInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean(destroyMethod = "close")
		DynamoDbAsyncClient dynamoDbAsyncClient(RecordingInterceptor asyncInterceptor) {
			return LocalAws.configure(DynamoDbAsyncClient.builder(), LocalAws.dynamoDb())
				.overrideConfiguration(
						(o) -> o.addExecutionInterceptor(asyncInterceptor).putHeader("x-app-header", "dynamodb-async"))
				.build();
		}

	}

}
