/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the servers' programs are: set by the build as system properties, or found by
 * walking up from the working directory to this repository's {@code local-aws} folder.
 *
 * @author aws-otel-spring-boot authors
 */
final class LocalAwsPaths {

	static final String NODE_MODULES_PROPERTY = "localaws.node-modules";

	static final String S3PROXY_JAR_PROPERTY = "localaws.s3proxy-jar";

	static final String S3MOCK_JAR_PROPERTY = "localaws.s3mock-jar";

	private LocalAwsPaths() {
	}

	static Path nodeModule(String name) {
		Path nodeModules = configuredOrFound(NODE_MODULES_PROPERTY, Path.of("local-aws", "node_modules"));
		Path module = nodeModules.resolve(name);
		if (!Files.isDirectory(module)) {
			throw new IllegalStateException("The npm package '" + name + "' is not installed in " + nodeModules
					+ ": run 'npm ci' in the local-aws folder (the Maven build does this when node_modules is missing)");
		}
		return module;
	}

	static Path s3ProxyJar() {
		return serverJar(S3PROXY_JAR_PROPERTY, "s3proxy.jar", "S3Proxy", "org.gaul:s3proxy");
	}

	static Path s3MockJar() {
		return serverJar(S3MOCK_JAR_PROPERTY, "s3mock.jar", "S3Mock", "com.adobe.testing:s3mock");
	}

	/**
	 * Returns a server's jar, which the local-aws build copies to {@code target/servers}.
	 * @param property the system property that may name the jar
	 * @param fileName the jar's name in {@code target/servers}
	 * @param server the server's name, for the error message
	 * @param artifact the server's Maven coordinates, for the error message
	 * @return the jar
	 */
	private static Path serverJar(String property, String fileName, String server, String artifact) {
		Path jar = configuredOrFound(property, Path.of("local-aws", "target", "servers", fileName));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(
					server + " is not at " + jar + ": build the local-aws module first (it copies " + artifact
							+ " there), or set the system property " + property);
		}
		return jar;
	}

	private static Path configuredOrFound(String property, Path relative) {
		String configured = System.getProperty(property);
		if (configured != null) {
			return Path.of(configured);
		}
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			Path candidate = dir.resolve(relative);
			if (Files.exists(candidate)) {
				return candidate;
			}
			dir = dir.getParent();
		}
		return Path.of("").toAbsolutePath().resolve(relative);
	}

}
