/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.semconv;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The semantic-convention attribute keys that more than one feature sets, declared once
 * so that a rename in the conventions is one change.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class AttributeKeys {

	/**
	 * {@code aws.region}.
	 */
	public static final AttributeKey<String> AWS_REGION = AttributeKey.stringKey("aws.region");

	/**
	 * {@code error.type}.
	 */
	public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	/**
	 * {@code http.response.status_code}.
	 */
	public static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey
		.longKey("http.response.status_code");

	/**
	 * {@code messaging.operation.name}.
	 */
	public static final AttributeKey<String> MESSAGING_OPERATION_NAME = AttributeKey
		.stringKey("messaging.operation.name");

	/**
	 * {@code server.address}.
	 */
	public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

	/**
	 * {@code server.port}.
	 */
	public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");

	private AttributeKeys() {
	}

}
