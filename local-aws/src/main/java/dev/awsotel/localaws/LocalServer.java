/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.localaws;

import java.net.URI;

/**
 * An AWS-compatible server running on loopback.
 *
 * @author aws-otel-spring-boot authors
 */
public interface LocalServer extends AutoCloseable {

	/**
	 * The endpoint an AWS client's {@code endpointOverride} points at.
	 * @return the endpoint, always on loopback
	 */
	URI endpoint();

	/**
	 * Stops the server and everything it started.
	 */
	@Override
	void close();

}
