/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The oldest AWS SDK, OpenTelemetry instrumentation and OpenTelemetry API versions the
 * starter works with, each found by running the core scenarios on it
 * ({@code compatibility-tests/aws-sdk-floor} and {@code opentelemetry-floor}), and what
 * the application has. Below a floor the starter traces nothing, with one WARN line
 * naming the artifact and the version needed; the AWS calls work as without the starter.
 * <ul>
 * <li>AWS SDK 2.25.48: the first whose SQS {@code ReceiveMessageRequest} has
 * {@code messageSystemAttributeNames}, with which the starter asks for the
 * {@code AWSTraceHeader} of received messages (2.25.47 fails the receive with a
 * {@code NoSuchMethodError}). Older still: before 2.21.22 a client's
 * {@code serviceClientConfiguration()} leaves out the global interceptors, before 2.21.0
 * there is no {@code SdkPlugin}.</li>
 * <li>OpenTelemetry instrumentation 2.31.1 ({@code opentelemetry-aws-sdk-2.2}
 * 2.31.1-alpha): the first served with {@code AwsSdkTelemetryBuilder.setHeaders} and
 * {@code IncludeExclude} (2.29.0 has neither; 2.30's library is not served where this
 * project builds).</li>
 * <li>OpenTelemetry API 1.63.0: the first with
 * {@code io.opentelemetry.api.impl.InstrumentationUtil}, which instrumentation 2.31.1
 * uses (1.62.0 fails startup with a {@code NoClassDefFoundError}); instrumentation 2.31.1
 * itself is built on 1.65.0.</li>
 * </ul>
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class UpstreamFloors {

	/** The oldest AWS SDK for Java 2.x the starter works with. */
	public static final String AWS_SDK = "2.25.48";

	/** The oldest OpenTelemetry instrumentation ({@code opentelemetry-aws-sdk-2.2}). */
	public static final String INSTRUMENTATION = "2.31.1";

	/** The oldest OpenTelemetry API {@link #INSTRUMENTATION} and the starter run on. */
	public static final String OPENTELEMETRY_API = "1.63.0";

	static final String AWS_SDK_VERSION_CLASS = "software.amazon.awssdk.core.util.VersionInfo";

	// Written by the instrumentation's own build: "version=2.31.1-alpha".
	static final String INSTRUMENTATION_VERSION_RESOURCE = "META-INF/io/opentelemetry/instrumentation/io.opentelemetry.aws-sdk-2.2.properties";

	private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

	private UpstreamFloors() {
	}

	/**
	 * What is below its floor on the class path, one sentence each; empty when every
	 * version is supported or cannot be told.
	 * @param classLoader the class loader of the application
	 * @return the versions below their floors, as sentences
	 */
	public static List<String> belowFloors(@Nullable ClassLoader classLoader) {
		return belowFloors(awsSdkVersion(classLoader), instrumentationVersion(classLoader));
	}

	static List<String> belowFloors(@Nullable String awsSdk, @Nullable String instrumentation) {
		List<String> below = new ArrayList<>();
		if (isOlder(awsSdk, AWS_SDK)) {
			below.add("AWS SDK " + awsSdk + " (software.amazon.awssdk:sdk-core) is older than " + AWS_SDK
					+ ": use software.amazon.awssdk:bom " + AWS_SDK + " or newer");
		}
		if (isOlder(instrumentation, INSTRUMENTATION)) {
			below.add("OpenTelemetry instrumentation " + instrumentation
					+ " (io.opentelemetry.instrumentation:opentelemetry-aws-sdk-2.2) is older than " + INSTRUMENTATION
					+ ": use io.opentelemetry.instrumentation:opentelemetry-instrumentation-bom " + INSTRUMENTATION
					+ " or newer");
		}
		return below;
	}

	/**
	 * The AWS SDK version the class loader sees.
	 * @param classLoader the class loader of the application
	 * @return the version, or {@code null} if it cannot be told
	 */
	static @Nullable String awsSdkVersion(@Nullable ClassLoader classLoader) {
		try {
			// Read, not compiled in: the constant of the SDK the starter was built with
			// would be inlined.
			Object version = Class.forName(AWS_SDK_VERSION_CLASS, false, classLoader).getField("SDK_VERSION").get(null);
			return (version instanceof String string) ? string : null;
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

	/**
	 * The version of OpenTelemetry's AWS SDK instrumentation library the class loader
	 * sees.
	 * @param classLoader the class loader of the application
	 * @return the version, such as {@code 2.31.1-alpha}, or {@code null} if it cannot be
	 * told
	 */
	static @Nullable String instrumentationVersion(@Nullable ClassLoader classLoader) {
		ClassLoader loader = (classLoader != null) ? classLoader : ClassLoader.getSystemClassLoader();
		Properties properties = new Properties();
		try (InputStream input = loader.getResourceAsStream(INSTRUMENTATION_VERSION_RESOURCE)) {
			if (input == null) {
				return null;
			}
			properties.load(input);
		}
		catch (IOException ex) {
			return null;
		}
		return properties.getProperty("version");
	}

	/**
	 * Whether {@code found} is an older major.minor.patch version than {@code floor};
	 * qualifiers ({@code -alpha}) are ignored.
	 * @param found the version on the class path
	 * @param floor the version needed
	 * @return {@code true} if both versions are known and {@code found} is older
	 */
	static boolean isOlder(@Nullable String found, String floor) {
		int[] foundParts = parse(found);
		int[] floorParts = parse(floor);
		if (foundParts == null || floorParts == null) {
			return false;
		}
		for (int i = 0; i < 3; i++) {
			if (foundParts[i] != floorParts[i]) {
				return foundParts[i] < floorParts[i];
			}
		}
		return false;
	}

	private static int @Nullable [] parse(@Nullable String version) {
		Matcher matcher = (version != null) ? VERSION.matcher(version) : null;
		if (matcher == null || !matcher.find()) {
			return null;
		}
		return new int[] { Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
				Integer.parseInt(matcher.group(3)) };
	}

}
