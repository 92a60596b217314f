/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;

/**
 * The span that OpenTelemetry's AWS SDK interceptor started for a call, and the request
 * as the application made it, for the starter's extensions. The library keeps both in
 * execution attributes it does not publish: {@link AwsTracingInterceptor} copies them,
 * through {@link UpstreamInternals}, into attributes of the starter's own right after the
 * library's hook, so that an upstream change costs one missing enrichment, never a failed
 * call.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class UpstreamSpans {

	// The SDK allows a name once per JVM: the identity of this class in it keeps a second
	// copy of the starter (another class loader, a restart) from failing every call.
	private static final String DEFINITION = "@" + Integer.toHexString(System.identityHashCode(UpstreamSpans.class));

	private static final ExecutionAttribute<Context> CALL_CONTEXT = new ExecutionAttribute<>(
			UpstreamSpans.class.getName() + ".CallContext" + DEFINITION);

	private static final ExecutionAttribute<SdkRequest> ORIGINAL_REQUEST = new ExecutionAttribute<>(
			UpstreamSpans.class.getName() + ".OriginalRequest" + DEFINITION);

	private UpstreamSpans() {
	}

	/**
	 * Copies what OpenTelemetry's interceptor keeps for a call into the starter's own
	 * attributes.
	 * @param internals what the versions on the class path honour
	 * @param executionAttributes the call's attributes
	 */
	static void copy(UpstreamInternals internals, ExecutionAttributes executionAttributes) {
		Context context = internals.callContext(executionAttributes);
		if (context != null) {
			executionAttributes.putAttribute(CALL_CONTEXT, context);
		}
		SdkRequest original = internals.originalRequest(executionAttributes);
		if (original != null) {
			executionAttributes.putAttribute(ORIGINAL_REQUEST, original);
		}
	}

	/**
	 * Returns the span of the call, or {@code null} when the call is not traced.
	 * @param executionAttributes the call's attributes
	 * @return the span or {@code null}
	 */
	public static @Nullable Span span(ExecutionAttributes executionAttributes) {
		Context context = context(executionAttributes);
		return (context != null) ? Span.fromContextOrNull(context) : null;
	}

	/**
	 * Returns the context of the call: its span in the caller's context, with the
	 * caller's baggage.
	 * @param executionAttributes the call's attributes
	 * @return the context, or {@code null} when the call is not traced
	 */
	public static @Nullable Context context(ExecutionAttributes executionAttributes) {
		return executionAttributes.getAttribute(CALL_CONTEXT);
	}

	/**
	 * Returns the request as the application made it, before the library changed it.
	 * @param executionAttributes the call's attributes
	 * @return the request, or {@code null} when unknown
	 */
	public static @Nullable SdkRequest originalRequest(ExecutionAttributes executionAttributes) {
		return executionAttributes.getAttribute(ORIGINAL_REQUEST);
	}

}
