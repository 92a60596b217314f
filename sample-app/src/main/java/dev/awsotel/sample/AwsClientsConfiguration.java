/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Ordinary AWS client beans: nothing here mentions tracing, the starter adds it to every
 * AWS client bean. With the local servers they point there; with the {@code aws} profile
 * (no local servers) they use the default credential and region chains.
 *
 * @author aws-otel-spring-boot authors
 */
@Configuration(proxyBeanMethods = false)
class AwsClientsConfiguration {

	private final LocalAwsServers.LocalEndpoints local;

	AwsClientsConfiguration(ObjectProvider<LocalAwsServers.LocalEndpoints> local) {
		this.local = local.getIfAvailable();
	}

	@Bean
	DynamoDbClient dynamoDbClient() {
		return local(DynamoDbClient.builder(), (this.local != null) ? this.local.dynamoDb() : null)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
	}

	@Bean
	S3Client s3Client() {
		S3ClientBuilder builder = local(S3Client.builder(), (this.local != null) ? this.local.s3() : null)
			.httpClientBuilder(UrlConnectionHttpClient.builder());
		if (this.local != null) {
			// S3Proxy answers 501 to the checksum headers the SDK adds by default.
			builder.forcePathStyle(true).requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
		}
		return builder.build();
	}

	@Bean
	SqsClient sqsClient() {
		return local(SqsClient.builder(), (this.local != null) ? this.local.sqs() : null)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
	}

	private static <B extends AwsClientBuilder<B, ?>> B local(B builder, URI endpoint) {
		if (endpoint != null) {
			// The local servers accept any credentials; static ones keep the default
			// chain from looking for a real account.
			builder.endpointOverride(endpoint)
				.region(Region.US_EAST_1)
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
		}
		return builder;
	}

}
