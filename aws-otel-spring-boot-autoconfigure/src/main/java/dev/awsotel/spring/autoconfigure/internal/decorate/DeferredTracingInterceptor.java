/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import dev.awsotel.spring.autoconfigure.internal.registry.ClientFigures;
import dev.awsotel.spring.autoconfigure.internal.trace.Attempts;
import dev.awsotel.spring.autoconfigure.internal.trace.DelegatingExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The interceptor that lets a client be traced after it was built, at no per-call cost.
 * <p>
 * It is named in the SDK's global {@code execution.interceptors} resource, so the SDK
 * puts a fresh instance of it into every client it builds. The instance does nothing
 * until the post-processor finds it in a client bean's configuration and arms it with the
 * tracing interceptor. A client therefore runs exactly the interceptor chain it would run
 * had the tracing interceptor been added on its builder, with no proxy and no per-request
 * copy of the client configuration.
 * <p>
 * Clients that are not beans keep an unarmed instance and are not traced, unless the
 * application opted in to tracing them ({@code otel.aws.non-bean-clients}).
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class DeferredTracingInterceptor extends DelegatingExecutionInterceptor {

	private static final AtomicReferenceFieldUpdater<DeferredTracingInterceptor, ExecutionInterceptor> ARMED = AtomicReferenceFieldUpdater
		.newUpdater(DeferredTracingInterceptor.class, ExecutionInterceptor.class, "armed");

	private static volatile ExecutionInterceptor forClientsNotArmed;

	private volatile ExecutionInterceptor armed;

	private volatile Duration attemptTimeout;

	private volatile Duration callTimeout;

	private volatile ClientFigures figures;

	/**
	 * Creates an unarmed instance. Called by the SDK for each client it builds.
	 */
	public DeferredTracingInterceptor() {
	}

	private DeferredTracingInterceptor(ExecutionInterceptor armed) {
		this.armed = armed;
	}

	/**
	 * Creates an instance that traces from the start, for a client that the SDK did not
	 * give one to.
	 * @param tracing the tracing interceptor
	 * @return an armed instance
	 */
	static DeferredTracingInterceptor armedWith(ExecutionInterceptor tracing) {
		return new DeferredTracingInterceptor(tracing);
	}

	/**
	 * Arms this instance, once, with the client's timeouts and figures to keep up to
	 * date.
	 * @param tracing the tracing interceptor
	 * @param attemptTimeout the client's attempt timeout, or {@code null}
	 * @param callTimeout the client's call timeout, or {@code null}
	 * @param figures the client's figures, or {@code null}
	 * @return {@code true} if this call armed it
	 */
	synchronized boolean arm(ExecutionInterceptor tracing, Duration attemptTimeout, Duration callTimeout,
			ClientFigures figures) {
		if (this.armed != null) {
			return false;
		}
		this.attemptTimeout = attemptTimeout;
		this.callTimeout = callTimeout;
		this.figures = figures;
		return ARMED.compareAndSet(this, null, tracing);
	}

	/**
	 * Returns the figures this instance keeps.
	 * @return the figures, or {@code null}
	 */
	ClientFigures figures() {
		return this.figures;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		if (this.armed != null) {
			Duration timeout = this.attemptTimeout;
			if (timeout != null) {
				executionAttributes.putAttribute(Attempts.ATTEMPT_TIMEOUT, timeout);
			}
			Duration callTimeout = this.callTimeout;
			if (callTimeout != null) {
				executionAttributes.putAttribute(Attempts.CALL_TIMEOUT, callTimeout);
			}
			ClientFigures clientFigures = this.figures;
			if (clientFigures != null) {
				executionAttributes.putAttribute(ClientFigures.ATTRIBUTE, clientFigures);
			}
		}
		super.beforeExecution(context, executionAttributes);
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		super.afterExecution(context, executionAttributes);
		record(executionAttributes, false);
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		super.onExecutionFailure(context, executionAttributes);
		record(executionAttributes, true);
	}

	private void record(ExecutionAttributes executionAttributes, boolean failed) {
		ClientFigures clientFigures = executionAttributes.getAttribute(ClientFigures.ATTRIBUTE);
		Attempts attempts = Attempts.of(executionAttributes);
		if (clientFigures != null && attempts != null) {
			clientFigures.recordCall(attempts.elapsedNanos(), failed, attempts.count(), attempts.throttledCount());
		}
	}

	boolean isArmed() {
		return this.armed != null;
	}

	/**
	 * Finds the instance in a client's interceptors.
	 * @param interceptors the interceptors of a client's configuration
	 * @return the instance, or {@code null} if the client has none
	 */
	static DeferredTracingInterceptor in(List<ExecutionInterceptor> interceptors) {
		for (ExecutionInterceptor interceptor : interceptors) {
			if (interceptor instanceof DeferredTracingInterceptor deferred) {
				return deferred;
			}
		}
		return null;
	}

	/**
	 * Sets the interceptor that every unarmed instance uses: how clients that are not
	 * beans get traced when the application opts in.
	 * @param tracing the tracing interceptor, or {@code null} to stop tracing them
	 */
	static void traceClientsNotArmed(ExecutionInterceptor tracing) {
		forClientsNotArmed = tracing;
	}

	/**
	 * Stops tracing unarmed clients if {@code tracing} is what they use now.
	 * @param tracing the interceptor set earlier
	 */
	static void stopTracingClientsNotArmed(ExecutionInterceptor tracing) {
		if (forClientsNotArmed == tracing) {
			forClientsNotArmed = null;
		}
	}

	@Override
	protected ExecutionInterceptor delegate() {
		ExecutionInterceptor tracing = this.armed;
		return (tracing != null) ? tracing : forClientsNotArmed;
	}

}
