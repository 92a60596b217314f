/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * The HTTP attempts of one AWS call, as they happen: when each started and ended, the
 * status it got and the error it carried.
 * <p>
 * One instance per call, on every traced call: it is kept as small as the common call
 * allows. The first attempt needs no list, times are read from the monotonic clock and
 * turned into epoch time only when an attempt is shown, and the end-once flag is a field.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class Attempts {

	// Part of each execution attribute's name: the SDK refuses two attributes of one name
	// in a JVM, and this class is defined again, beside the SDK, by each restart class
	// loader that loads the starter (DevTools with the starter in the workspace) or by a
	// second application in the same server.
	private static final String DEFINITION = "@" + Integer.toHexString(System.identityHashCode(Attempts.class));

	private static final ExecutionAttribute<Attempts> ATTRIBUTE = new ExecutionAttribute<>(
			Attempts.class.getName() + DEFINITION);

	/**
	 * The attempt timeout of the client making a call, when it has one.
	 */
	public static final ExecutionAttribute<java.time.Duration> ATTEMPT_TIMEOUT = new ExecutionAttribute<>(
			Attempts.class.getName() + ".AttemptTimeout" + DEFINITION);

	/**
	 * The call timeout of the client making a call, when it has one.
	 */
	public static final ExecutionAttribute<java.time.Duration> CALL_TIMEOUT = new ExecutionAttribute<>(
			Attempts.class.getName() + ".CallTimeout" + DEFINITION);

	static final String TIMEOUT = "software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException";

	static final String IO_FAILURE = "java.io.IOException";

	private static final int NO_STATUS = -1;

	private static final AtomicIntegerFieldUpdater<Attempts> CALL_ENDED = AtomicIntegerFieldUpdater
		.newUpdater(Attempts.class, "callEnded");

	// The call's start on the wall clock and on the monotonic clock, read together as the
	// call's span reads them (OpenTelemetry anchors a trace's times once, then adds
	// monotonic time): attempts are placed on that same timeline. An offset read later
	// (when an attempt is first shown) put them off the span's timeline by as much as
	// the wall clock had been slewed meanwhile: 6 ms in 1.5 s on a CI machine.
	private final long callStartEpochNanos = EpochNanos.now();

	private final long callStartNanos = System.nanoTime();

	private final long attemptTimeoutNanos;

	// The first attempt, and a list only for a call that needed more.
	private Attempt first;

	private List<Attempt> retries;

	private Attempt current;

	private volatile int callEnded;

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
		if (!CALL_ENDED.compareAndSet(this, 0, 1)) {
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
		if (this.callEnded != 0) {
			watch.cancel(false);
		}
	}

	synchronized void transmitting(long backoffNanos) {
		// An attempt still open failed without a response (a timeout, a reset
		// connection): it ended when the SDK's back-off before this one began.
		long now = System.nanoTime();
		if (this.current != null && !this.current.ended()) {
			long end = Math.max(this.current.startNanos, now - backoffNanos);
			this.current.endWithoutResponse(end, noResponseType(end - this.current.startNanos));
		}
		this.current = new Attempt(this, count() + 1, now);
		if (this.first == null) {
			this.first = this.current;
		}
		else {
			if (this.retries == null) {
				this.retries = new ArrayList<>(2);
			}
			this.retries.add(this.current);
		}
	}

	synchronized void responded(int status, String errorType, boolean throttled) {
		if (this.current != null) {
			this.current.end(System.nanoTime(), status, errorType, throttled);
		}
	}

	/**
	 * Turns a reading of the monotonic clock taken during this call into epoch time.
	 * Every attempt of the call is placed with the same offset, so their order and
	 * durations are exact.
	 * @param nanoTime a reading of {@link System#nanoTime()}
	 * @return the same instant in nanoseconds since the epoch
	 */
	long epochNanos(long nanoTime) {
		return this.callStartEpochNanos + (nanoTime - this.callStartNanos);
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
			this.current.end(System.nanoTime(), NO_STATUS, failureType, false);
		}
		this.current = null;
	}

	/**
	 * Names what cut an attempt that got no response. The SDK aborts an attempt when its
	 * timeout passes, so one that lasted that long was cut by it; one that ended sooner
	 * failed on the connection (reset, refused, closed). A call that then failed names
	 * each attempt's exception exactly; this is for calls that then succeeded.
	 * @param durationNanos how long the attempt lasted
	 * @return the error type to record
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
		if (this.first == null) {
			return List.of();
		}
		if (this.retries == null) {
			return List.of(this.first);
		}
		List<Attempt> all = new ArrayList<>(this.retries.size() + 1);
		all.add(this.first);
		all.addAll(this.retries);
		return List.copyOf(all);
	}

	/**
	 * Returns how many attempts were made.
	 * @return the count
	 */
	public synchronized int count() {
		return (this.first == null) ? 0 : 1 + ((this.retries != null) ? this.retries.size() : 0);
	}

	/**
	 * Returns how many attempts were throttled.
	 * @return the count
	 */
	public synchronized int throttledCount() {
		int throttled = (this.first != null && this.first.throttled()) ? 1 : 0;
		if (this.retries != null) {
			// Indexed: once per call, without an iterator.
			for (int i = 0; i < this.retries.size(); i++) {
				if (this.retries.get(i).throttled()) {
					throttled++;
				}
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

		private final Attempts call;

		private final int number;

		private final long startNanos;

		private long endNanos;

		// An int, not a boxed status: statuses from 128 up are not cached by the JDK.
		private int status = NO_STATUS;

		private String errorType;

		private boolean throttled;

		private boolean ended;

		private boolean withoutResponse;

		Attempt(Attempts call, int number, long startNanos) {
			this.call = call;
			this.number = number;
			this.startNanos = startNanos;
		}

		void end(long endNanos, int status, String errorType, boolean throttled) {
			this.endNanos = endNanos;
			this.status = status;
			this.errorType = errorType;
			this.throttled = throttled;
			this.ended = true;
		}

		void endWithoutResponse(long endNanos, String errorType) {
			end(endNanos, NO_STATUS, errorType, false);
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

		/**
		 * Returns when the attempt started.
		 * @return epoch time in nanoseconds
		 */
		public long startEpochNanos() {
			return this.call.epochNanos(this.startNanos);
		}

		/**
		 * Returns when the attempt ended.
		 * @return epoch time in nanoseconds
		 */
		public long endEpochNanos() {
			return this.call.epochNanos(this.endNanos);
		}

		/**
		 * Returns how long the attempt took.
		 * @return the duration in nanoseconds
		 */
		public long durationNanos() {
			return this.endNanos - this.startNanos;
		}

		/**
		 * Returns the HTTP status the attempt got.
		 * @return the status, or {@code null} if it got no response
		 */
		public Integer status() {
			return (this.status != NO_STATUS) ? this.status : null;
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
