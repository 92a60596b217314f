/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TCP tee on loopback in front of a server: each accepted connection is connected to
 * the server and bytes are pumped both ways unchanged (so the {@code Host} header and the
 * signature pass as the client made them), keeping what the client sent. The HTTP/1.1
 * requests are parsed out of those bytes on demand.
 *
 * @author aws-otel-spring-boot authors
 */
final class RecordingProxy implements AutoCloseable {

	private final ServerSocket serverSocket;

	private final URI target;

	private final List<ByteArrayOutputStream> connections = new ArrayList<>();

	private final List<Socket> sockets = new ArrayList<>();

	private volatile boolean closed;

	RecordingProxy(URI target) {
		this.target = target;
		try {
			this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "proxy-" + target.getPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.serverSocket.getLocalPort());
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.serverSocket.accept();
				Socket server = new Socket();
				server.connect(new InetSocketAddress(this.target.getHost(), this.target.getPort()));
				ByteArrayOutputStream recorded = new ByteArrayOutputStream();
				synchronized (this) {
					this.connections.add(recorded);
					this.sockets.add(client);
					this.sockets.add(server);
				}
				pump(client, server, recorded);
				pump(server, client, null);
			}
			catch (IOException ex) {
				if (!this.closed) {
					ex.printStackTrace();
				}
			}
		}
	}

	private void pump(Socket from, Socket to, ByteArrayOutputStream recorded) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					if (recorded != null) {
						// Kept before it is passed on: once the server answered, it is
						// here.
						synchronized (recorded) {
							recorded.write(buffer, 0, read);
						}
					}
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// The other side closed: so does this one.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "pump-" + from.getPort());
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Returns every request recorded so far, connection by connection.
	 * @return the requests
	 */
	synchronized List<RecordedRequest> requests() {
		List<RecordedRequest> requests = new ArrayList<>();
		for (ByteArrayOutputStream connection : this.connections) {
			byte[] bytes;
			synchronized (connection) {
				bytes = connection.toByteArray();
			}
			requests.addAll(parse(bytes));
		}
		return requests;
	}

	static List<RecordedRequest> parse(byte[] bytes) {
		List<RecordedRequest> requests = new ArrayList<>();
		int position = 0;
		while (position < bytes.length) {
			int headersEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), position);
			if (headersEnd < 0) {
				break;
			}
			String head = new String(bytes, position, headersEnd - position, StandardCharsets.ISO_8859_1);
			String[] lines = head.split("\r\n");
			String[] requestLine = lines[0].split(" ");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							lines[i].substring(colon + 1).trim());
				}
			}
			position = headersEnd + 4;
			byte[] body;
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				ByteArrayOutputStream decoded = new ByteArrayOutputStream();
				while (true) {
					int lineEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
					if (lineEnd < 0) {
						return requests;
					}
					String sizeLine = new String(bytes, position, lineEnd - position, StandardCharsets.ISO_8859_1);
					int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
					position = lineEnd + 2;
					if (size == 0) {
						// Trailers, if any, end with an empty line.
						int trailersEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
						while (trailersEnd > position) {
							position = trailersEnd + 2;
							trailersEnd = indexOf(bytes, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
						}
						position = (trailersEnd < 0) ? bytes.length : trailersEnd + 2;
						break;
					}
					decoded.write(bytes, position, Math.min(size, bytes.length - position));
					position += size + 2;
				}
				body = decoded.toByteArray();
			}
			else {
				int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
				body = Arrays.copyOfRange(bytes, position, Math.min(bytes.length, position + length));
				position += length;
			}
			requests.add(
					new RecordedRequest(requestLine[0], (requestLine.length > 1) ? requestLine[1] : "", headers, body));
		}
		return requests;
	}

	private static int indexOf(byte[] bytes, byte[] pattern, int from) {
		outer: for (int i = from; i <= bytes.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (bytes[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.serverSocket.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		synchronized (this) {
			this.sockets.forEach(RecordingProxy::closeQuietly);
		}
	}

	/**
	 * An HTTP request as the client sent it.
	 *
	 * @param method the method
	 * @param target the request target (path and query)
	 * @param headers the headers, names in lower case
	 * @param body the body, chunked transfer decoded
	 */
	record RecordedRequest(String method, String target, Map<String, String> headers, byte[] body) {

	}

}
