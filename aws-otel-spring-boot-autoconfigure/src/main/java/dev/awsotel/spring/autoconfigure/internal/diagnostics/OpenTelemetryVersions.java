/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamFloors;

/**
 * The OpenTelemetry versions this starter was built with, the OpenTelemetry API version
 * on the application's classpath, and how to compare them.
 *
 * @author aws-otel-spring-boot authors
 */
final class OpenTelemetryVersions {

	static final String API_CLASS_NAME = "io.opentelemetry.api.OpenTelemetry";

	// Written by opentelemetry-api's own build: "sdk.version=1.65.0".
	private static final String API_VERSION_RESOURCE = "io/opentelemetry/api/version.properties";

	// Filtered by Maven (src/main/resources-filtered) with the versions of this build.
	private static final String BUILD_VERSIONS_RESOURCE = "dev/awsotel/spring/autoconfigure/internal/diagnostics/versions.properties";

	private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

	private static final Properties BUILD_VERSIONS = load(OpenTelemetryVersions.class.getClassLoader(),
			BUILD_VERSIONS_RESOURCE);

	private OpenTelemetryVersions() {
	}

	/**
	 * Return the OpenTelemetry API version that this starter needs at least: the one its
	 * oldest supported instrumentation is built on, not necessarily the build's.
	 * @return the required version
	 */
	static String requiredApiVersion() {
		return UpstreamFloors.OPENTELEMETRY_API;
	}

	/**
	 * Return the OpenTelemetry instrumentation version that this starter was built with.
	 * @return the instrumentation version
	 */
	static String instrumentationVersion() {
		return BUILD_VERSIONS.getProperty("opentelemetry-instrumentation.version");
	}

	/**
	 * Return the version of this starter, which is also the version of its BOM.
	 * @return the starter version
	 */
	static String starterVersion() {
		return BUILD_VERSIONS.getProperty("aws-otel-spring-boot.version");
	}

	/**
	 * Return the version of the OpenTelemetry API that the given class loader sees.
	 * @param classLoader the class loader to look in
	 * @return the version, or {@code null} if it cannot be told
	 */
	static String findApiVersion(ClassLoader classLoader) {
		return load(classLoader, API_VERSION_RESOURCE).getProperty("sdk.version");
	}

	/**
	 * Whether {@code found} is an older major.minor version than {@code required}. Patch
	 * versions are ignored: OpenTelemetry adds API only in minor versions.
	 * @param found the version on the classpath
	 * @param required the version needed
	 * @return {@code true} if both versions are known and {@code found} is older
	 */
	static boolean isOlder(String found, String required) {
		int[] foundParts = majorMinor(found);
		int[] requiredParts = majorMinor(required);
		if (foundParts == null || requiredParts == null) {
			return false;
		}
		if (foundParts[0] != requiredParts[0]) {
			return foundParts[0] < requiredParts[0];
		}
		return foundParts[1] < requiredParts[1];
	}

	private static int[] majorMinor(String version) {
		Matcher matcher = (version != null) ? MAJOR_MINOR.matcher(version) : null;
		if (matcher == null || !matcher.find()) {
			// Unknown, or an unfiltered "${...}" placeholder when run from an IDE.
			return null;
		}
		return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)) };
	}

	private static Properties load(ClassLoader classLoader, String resource) {
		Properties properties = new Properties();
		ClassLoader loader = (classLoader != null) ? classLoader : ClassLoader.getSystemClassLoader();
		try (InputStream input = loader.getResourceAsStream(resource)) {
			if (input != null) {
				properties.load(input);
			}
		}
		catch (IOException ex) {
			// Only used for diagnostics: an unknown version is an acceptable answer.
		}
		return properties;
	}

}
