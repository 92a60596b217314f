/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

/**
 * Thrown at startup when the OpenTelemetry API on the classpath is older than the one the
 * OpenTelemetry instrumentation used by aws-otel-spring-boot needs.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public class OpenTelemetryVersionMismatchException extends IllegalStateException {

	private final String foundVersion;

	private final String requiredVersion;

	/**
	 * Create a new exception.
	 * @param foundVersion the OpenTelemetry API version on the classpath
	 * @param requiredVersion the OpenTelemetry API version needed at least
	 */
	public OpenTelemetryVersionMismatchException(String foundVersion, String requiredVersion) {
		super("OpenTelemetry API " + foundVersion + " is on the classpath, but aws-otel-spring-boot needs "
				+ requiredVersion + " or later");
		this.foundVersion = foundVersion;
		this.requiredVersion = requiredVersion;
	}

	/**
	 * Return the OpenTelemetry API version on the classpath.
	 * @return the found version
	 */
	public String getFoundVersion() {
		return this.foundVersion;
	}

	/**
	 * Return the OpenTelemetry API version needed at least.
	 * @return the required version
	 */
	public String getRequiredVersion() {
		return this.requiredVersion;
	}

}
