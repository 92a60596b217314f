/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.support;

import java.net.URI;

import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import dev.awsotel.localaws.LocalServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

/**
 * The AWS-compatible servers the integration tests call, started once per test JVM on
 * first use and stopped when it exits.
 *
 * @author aws-otel-spring-boot authors
 */
public final class LocalAws {

	/** The region every test client is built for. */
	public static final Region REGION = Region.EU_WEST_1;

	/** A distinctive access key id, so that a test can prove it is never recorded. */
	public static final String ACCESS_KEY_ID = "AKIAOTELSTARTERTEST1";

	/** A distinctive secret key, so that a test can prove it is never recorded. */
	public static final String SECRET_KEY = "otelStarterSecretKeyThatMustNeverAppear0";

	/** Static credentials with the values above. */
	public static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_KEY));

	private static LocalServer sqs;

	private static LocalServer dynamoDb;

	private static LocalServer s3;

	private static LocalServer snsAndSqs;

	private LocalAws() {
	}

	/**
	 * Points a client builder at a local server, in the test region, with the test
	 * credentials.
	 * @param <B> the builder type
	 * @param builder the builder
	 * @param endpoint the server, for example {@link #sqs()}
	 * @return the builder
	 */
	public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
		return builder.endpointOverride(endpoint).region(REGION).credentialsProvider(CREDENTIALS);
	}

	public static synchronized URI sqs() {
		if (sqs == null) {
			sqs = ElasticMqServer.start();
			Runtime.getRuntime().addShutdownHook(new Thread(sqs::close));
		}
		return sqs.endpoint();
	}

	public static synchronized URI dynamoDb() {
		if (dynamoDb == null) {
			dynamoDb = ChildProcessServer.dynalite();
		}
		return dynamoDb.endpoint();
	}

	/**
	 * SNS, and SQS queues that its topics deliver to, on one server.
	 * @return the endpoint for SNS and SQS clients
	 */
	public static synchronized URI snsAndSqs() {
		if (snsAndSqs == null) {
			snsAndSqs = ChildProcessServer.fauxqs();
		}
		return snsAndSqs.endpoint();
	}

	public static synchronized URI s3() {
		if (s3 == null) {
			s3 = ChildProcessServer.s3proxy();
		}
		return s3.endpoint();
	}

}
