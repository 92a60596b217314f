/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The HTTP attempts of one AWS call, as they happen: when each started and ended, the
 * status it got and the error it carried.
 *
 * @author aws-otel-spring-boot authors
 */
public final class Attempts {

	private static final ExecutionAttribute<Attempts> ATTRIBUTE = new ExecutionAttribute<>(Attempts.class.getName());

	/**
	 * The attempt timeout of the client making a call, when it has one.
	 */
	public static final ExecutionAttribute<java.time.Duration> ATTEMPT_TIMEOUT = new ExecutionAttribute<>(
			Attempts.class.getName() + ".AttemptTimeout");

	/**
	 * The call timeout of the client making a call, when it has one.
	 */
	public static final ExecutionAttribute<java.time.Duration> CALL_TIMEOUT = new ExecutionAttribute<>(
			Attempts.class.getName() + ".CallTimeout");

	static final String TIMEOUT = "software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException";

	static final String IO_FAILURE = "java.io.IOException";

	private final long callStartNanos = System.nanoTime();

	private final long attemptTimeoutNanos;

	private final List<Attempt> attempts = new ArrayList<>(1);

	private Attempt current;

	private final AtomicBoolean callEnded = new AtomicBoolean();

	private volatile Future<?> callTimeoutWatch;

	private volatile SdkHttpRequest httpRequest;

	private Attempts(java.time.Duration attemptTimeout) {
		this.attemptTimeoutNanos = (attemptTimeout != null) ? attemptTimeout.toNanos() : 0;
	}

	static Attempts start(ExecutionAttributes executionAttributes, java.time.Duration requestAttemptTimeout) {
		Attempts attempts = new Attempts((requestAttemptTimeout != null) ? requestAttemptTimeout
				: executionAttributes.getAttribute(ATTEMPT_TIMEOUT));
		executionAttributes.putAttribute(ATTRIBUTE, attempts);
		return attempts;
	}

	/**
	 * Returns the attempts of a call.
	 * @param executionAttributes the call's attributes
	 * @return the attempts, or {@code null} if the call is not traced
	 */
	public static Attempts of(ExecutionAttributes executionAttributes) {
		return executionAttributes.getAttribute(ATTRIBUTE);
	}

	/**
	 * Ends the call, once: whichever of the SDK's last hook and the call timeout watch
	 * comes first ends it, and the other does nothing.
	 * @return {@code true} if this ended the call
	 */
	boolean endCall() {
		if (!this.callEnded.compareAndSet(false, true)) {
			return false;
		}
		Future<?> watch = this.callTimeoutWatch;
		if (watch != null) {
			watch.cancel(false);
		}
		return true;
	}

	void httpRequest(SdkHttpRequest request) {
		this.httpRequest = request;
	}

	SdkHttpRequest httpRequest() {
		return this.httpRequest;
	}

	void watchCallTimeout(Future<?> watch) {
		this.callTimeoutWatch = watch;
		if (this.callEnded.get()) {
			watch.cancel(false);
		}
	}

	synchronized void transmitting(long backoffNanos) {
		// An attempt still open failed without a response (a timeout, a reset
		// connection): it ended when the SDK's back-off before this one began.
		long now = EpochNanos.now();
		if (this.current != null && !this.current.ended()) {
			long end = Math.max(this.current.startEpochNanos(), now - backoffNanos);
			this.current.endWithoutResponse(end, noResponseType(end - this.current.startEpochNanos()));
		}
		this.current = new Attempt(this.attempts.size() + 1, now);
		this.attempts.add(this.current);
	}

	synchronized void responded(int status, String errorType, boolean throttled) {
		if (this.current != null) {
			this.current.end(EpochNanos.now(), status, errorType, throttled);
		}
	}

	/**
	 * Returns the attempt in flight, or the last one.
	 * @return the attempt, or {@code null} before the first
	 */
	synchronized Attempt current() {
		return this.current;
	}

	/**
	 * Replaces the error type that an attempt's status gave with the error code its
	 * response body names.
	 * @param attempt the attempt
	 * @param errorType the error code
	 * @param throttled whether the code means throttling
	 */
	synchronized void errorType(Attempt attempt, String errorType, boolean throttled) {
		if (attempt != null && attempt.errorType() != null) {
			attempt.refineError(errorType, throttled);
		}
	}

	synchronized void finish(String failureType) {
		if (this.current != null && !this.current.ended()) {
			this.current.end(EpochNanos.now(), null, failureType, false);
		}
		this.current = null;
	}

	/**
	 * Names what cut an attempt that got no response. The SDK aborts an attempt when its
	 * timeout passes, so one that lasted that long was cut by it; one that ended sooner
	 * failed on the connection (reset, refused, closed). A call that then failed names
	 * each attempt's exception exactly; this is for calls that then succeeded.
	 */
	private String noResponseType(long durationNanos) {
		boolean timedOut = this.attemptTimeoutNanos > 0 && durationNanos >= this.attemptTimeoutNanos * 95 / 100;
		return timedOut ? TIMEOUT : IO_FAILURE;
	}

	/**
	 * Returns the attempts so far.
	 * @return the attempts, first first
	 */
	public synchronized List<Attempt> list() {
		return List.copyOf(this.attempts);
	}

	/**
	 * Returns how many attempts were made.
	 * @return the count
	 */
	public synchronized int count() {
		return this.attempts.size();
	}

	/**
	 * Returns how many attempts were throttled.
	 * @return the count
	 */
	public synchronized int throttledCount() {
		int throttled = 0;
		// Indexed: once per call, on the common path, without an iterator.
		for (int i = 0; i < this.attempts.size(); i++) {
			if (this.attempts.get(i).throttled()) {
				throttled++;
			}
		}
		return throttled;
	}

	/**
	 * Returns the time since the call started.
	 * @return the duration in nanoseconds
	 */
	public long elapsedNanos() {
		return System.nanoTime() - this.callStartNanos;
	}

	/**
	 * One HTTP attempt.
	 */
	public static final class Attempt {

		private final int number;

		private final long startEpochNanos;

		private long endEpochNanos;

		private Integer status;

		private String errorType;

		private boolean throttled;

		private boolean ended;

		private boolean withoutResponse;

		Attempt(int number, long startEpochNanos) {
			this.number = number;
			this.startEpochNanos = startEpochNanos;
		}

		void end(long endEpochNanos, Integer status, String errorType, boolean throttled) {
			this.endEpochNanos = endEpochNanos;
			this.status = status;
			this.errorType = errorType;
			this.throttled = throttled;
			this.ended = true;
		}

		void endWithoutResponse(long endEpochNanos, String errorType) {
			end(endEpochNanos, null, errorType, false);
			this.withoutResponse = true;
		}

		boolean withoutResponse() {
			return this.withoutResponse;
		}

		void refineError(String errorType, boolean throttled) {
			this.errorType = errorType;
			this.throttled = this.throttled || throttled;
		}

		public int number() {
			return this.number;
		}

		public long startEpochNanos() {
			return this.startEpochNanos;
		}

		public long endEpochNanos() {
			return this.endEpochNanos;
		}

		public Integer status() {
			return this.status;
		}

		public String errorType() {
			return this.errorType;
		}

		public boolean throttled() {
			return this.throttled;
		}

		boolean ended() {
			return this.ended;
		}

	}

	static final class EpochNanos {

		private EpochNanos() {
		}

		static long now() {
			java.time.Instant now = java.time.Instant.now();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		}

	}

}
