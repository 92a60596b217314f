/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.localaws;

import java.net.URI;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * SQS served by ElasticMQ inside this JVM.
 *
 * @author aws-otel-spring-boot authors
 */
public final class ElasticMqServer implements LocalServer {

	private final SQSRestServer server;

	private final URI endpoint;

	private ElasticMqServer(SQSRestServer server, int port) {
		this.server = server;
		this.endpoint = URI.create("http://127.0.0.1:" + port);
	}

	/**
	 * Starts ElasticMQ on a free loopback port.
	 * @return the running server
	 */
	public static ElasticMqServer start() {
		SQSRestServer server = SQSRestServerBuilder.withPort(0)
			.withInterface("127.0.0.1")
			// Without a region, queue ARNs name "elasticmq" instead of an AWS region.
			.withAWSRegion("us-east-1")
			.withAWSAccountId("000000000000")
			.start();
		int port = server.waitUntilStarted().localAddress().getPort();
		return new ElasticMqServer(server, port);
	}

	@Override
	public URI endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() {
		this.server.stopAndWait();
	}

}
