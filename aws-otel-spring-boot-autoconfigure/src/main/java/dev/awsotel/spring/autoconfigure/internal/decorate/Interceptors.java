/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.util.List;

import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Reads a client's interceptor chain.
 *
 * @author aws-otel-spring-boot authors
 */
final class Interceptors {

	private static final String JAVA_AGENT_PACKAGE = "io.opentelemetry.javaagent.";

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
	/**
	 * Returns whether the OpenTelemetry Java agent put its interceptor into the chain.
	 * @param interceptors the chain
	 * @return whether the agent traces the client
	 */
	static boolean instrumentedByJavaAgent(List<ExecutionInterceptor> interceptors) {
		for (ExecutionInterceptor interceptor : interceptors) {
			if (interceptor.getClass().getName().startsWith(JAVA_AGENT_PACKAGE)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns whether the OpenTelemetry Java agent is attached with its AWS SDK
	 * instrumentation on, so that it puts its interceptor into every client the SDK
	 * builds.
	 * @return whether the agent traces AWS SDK clients
	 */
	static boolean javaAgentTracesAwsSdk() {
		try {
			// On the bootstrap class path only when the agent is attached.
			Class.forName("io.opentelemetry.javaagent.bootstrap.AgentInitializer", false, null);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		String enabled = setting("otel.instrumentation.aws-sdk.enabled");
		if (enabled == null) {
			enabled = setting("otel.instrumentation.common.default-enabled");
		}
		return enabled == null || Boolean.parseBoolean(enabled.trim());
	}

	private static String setting(String property) {
		String value = System.getProperty(property);
		if (value == null) {
			value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
		}
		return value;
	}

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
