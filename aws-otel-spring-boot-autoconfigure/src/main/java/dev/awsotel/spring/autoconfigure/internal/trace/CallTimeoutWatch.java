/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Ends the span of an async call that its call timeout cut. When an async client's
 * {@code apiCallTimeout} passes, the SDK fails the caller's future with an
 * {@link ApiCallTimeoutException} but runs no interceptor hook for the call, then or
 * later: without this watch the call's span would never end, and the trace would lose it.
 * A sync call is not watched: the SDK runs its failure hooks on the caller's thread.
 * <p>
 * The watch fires a little after the timeout, so that a call that ended in time always
 * ends through the SDK's own hooks; a call with no call timeout costs nothing.
 * <p>
 * One watch belongs to one application context: its thread starts with the first watched
 * call and stops when the context closes ({@link #close()}). A call made after that is
 * not watched.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class CallTimeoutWatch implements AutoCloseable {

	/** The name of the watch's thread. */
	public static final String THREAD_NAME = "aws-otel-call-timeout";

	private static final long MIN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private @Nullable ScheduledThreadPoolExecutor scheduler;

	private boolean closed;

	/**
	 * Runs {@code onTimeout} when a call timeout has passed, unless cancelled first.
	 * @param timeout the call timeout
	 * @param onTimeout what to do then
	 * @return the watch, to cancel when the call ends, or {@code null} once this watch is
	 * closed
	 */
	@Nullable Future<?> schedule(Duration timeout, Runnable onTimeout) {
		long nanos = timeout.toNanos();
		long grace = Math.max(MIN_GRACE_NANOS, nanos / 10);
		ScheduledThreadPoolExecutor current = scheduler();
		if (current == null) {
			return null;
		}
		try {
			return current.schedule(onTimeout, nanos + grace, TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Closed meanwhile: the call goes on, unwatched.
			return null;
		}
	}

	private synchronized @Nullable ScheduledThreadPoolExecutor scheduler() {
		if (this.closed) {
			return null;
		}
		if (this.scheduler == null) {
			ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
				Thread thread = new Thread(task, THREAD_NAME);
				thread.setDaemon(true);
				return thread;
			});
			scheduler.setRemoveOnCancelPolicy(true);
			this.scheduler = scheduler;
		}
		return this.scheduler;
	}

	/**
	 * Returns whether the watch's thread has started and not been stopped.
	 * @return whether a thread runs for this watch
	 */
	public synchronized boolean isRunning() {
		return this.scheduler != null && !this.scheduler.isShutdown();
	}

	/**
	 * Returns how many calls the watch holds now: those still running, as a call that
	 * ends takes its watch away. It stays near the number of async calls in flight; a
	 * figure that grows with the calls made would be a leak.
	 * @return the calls watched, or {@code -1} when the watch's thread has not started or
	 * has stopped
	 */
	public synchronized int watchedCalls() {
		ScheduledThreadPoolExecutor current = this.scheduler;
		return (current != null && !current.isShutdown()) ? current.getQueue().size() : -1;
	}

	/**
	 * Stops the watch's thread, when its application context closes: the calls it still
	 * watches are left to the SDK, whose OpenTelemetry closes with the context too.
	 */
	@Override
	public void close() {
		ScheduledThreadPoolExecutor current;
		synchronized (this) {
			this.closed = true;
			current = this.scheduler;
		}
		if (current != null) {
			current.shutdownNow();
		}
	}

	/**
	 * The failure the SDK would have reported for a timed-out call, had it run the hook.
	 */
	static final class TimedOut implements Context.FailedExecution {

		private final SdkRequest request;

		private final SdkHttpRequest httpRequest;

		private final Throwable exception;

		TimedOut(SdkRequest request, SdkHttpRequest httpRequest, Duration timeout) {
			this.request = request;
			this.httpRequest = httpRequest;
			this.exception = ApiCallTimeoutException.create(timeout.toMillis());
		}

		@Override
		public Throwable exception() {
			return this.exception;
		}

		@Override
		public SdkRequest request() {
			return this.request;
		}

		@Override
		public Optional<SdkHttpRequest> httpRequest() {
			return Optional.ofNullable(this.httpRequest);
		}

		@Override
		public Optional<SdkHttpResponse> httpResponse() {
			return Optional.empty();
		}

		@Override
		public Optional<SdkResponse> response() {
			return Optional.empty();
		}

	}

}
