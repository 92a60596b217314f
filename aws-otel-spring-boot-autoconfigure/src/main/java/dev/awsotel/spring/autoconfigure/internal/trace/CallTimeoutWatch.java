/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 *
 * @author aws-otel-spring-boot authors
 */
final class CallTimeoutWatch {

	private static final long MIN_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private static volatile ScheduledThreadPoolExecutor scheduler;

	private CallTimeoutWatch() {
	}

	/**
	 * Runs {@code onTimeout} when a call timeout has passed, unless cancelled first.
	 * @param timeout the call timeout
	 * @param onTimeout what to do then
	 * @return the watch, to cancel when the call ends
	 */
	static Future<?> schedule(Duration timeout, Runnable onTimeout) {
		long nanos = timeout.toNanos();
		long grace = Math.max(MIN_GRACE_NANOS, nanos / 10);
		return scheduler().schedule(onTimeout, nanos + grace, TimeUnit.NANOSECONDS);
	}

	private static ScheduledThreadPoolExecutor scheduler() {
		ScheduledThreadPoolExecutor current = scheduler;
		if (current == null) {
			synchronized (CallTimeoutWatch.class) {
				current = scheduler;
				if (current == null) {
					current = new ScheduledThreadPoolExecutor(1, (task) -> {
						Thread thread = new Thread(task, "aws-otel-call-timeout");
						thread.setDaemon(true);
						return thread;
					});
					current.setRemoveOnCancelPolicy(true);
					scheduler = current;
				}
			}
		}
		return current;
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
