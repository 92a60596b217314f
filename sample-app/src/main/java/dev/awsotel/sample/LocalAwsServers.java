/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.net.URI;

import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import dev.awsotel.localaws.LocalServer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * AWS-compatible servers on loopback, started with the application and stopped with it:
 * SQS is ElasticMQ inside this JVM, DynamoDB is dynalite and S3 is S3Proxy, as child
 * processes. Not used with the {@code aws} profile (real AWS) or the {@code localstack}
 * profile ({@code TestSampleApplication}).
 *
 * @author aws-otel-spring-boot authors
 */
@Configuration(proxyBeanMethods = false)
@Profile("!aws & !localstack")
class LocalAwsServers {

	@Bean(destroyMethod = "close")
	LocalServer sqsServer() {
		return ElasticMqServer.start();
	}

	@Bean(destroyMethod = "close")
	LocalServer dynamoDbServer() {
		return ChildProcessServer.dynalite();
	}

	@Bean(destroyMethod = "close")
	LocalServer s3Server() {
		return ChildProcessServer.s3proxy();
	}

	@Bean
	LocalEndpoints localEndpoints(LocalServer sqsServer, LocalServer dynamoDbServer, LocalServer s3Server) {
		return new LocalEndpoints(sqsServer.endpoint(), dynamoDbServer.endpoint(), s3Server.endpoint());
	}

	/**
	 * Where the local servers listen.
	 *
	 * @param sqs the SQS endpoint
	 * @param dynamoDb the DynamoDB endpoint
	 * @param s3 the S3 endpoint
	 */
	record LocalEndpoints(URI sqs, URI dynamoDb, URI s3) {

	}

}
