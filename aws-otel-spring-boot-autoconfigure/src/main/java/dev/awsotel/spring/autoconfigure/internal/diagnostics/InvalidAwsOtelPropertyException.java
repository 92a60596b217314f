/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.origin.Origin;

/**
 * Thrown at startup when an {@code otel.aws.*} key that takes a value is given keys under
 * it instead, such as {@code otel.aws.excluded-beans.first=legacyClient} or
 * {@code otel.aws.enabled.really=true}: the binder would ignore them and the application
 * would run with the default.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public class InvalidAwsOtelPropertyException extends IllegalStateException {

	private final String key;

	private final String property;

	private final Object value;

	private final Origin origin;

	private final String accepted;

	/**
	 * Create a new exception.
	 * @param key the key that takes a value, such as {@code otel.aws.excluded-beans}
	 * @param property the key set under it, such as {@code otel.aws.excluded-beans.first}
	 * @param value the value set
	 * @param origin where it was set, if known
	 * @param accepted what the key accepts, in words
	 */
	public InvalidAwsOtelPropertyException(String key, String property, Object value, @Nullable Origin origin,
			String accepted) {
		super("'" + property + "' is not a key: '" + key + "' takes " + accepted);
		this.key = key;
		this.property = property;
		this.value = value;
		this.origin = origin;
		this.accepted = accepted;
	}

	/**
	 * Return the key that takes a value.
	 * @return the key, such as {@code otel.aws.excluded-beans}
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * Return the key that was set under it.
	 * @return the key, such as {@code otel.aws.excluded-beans.first}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return the value that was set.
	 * @return the value
	 */
	public Object getValue() {
		return this.value;
	}

	/**
	 * Return where the value was set.
	 * @return the origin, or {@code null}
	 */
	@Nullable public Origin getOrigin() {
		return this.origin;
	}

	/**
	 * Return what the key accepts.
	 * @return the accepted values, in words
	 */
	public String getAccepted() {
		return this.accepted;
	}

}
