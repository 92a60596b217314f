/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP trace receiver on loopback, as small as a collector can be: it answers
 * every {@code POST /v1/traces} with 200 and counts the spans of each request by name,
 * read from the protobuf the exporter sent.
 *
 * @author aws-otel-spring-boot authors
 */
final class OtlpReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, AtomicInteger> spansByName = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts a receiver on a loopback port.
	 * @param port the port, or 0 for any free port
	 * @return the started receiver
	 * @throws IOException if the port cannot be bound
	 */
	static OtlpReceiver start(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		OtlpReceiver receiver = new OtlpReceiver(server);
		server.createContext("/v1/traces", receiver::handle);
		server.start();
		return receiver;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String tracesEndpoint() {
		return "http://127.0.0.1:" + port() + "/v1/traces";
	}

	/**
	 * Returns how many spans with a name were received.
	 * @param name the span name
	 * @return the count
	 */
	int spans(String name) {
		AtomicInteger count = this.spansByName.get(name);
		return (count != null) ? count.get() : 0;
	}

	long requests() {
		return this.requests.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
					? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			for (String name : spanNames(body)) {
				this.spansByName.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
			}
			this.requests.incrementAndGet();
			// An empty ExportTraceServiceResponse: full success.
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.server.stop(0);
		}
	}

	/**
	 * Reads the span names of an {@code ExportTraceServiceRequest}:
	 * {@code resource_spans} (1) → {@code scope_spans} (2) → {@code spans} (2) →
	 * {@code name} (5).
	 * @param request the protobuf bytes
	 * @return the names, one per span
	 */
	static List<String> spanNames(byte[] request) {
		List<String> names = new ArrayList<>();
		for (ByteBuffer resourceSpans : fields(ByteBuffer.wrap(request), 1)) {
			for (ByteBuffer scopeSpans : fields(resourceSpans, 2)) {
				for (ByteBuffer span : fields(scopeSpans, 2)) {
					List<ByteBuffer> name = fields(span, 5);
					names.add(name.isEmpty() ? "" : StandardCharsets.UTF_8.decode(name.get(0)).toString());
				}
			}
		}
		return names;
	}

	/**
	 * Returns the length-delimited fields with a number, skipping every other field.
	 */
	private static List<ByteBuffer> fields(ByteBuffer message, int number) {
		List<ByteBuffer> found = new ArrayList<>();
		ByteBuffer in = message.duplicate();
		while (in.hasRemaining()) {
			long tag = varint(in);
			int wireType = (int) (tag & 7);
			switch (wireType) {
				case 0 -> varint(in);
				case 1 -> in.position(in.position() + 8);
				case 5 -> in.position(in.position() + 4);
				case 2 -> {
					int length = (int) varint(in);
					ByteBuffer value = in.slice(in.position(), length);
					in.position(in.position() + length);
					if ((tag >>> 3) == number) {
						found.add(value);
					}
				}
				default -> throw new IllegalArgumentException("Unexpected wire type " + wireType);
			}
		}
		return found;
	}

	private static long varint(ByteBuffer in) {
		long value = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			byte b = in.get();
			value |= (long) (b & 0x7f) << shift;
			if ((b & 0x80) == 0) {
				return value;
			}
		}
		throw new IllegalArgumentException("Malformed varint");
	}

}
