/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

/**
 * How the HTTP attempts of an AWS call show on its span.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public enum AttemptMode {

	/**
	 * A child span per attempt, under the operation span.
	 */
	SPANS,

	/**
	 * An event per attempt, on the operation span.
	 */
	EVENTS,

	/**
	 * The operation span alone (it still carries the resend count and throttle flag).
	 */
	NONE

}
