/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.Map;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.stereotype.Service;

/**
 * Places orders, as the article's order flow does: DynamoDB, S3, SQS. The code is plain
 * AWS SDK code; every call becomes a span because the clients are beans.
 *
 * @author aws-otel-spring-boot authors
 */
@Service
class OrderService {

	static final String TABLE = "orders";

	static final String BUCKET = "order-receipts";

	static final String QUEUE = "fulfillment";

	private static final Log logger = LogFactory.getLog(OrderService.class);

	private final DynamoDbClient dynamoDb;

	private final S3Client s3;

	private final SqsClient sqs;

	private final AwsResources resources;

	OrderService(DynamoDbClient dynamoDb, S3Client s3, SqsClient sqs, AwsResources resources) {
		this.dynamoDb = dynamoDb;
		this.s3 = s3;
		this.sqs = sqs;
		this.resources = resources;
	}

	String place(String item, int quantity) {
		String orderId = UUID.randomUUID().toString();
		this.dynamoDb.putItem((put) -> put.tableName(TABLE)
			.item(Map.of("id", AttributeValue.fromS(orderId), "item", AttributeValue.fromS(item), "quantity",
					AttributeValue.fromN(Integer.toString(quantity)), "status", AttributeValue.fromS("NEW"))));
		this.s3.putObject((put) -> put.bucket(BUCKET).key("receipts/" + orderId + ".json"), RequestBody
			.fromString("{\"orderId\":\"" + orderId + "\",\"item\":\"" + item + "\",\"quantity\":" + quantity + "}"));
		this.sqs.sendMessage((send) -> send.queueUrl(this.resources.queueUrl()).messageBody(orderId));
		logger.info("Placed order " + orderId);
		return orderId;
	}

	String status(String orderId) {
		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((get) -> get.tableName(TABLE).key(Map.of("id", AttributeValue.fromS(orderId))))
			.item();
		return (item.containsKey("status")) ? item.get("status").s() : null;
	}

}
