/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.localaws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An AWS-compatible server started as a child process on a free loopback port. Closing it
 * kills the process and all its descendants.
 *
 * @author aws-otel-spring-boot authors
 */
public final class ChildProcessServer implements LocalServer {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	private final String name;

	private final Process process;

	private final URI endpoint;

	private final Thread shutdownHook;

	/** A folder removed on close, or {@code null}. */
	private final Path scratch;

	private ChildProcessServer(String name, Process process, URI endpoint, Path scratch) {
		this.name = name;
		this.process = process;
		this.endpoint = endpoint;
		this.scratch = scratch;
		// A test JVM that dies without closing must not leave servers behind.
		this.shutdownHook = new Thread(this::kill, "stop-" + name);
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts DynamoDB as served by dynalite (npm), in memory.
	 * @return the running server
	 */
	public static ChildProcessServer dynalite() {
		Path cli = LocalAwsPaths.nodeModule("dynalite").resolve("cli.js");
		int port = freePort();
		return start("dynalite", List.of(node(), cli.toString(), "--host", "127.0.0.1", "--port", String.valueOf(port),
				"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"), port, Map.of());
	}

	/**
	 * Starts Kinesis as served by kinesalite (npm), in memory. Clients need the system
	 * property {@code aws.cborEnabled=false}: kinesalite speaks JSON, not CBOR.
	 * @return the running server
	 */
	public static ChildProcessServer kinesalite() {
		Path cli = LocalAwsPaths.nodeModule("kinesalite").resolve("cli.js");
		int port = freePort();
		return start("kinesalite", List.of(node(), cli.toString(), "--port", String.valueOf(port), "--createStreamMs",
				"0", "--deleteStreamMs", "0", "--updateStreamMs", "0"), port, Map.of());
	}

	/**
	 * Starts SNS and SQS as served by fauxqs (npm): topics deliver to subscribed queues
	 * of the same server. It drops the {@code AWSTraceHeader} system attribute.
	 * @return the running server
	 */
	public static ChildProcessServer fauxqs() {
		Path cli = LocalAwsPaths.nodeModule("fauxqs").resolve("dist").resolve("cli.js");
		int port = freePort();
		return start("fauxqs", List.of(node(), cli.toString()), port, Map.of("FAUXQS_PORT", String.valueOf(port),
				"FAUXQS_LOGGER", "false", "FAUXQS_HOST", "127.0.0.1", "FAUXQS_DEFAULT_REGION", "eu-west-1"));
	}

	/**
	 * Starts S3 as served by S3Proxy with its on-disk ("filesystem") store in a new
	 * temporary folder, removed when the server is closed or the JVM exits. Requests are
	 * not authenticated, so any credentials work.
	 * @return the running server
	 */
	public static ChildProcessServer s3proxy() {
		Path jar = LocalAwsPaths.s3ProxyJar();
		int port = freePort();
		try {
			// On disk, not "transient": the in-memory store lives in the child's 256 MB
			// heap, which fills after about 25,000 small objects (5 minutes of orders in
			// the sample), and then every PutObject times out.
			Path store = Files.createTempDirectory("s3proxy");
			Path conf = store.resolve("s3proxy.conf");
			Path basedir = Files.createDirectory(store.resolve("blobs"));
			Files.writeString(conf,
					String.join("\n", "s3proxy.endpoint=http://127.0.0.1:" + port, "s3proxy.authorization=none",
							"jclouds.provider=filesystem", "jclouds.filesystem.basedir=" + basedir,
							"jclouds.identity=local", "jclouds.credential=local", ""));
			return start("s3proxy", List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
					jar.toString(), "--properties", conf.toString()), port, Map.of(), store);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts S3 as served by Adobe's S3Mock, with a store in a new temporary folder.
	 * Slower to start than S3Proxy (about 4 s), but it answers the multipart calls of the
	 * CRT-based S3 client, which S3Proxy's answers do not satisfy. Requests are not
	 * authenticated.
	 * @return the running server
	 */
	public static ChildProcessServer s3mock() {
		Path jar = LocalAwsPaths.s3MockJar();
		int port = freePort();
		try {
			Path store = Files.createTempDirectory("s3mock");
			return start("s3mock",
					List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
							"--http.port=" + port, "--server.port=0", "--server.address=127.0.0.1",
							"--com.adobe.testing.s3mock.store.root=" + store),
					port, Map.of());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts a command that listens on {@code port} and waits until the port accepts
	 * connections.
	 * @param name a short name for logs and errors
	 * @param command the command line
	 * @param port the loopback port the command listens on
	 * @param environment extra environment variables
	 * @return the running server
	 */
	public static ChildProcessServer start(String name, List<String> command, int port,
			Map<String, String> environment) {
		return start(name, command, port, environment, null);
	}

	private static ChildProcessServer start(String name, List<String> command, int port,
			Map<String, String> environment, Path scratch) {
		try {
			Path log = Files.createTempFile(name, ".log");
			log.toFile().deleteOnExit();
			ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			ChildProcessServer server = new ChildProcessServer(name, process, URI.create("http://127.0.0.1:" + port),
					scratch);
			server.awaitPort(port, log);
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + name + " with " + command, ex);
		}
	}

	/**
	 * Returns a TCP port that is free on loopback now.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitPort(int port, Path log) throws IOException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue() + ": "
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return;
			}
			catch (IOException notYet) {
				sleep(50);
			}
		}
		kill();
		throw new IllegalStateException(this.name + " did not listen on port " + port + " within " + START_TIMEOUT
				+ ": " + Files.readString(log, StandardCharsets.UTF_8));
	}

	@Override
	public URI endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() {
		kill();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException shuttingDown) {
			// Already running the hooks: nothing to remove.
		}
	}

	private void kill() {
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		deleteScratch();
	}

	private void deleteScratch() {
		if (this.scratch == null || !Files.exists(this.scratch)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.scratch)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException ex) {
			// Best effort: a folder left in the temporary directory is not worth failing
			// for.
		}
	}

	private static String node() {
		return System.getProperty("localaws.node", "node");
	}

	private static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
