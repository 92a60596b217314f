/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

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
 * {@link #afterProcessing(Message, Throwable)}. The span is found again by the message's
 * id, so that a listener that completes on another thread still ends it; a scope is only
 * ever closed on the thread that opened it.
 *
 * @author aws-otel-spring-boot authors
 */
final class SqsListenerTracing implements MessageInterceptor<Object> {

	// A listener that completed on another thread leaves the scope open on the thread
	// that began the message: the next message on that thread closes it first.
	private static final ThreadLocal<Processing> open = new ThreadLocal<>();

	private final SqsMessagePropagation propagation;

	// By message id rather than in a header: Spring Cloud AWS turns every header of a
	// message the application sends on into a message attribute.
	private final Map<UUID, Processing> processing = new ConcurrentHashMap<>();

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
		UUID id = message.getHeaders().getId();
		if (id != null) {
			Processing earlier = this.processing.put(id, processing);
			if (earlier != null) {
				// The same message again before its earlier delivery ended.
				earlier.end();
			}
		}
		return message;
	}

	@Override
	public void afterProcessing(Message<Object> message, Throwable failure) {
		UUID id = (message != null) ? message.getHeaders().getId() : null;
		Processing processing = (id != null) ? this.processing.remove(id) : null;
		if (processing == null) {
			processing = open.get();
		}
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

	}

}
