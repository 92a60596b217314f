/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.agent;

import java.net.URI;
import java.util.Map;

import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A small application with the starter and two client beans, run by
 * {@link JavaAgentCompatibilityTests} in a JVM of its own, with or without the
 * OpenTelemetry Java agent. It makes a known number of calls (one of them through a
 * client that is not a bean), then prints what the {@code awsclients} endpoint says about
 * each client bean, one {@code CLIENT} line each.
 *
 * @author aws-otel-spring-boot authors
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AgentCompatibilityApplication {

	/** Messages sent and items put. */
	static final int CALLS = 3;

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("test", "test"));

	@Bean
	SqsClient sqsClient() {
		return SqsClient.builder()
			.endpointOverride(URI.create(System.getProperty("sqs.endpoint")))
			.region(Region.EU_WEST_1)
			.credentialsProvider(CREDENTIALS)
			.build();
	}

	@Bean
	DynamoDbClient dynamoDbClient() {
		return DynamoDbClient.builder()
			.endpointOverride(URI.create(System.getProperty("dynamodb.endpoint")))
			.region(Region.EU_WEST_1)
			.credentialsProvider(CREDENTIALS)
			.build();
	}

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(AgentCompatibilityApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// The awsclients endpoint, read in-process: available when exposed (JMX, as no
		// web).
		application.setDefaultProperties(
				Map.of("spring.jmx.enabled", "true", "management.endpoints.jmx.exposure.include", "awsclients"));
		try (ConfigurableApplicationContext context = application.run(args)) {
			// Each run has its own queue and table on the shared servers.
			String queue = "orders-" + System.getProperty("run");
			String table = "orders-" + System.getProperty("run");
			SqsClient sqs = context.getBean(SqsClient.class);
			DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
			String queueUrl = sqs.createQueue((request) -> request.queueName(queue)).queueUrl();
			for (int i = 0; i < CALLS; i++) {
				String body = "order-" + i;
				sqs.sendMessage((request) -> request.queueUrl(queueUrl).messageBody(body));
			}
			dynamoDb.createTable((request) -> request.tableName(table)
				.attributeDefinitions(
						AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
				.keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
				.billingMode(BillingMode.PAY_PER_REQUEST));
			for (int i = 0; i < CALLS; i++) {
				String id = "order-" + i;
				dynamoDb.putItem((request) -> request.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
			}
			// A client that is not a bean, with otel.aws.include-non-bean-clients=true.
			try (SqsClient notABean = SqsClient.builder()
				.endpointOverride(URI.create(System.getProperty("sqs.endpoint")))
				.region(Region.EU_WEST_1)
				.credentialsProvider(CREDENTIALS)
				.build()) {
				notABean.getQueueUrl((request) -> request.queueName(queue));
			}
			AwsClientsEndpoint endpoint = context.getBean(AwsClientsEndpoint.class);
			endpoint.clients()
				.clients()
				.forEach((client) -> System.out.println("CLIENT " + client.beanName() + " traced=" + client.traced()
						+ " mode=" + client.mode() + " reason=" + client.reason() + " features=" + client.features()));
		}
	}

}
