/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Takes orders off the queue and marks them processed. Plain polling code: the starter
 * makes each message's handling a process span in the trace of the request that placed
 * the order, so the UpdateItem below joins that trace.
 *
 * @author aws-otel-spring-boot authors
 */
@Component
class OrderConsumer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OrderConsumer.class);

	private final SqsClient sqs;

	private final DynamoDbClient dynamoDb;

	private final AwsResources resources;

	private volatile Thread poller;

	OrderConsumer(SqsClient sqs, DynamoDbClient dynamoDb, AwsResources resources) {
		this.sqs = sqs;
		this.dynamoDb = dynamoDb;
		this.resources = resources;
	}

	@Override
	public void start() {
		this.resources.create();
		Thread thread = new Thread(this::poll, "order-consumer");
		thread.setDaemon(true);
		this.poller = thread;
		thread.start();
	}

	private void poll() {
		String queueUrl = this.resources.queueUrl();
		while (this.poller == Thread.currentThread()) {
			try {
				List<Message> messages = this.sqs
					.receiveMessage((receive) -> receive.queueUrl(queueUrl).waitTimeSeconds(1).maxNumberOfMessages(10))
					.messages();
				for (Message message : messages) {
					process(queueUrl, message);
				}
			}
			catch (RuntimeException ex) {
				if (this.poller == Thread.currentThread()) {
					logger.warn("Could not receive orders: " + ex.getMessage());
					sleep();
				}
			}
		}
	}

	private void process(String queueUrl, Message message) {
		String orderId = message.body();
		this.dynamoDb.updateItem((update) -> update.tableName(OrderService.TABLE)
			.key(Map.of("id", AttributeValue.fromS(orderId)))
			.updateExpression("SET #status = :processed")
			.expressionAttributeNames(Map.of("#status", "status"))
			.expressionAttributeValues(Map.of(":processed", AttributeValue.fromS("PROCESSED"))));
		this.sqs.deleteMessage((delete) -> delete.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
		logger.info("Processed order " + orderId);
	}

	private static void sleep() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop() {
		Thread thread = this.poller;
		this.poller = null;
		if (thread != null) {
			try {
				thread.join(3000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.poller != null;
	}

}
