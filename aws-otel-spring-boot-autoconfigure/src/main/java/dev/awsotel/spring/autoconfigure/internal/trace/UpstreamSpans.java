/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.lang.reflect.Field;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;

/**
 * Finds the span that OpenTelemetry's AWS SDK interceptor started for a call. The library
 * keeps it in an execution attribute it does not publish; this is the one place that
 * reads it, so that an upstream change costs one missing enrichment, never a failed call.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class UpstreamSpans {

	private static final Log logger = LogFactory.getLog(UpstreamSpans.class);

	private static final String INTERCEPTOR_CLASS = "io.opentelemetry.instrumentation.awssdk.v2_2.internal.TracingExecutionInterceptor";

	private static final ExecutionAttribute<Context> CONTEXT_ATTRIBUTE = findAttribute("CONTEXT_ATTRIBUTE");

	private static final ExecutionAttribute<SdkRequest> REQUEST_ATTRIBUTE = findAttribute("SDK_REQUEST_ATTRIBUTE");

	private UpstreamSpans() {
	}

	/**
	 * Returns whether the span of a call can be found with this version of the library.
	 * @return whether spans can be enriched
	 */
	public static boolean available() {
		return CONTEXT_ATTRIBUTE != null;
	}

	/**
	 * Returns the span of the call, or {@code null} when the call is not traced.
	 * @param executionAttributes the call's attributes
	 * @return the span or {@code null}
	 */
	public static Span span(ExecutionAttributes executionAttributes) {
		Context context = context(executionAttributes);
		return (context != null) ? Span.fromContextOrNull(context) : null;
	}

	/**
	 * Returns the context of the call: its span in the caller's context, with the
	 * caller's baggage.
	 * @param executionAttributes the call's attributes
	 * @return the context, or {@code null} when the call is not traced
	 */
	public static Context context(ExecutionAttributes executionAttributes) {
		return (CONTEXT_ATTRIBUTE != null) ? executionAttributes.getAttribute(CONTEXT_ATTRIBUTE) : null;
	}

	/**
	 * Returns the request as the application made it, before the library changed it.
	 * @param executionAttributes the call's attributes
	 * @return the request, or {@code null} when unknown
	 */
	public static SdkRequest originalRequest(ExecutionAttributes executionAttributes) {
		return (REQUEST_ATTRIBUTE != null) ? executionAttributes.getAttribute(REQUEST_ATTRIBUTE) : null;
	}

	@SuppressWarnings("unchecked")
	private static <T> ExecutionAttribute<T> findAttribute(String name) {
		try {
			Field field = Class.forName(INTERCEPTOR_CLASS, false, UpstreamSpans.class.getClassLoader())
				.getDeclaredField(name);
			field.setAccessible(true);
			return (ExecutionAttribute<T>) field.get(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("This version of opentelemetry-aws-sdk-2.2 does not expose " + name
					+ " to other interceptors: AWS spans will lack what the starter adds to them (" + ex + ")");
			return null;
		}
	}

}
