/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import java.util.concurrent.CompletionException;

import dev.awsotel.spring.autoconfigure.messaging.SqsMessagePropagation;
import io.awspring.cloud.sqs.MessageHeaderUtils;
import io.awspring.cloud.sqs.listener.AsyncAdapterBlockingExecutionFailedException;
import io.awspring.cloud.sqs.listener.ListenerExecutionFailedException;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import org.springframework.messaging.Message;

/**
 * Runs each message a Spring Cloud AWS listener container hands to its listener inside
 * the message's process span, child of the producer's context, so that what the listener
 * does (its own spans, the AWS calls it makes) joins the producer's trace.
 * <p>
 * Spring Cloud AWS runs the interceptors it was given before and after the listener, on
 * the thread that runs a blocking listener: the span is made current in
 * {@link #intercept(Message)} and ended, with the listener's failure if any, in
 * {@link #afterProcessing(Message, Throwable)}. The span travels with the message in a
 * header, so that a listener that completes on another thread still ends it; a scope is
 * only ever closed on the thread that opened it.
 *
 * @author aws-otel-spring-boot authors
 */
final class SqsListenerTracing implements MessageInterceptor<Object> {

	/**
	 * The header that carries a message's processing from before to after the listener.
	 */
	static final String PROCESSING_HEADER = "awsotel_processing";

	// A listener that completed on another thread leaves the scope open on the thread
	// that began the message: the next message on that thread closes it first.
	private static final ThreadLocal<Processing> open = new ThreadLocal<>();

	private final SqsMessagePropagation propagation;

	SqsListenerTracing(SqsMessagePropagation propagation) {
		this.propagation = propagation;
	}

	@Override
	public Message<Object> intercept(Message<Object> message) {
		closeAbandoned();
		Object source = message.getHeaders().get(SqsHeaders.SQS_SOURCE_DATA_HEADER);
		if (!(source instanceof software.amazon.awssdk.services.sqs.model.Message sqsMessage)) {
			return message;
		}
		String queue = MessageHeaderUtils.getHeaderAsString(message, SqsHeaders.SQS_QUEUE_NAME_HEADER);
		Context context = this.propagation.startProcessing(sqsMessage, queue);
		Processing processing = new Processing(Span.fromContext(context), context.makeCurrent(),
				Thread.currentThread());
		open.set(processing);
		return MessageHeaderUtils.addHeaderIfAbsent(message, PROCESSING_HEADER, processing);
	}

	@Override
	public void afterProcessing(Message<Object> message, Throwable failure) {
		Object header = (message != null) ? message.getHeaders().get(PROCESSING_HEADER) : null;
		Processing processing = (header instanceof Processing carried) ? carried : open.get();
		if (processing == null) {
			return;
		}
		if (failure != null) {
			Throwable cause = unwrap(failure);
			processing.span.recordException(cause);
			processing.span.setStatus(StatusCode.ERROR);
		}
		processing.end();
	}

	private static void closeAbandoned() {
		Processing abandoned = open.get();
		if (abandoned != null) {
			abandoned.end();
		}
	}

	/**
	 * Returns the listener's own exception from the wrappers Spring Cloud AWS puts around
	 * it.
	 */
	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while (current.getCause() != null
				&& (current instanceof CompletionException || current instanceof ListenerExecutionFailedException
						|| current instanceof AsyncAdapterBlockingExecutionFailedException)) {
			current = current.getCause();
		}
		return current;
	}

	private static final class Processing {

		private final Span span;

		private final Scope scope;

		private final Thread thread;

		private boolean spanEnded;

		private boolean scopeClosed;

		Processing(Span span, Scope scope, Thread thread) {
			this.span = span;
			this.scope = scope;
			this.thread = thread;
		}

		synchronized void end() {
			if (!this.spanEnded) {
				this.spanEnded = true;
				this.span.end();
			}
			if (!this.scopeClosed && this.thread == Thread.currentThread()) {
				this.scopeClosed = true;
				this.scope.close();
				open.remove();
			}
		}

		@Override
		public String toString() {
			// Shown where Spring logs message headers: the span, never the context.
			return "Processing[" + this.span.getSpanContext().getSpanId() + "]";
		}

	}

}
