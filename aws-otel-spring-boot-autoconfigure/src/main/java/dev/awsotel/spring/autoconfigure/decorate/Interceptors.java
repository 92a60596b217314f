/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.decorate;

import java.util.List;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Reads a client's interceptor chain.
 *
 * @author aws-otel-spring-boot authors
 */
final class Interceptors {

	private Interceptors() {
	}

	/**
	 * Returns whether OpenTelemetry's own AWS SDK interceptor is in the chain: added by
	 * the application by hand ({@code AwsSdkTelemetry.createExecutionInterceptor()}), by
	 * the OpenTelemetry Java agent, or by its library auto-configuration. Such a client
	 * is already traced; tracing it again would double every span.
	 * @param interceptors the chain
	 * @return whether the client is instrumented by OpenTelemetry already
	 */
	static boolean instrumentedByOpenTelemetry(List<ExecutionInterceptor> interceptors) {
		for (ExecutionInterceptor interceptor : interceptors) {
			Class<?> type = interceptor.getClass();
			if (type.getName().startsWith("io.opentelemetry.")
					&& type.getSimpleName().equals("TracingExecutionInterceptor")) {
				return true;
			}
		}
		return false;
	}

}
