/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.concurrent.atomic.AtomicReference;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.stereotype.Component;

/**
 * The table, bucket and queue the order flow uses, created if they do not exist yet.
 *
 * @author aws-otel-spring-boot authors
 */
@Component
class AwsResources {

	private final DynamoDbClient dynamoDb;

	private final S3Client s3;

	private final SqsClient sqs;

	private final AtomicReference<String> queueUrl = new AtomicReference<>();

	AwsResources(DynamoDbClient dynamoDb, S3Client s3, SqsClient sqs) {
		this.dynamoDb = dynamoDb;
		this.s3 = s3;
		this.sqs = sqs;
	}

	String queueUrl() {
		String url = this.queueUrl.get();
		if (url == null) {
			url = this.sqs.createQueue((create) -> create.queueName(OrderService.QUEUE)).queueUrl();
			this.queueUrl.set(url);
		}
		return url;
	}

	void create() {
		try {
			this.dynamoDb.createTable((table) -> table.tableName(OrderService.TABLE)
				.keySchema((key) -> key.attributeName("id").keyType(KeyType.HASH))
				.attributeDefinitions((attribute) -> attribute.attributeName("id").attributeType(ScalarAttributeType.S))
				.provisionedThroughput((throughput) -> throughput.readCapacityUnits(5L).writeCapacityUnits(5L)));
			this.dynamoDb.waiter().waitUntilTableExists((table) -> table.tableName(OrderService.TABLE));
		}
		catch (ResourceInUseException exists) {
			// Created before: nothing to do.
		}
		try {
			this.s3.createBucket((bucket) -> bucket.bucket(OrderService.BUCKET));
		}
		catch (BucketAlreadyOwnedByYouException exists) {
			// Created before: nothing to do.
		}
		queueUrl();
	}

}
