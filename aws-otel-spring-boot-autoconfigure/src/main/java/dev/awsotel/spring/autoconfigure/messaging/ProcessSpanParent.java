/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.messaging;

/**
 * What a received message's process span is the child of.
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
	RECEIVE

}
