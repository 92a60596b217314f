/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.time.Duration;
import java.util.ArrayList;
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
 * Clients that are not beans keep an unarmed instance and are not traced, unless an
 * application context opted in to tracing them
 * ({@code otel.aws.include-non-bean-clients}). The SDK builds such a client with no way
 * to tell which context it belongs to, so the choice is JVM-wide: of the live contexts
 * that opted in, the one that opted in last traces them; when it closes, the one before
 * it again; with none left, they are not traced. A closed context is forgotten, so that
 * nothing here keeps it reachable.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class DeferredTracingInterceptor extends DelegatingExecutionInterceptor {

	private static final AtomicReferenceFieldUpdater<DeferredTracingInterceptor, ExecutionInterceptor> ARMED = AtomicReferenceFieldUpdater
		.newUpdater(DeferredTracingInterceptor.class, ExecutionInterceptor.class, "armed");

	// The tracing of each live context that opted in, oldest first: a context's tracing
	// interceptor stands for it. Guarded by itself; the newest is copied into
	// forClientsNotArmed, which every call of an unarmed client reads without a lock.
	private static final List<ExecutionInterceptor> optedIn = new ArrayList<>();

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
	 * Makes clients that are not beans traced with {@code tracing}, for as long as the
	 * context it belongs to is live: from now on, and again whenever the contexts that
	 * opted in after it have closed.
	 * @param tracing the tracing interceptor of the context that opts in
	 */
	static void traceClientsNotArmed(ExecutionInterceptor tracing) {
		synchronized (optedIn) {
			removeFromOptedIn(tracing);
			optedIn.add(tracing);
			forClientsNotArmed = tracing;
		}
	}

	/**
	 * Forgets {@code tracing}, when its context closes: clients that are not beans go
	 * back to the context that opted in before it and is still live, or to no tracing.
	 * @param tracing the interceptor given to {@link #traceClientsNotArmed} earlier
	 */
	static void stopTracingClientsNotArmed(ExecutionInterceptor tracing) {
		synchronized (optedIn) {
			removeFromOptedIn(tracing);
			forClientsNotArmed = optedIn.isEmpty() ? null : optedIn.get(optedIn.size() - 1);
		}
	}

	private static void removeFromOptedIn(ExecutionInterceptor tracing) {
		// By identity: each context has its own interceptor.
		optedIn.removeIf((candidate) -> candidate == tracing);
	}

	/**
	 * Returns how many live application contexts have opted in to tracing clients that
	 * are not beans: zero once every context that did has closed.
	 * @return the number of contexts that opted in and are not closed
	 */
	public static int contextsTracingClientsNotArmed() {
		synchronized (optedIn) {
			return optedIn.size();
		}
	}

	@Override
	protected ExecutionInterceptor delegate() {
		ExecutionInterceptor tracing = this.armed;
		return (tracing != null) ? tracing : forClientsNotArmed;
	}

}
