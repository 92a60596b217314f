/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * An interceptor that runs inside {@link AwsTracingInterceptor}, after OpenTelemetry's
 * own, on every traced client: in {@code modifyRequest}, {@code modifyHttpRequest},
 * {@code modifyResponse} (observe only) and {@code afterExecution}. Beans of this type
 * are picked up by the starter; a separate type from {@link ExecutionInterceptor} so that
 * interceptors meant for other purposes are not.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public interface TracingExtension extends ExecutionInterceptor {

	/**
	 * Returns whether this extension's {@code modifyHttpRequest} can change a request.
	 * Most cannot, and then the tracing interceptor spares every call the copy of its
	 * context that handing over a changed request takes.
	 * @return whether {@code modifyHttpRequest} should be called
	 */
	default boolean modifiesHttpRequests() {
		return false;
	}

	/**
	 * Returns whether the X-Ray trace header that OpenTelemetry's interceptor adds to
	 * every HTTP request should be left off this call's request, for example because the
	 * service would turn it into trace context the application asked not to carry. The
	 * header is then never added, rather than added and taken off again.
	 * @param request the call's request
	 * @return whether the call's HTTP request goes without the X-Ray header
	 */
	default boolean withholdsXrayHeader(SdkRequest request) {
		return false;
	}

	/**
	 * Called in {@code afterExecution} just before OpenTelemetry's interceptor's, while
	 * the call's span is still open: to spare it work whose result the extension
	 * replaces. Must not change what it records.
	 * @param context the call after execution
	 * @param executionAttributes the call's attributes
	 */
	default void beforeUpstreamAfterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
	}

}
