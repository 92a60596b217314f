/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.registry;

/**
 * How a client bean is traced, or why it is not.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public enum TracingMode {

	/**
	 * Traced by the interceptor the SDK put into the client when it was built, armed
	 * after the fact: the same per-call cost as an interceptor added on the builder.
	 */
	INTERCEPTOR(true, true),

	/**
	 * A client builder bean: every client it builds is traced.
	 */
	BUILDER(true, true),

	/**
	 * Traced through a proxy that adds the tracing interceptor to each request, because
	 * the client's configuration could not be reached. Costs more per call.
	 */
	PROXY(true, true),

	/**
	 * The application (or a library) already added OpenTelemetry's interceptor to the
	 * client: left as it is, so that no call is traced twice.
	 */
	ALREADY_INSTRUMENTED(true, false),

	/**
	 * The OpenTelemetry Java agent already put its interceptor into the client: left to
	 * the agent, so that no call is traced twice.
	 */
	JAVA_AGENT(true, false),

	/**
	 * Named in {@code otel.aws.excluded-beans}.
	 */
	EXCLUDED(false, false);

	private final boolean traced;

	private final boolean tracedByStarter;

	TracingMode(boolean traced, boolean tracedByStarter) {
		this.traced = traced;
		this.tracedByStarter = tracedByStarter;
	}

	/**
	 * Returns whether calls of a client in this mode produce spans.
	 * @return whether the client is traced
	 */
	public boolean isTraced() {
		return this.traced;
	}

	/**
	 * Returns whether the starter traces a client in this mode, so that its features
	 * (attempts, metrics, propagation) apply: a client left to the Java agent or to an
	 * interceptor the application added gets none of them.
	 * @return whether the starter's tracing is on the client
	 */
	public boolean isTracedByStarter() {
		return this.tracedByStarter;
	}

}
