/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

/**
 * What a received message's process span is the child of.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public enum ProcessSpanParent {

	/**
	 * The producer's context carried by the message: the consumer's work continues the
	 * producer's trace.
	 */
	PRODUCER,

	/**
	 * The span of the receive call, with a link to the producer's context: each poll is a
	 * trace of its own, linked to the traces that sent its messages.
	 */
	RECEIVE,

	/**
	 * The context current where the application received the message (the receive call's
	 * parent; for a message a framework hands over, the context current where it is
	 * handled), with a link to the producer's context; the producer's context where that
	 * one has no span. It is what OpenTelemetry's AWS SDK instrumentation (and so the
	 * Java agent) does with the stable messaging conventions: the consumer's work belongs
	 * to the consumer's trace, each message linked to the trace that sent it.
	 */
	CALLER

}
