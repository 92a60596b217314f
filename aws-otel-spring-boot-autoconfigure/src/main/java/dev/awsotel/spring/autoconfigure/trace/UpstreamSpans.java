/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.trace;

import java.lang.reflect.Field;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;

/**
 * Finds the span that OpenTelemetry's AWS SDK interceptor started for a call. The library
 * keeps it in an execution attribute it does not publish; this is the one place that
 * reads it, so that an upstream change costs one missing enrichment, never a failed call.
 *
 * @author aws-otel-spring-boot authors
 */
final class UpstreamSpans {

	private static final Log logger = LogFactory.getLog(UpstreamSpans.class);

	private static final String INTERCEPTOR_CLASS = "io.opentelemetry.instrumentation.awssdk.v2_2.internal.TracingExecutionInterceptor";

	private static final ExecutionAttribute<Context> CONTEXT_ATTRIBUTE = findContextAttribute();

	private UpstreamSpans() {
	}

	static boolean available() {
		return CONTEXT_ATTRIBUTE != null;
	}

	/**
	 * Returns the span of the call, or {@code null} when the call is not traced.
	 * @param executionAttributes the call's attributes
	 * @return the span or {@code null}
	 */
	static Span span(ExecutionAttributes executionAttributes) {
		if (CONTEXT_ATTRIBUTE == null) {
			return null;
		}
		Context context = executionAttributes.getAttribute(CONTEXT_ATTRIBUTE);
		return (context != null) ? Span.fromContextOrNull(context) : null;
	}

	@SuppressWarnings("unchecked")
	private static ExecutionAttribute<Context> findContextAttribute() {
		try {
			Field field = Class.forName(INTERCEPTOR_CLASS, false, UpstreamSpans.class.getClassLoader())
				.getDeclaredField("CONTEXT_ATTRIBUTE");
			field.setAccessible(true);
			return (ExecutionAttribute<Context>) field.get(null);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("This version of opentelemetry-aws-sdk-2.2 does not expose its span to other interceptors: "
					+ "AWS spans will lack aws.region and cloud.region (" + ex + ")");
			return null;
		}
	}

}
