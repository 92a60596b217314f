/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import software.amazon.awssdk.core.SdkClient;

/**
 * Adjusts a client bean once it is traced, for a feature that needs more than the
 * interceptor (for example handing received messages over with their process spans).
 * Beans of this type are applied in order to every client the starter traced through its
 * interceptor.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
@FunctionalInterface
public interface TracedClientCustomizer {

	/**
	 * Returns the client to expose in place of {@code client}: the same instance when
	 * there is nothing to do.
	 * @param client a traced client bean
	 * @return the client to expose
	 */
	SdkClient customize(SdkClient client);

}
