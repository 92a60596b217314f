/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.awsotel.spring.autoconfigure.internal.messaging.SqsMessagePropagation;
import io.awspring.cloud.sqs.MessageHeaderUtils;
import io.awspring.cloud.sqs.listener.AsyncAdapterBlockingExecutionFailedException;
import io.awspring.cloud.sqs.listener.ListenerExecutionFailedException;
import io.awspring.cloud.sqs.listener.SqsHeaders;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import org.springframework.messaging.Message;

/**
 * Runs each message a Spring Cloud AWS listener container hands to its listener inside
 * the message's process span, child of the producer's context, so that what the listener
 * does (its own spans, the AWS calls it makes) joins the producer's trace. A batch
 * listener ({@code List<Message>}) runs inside one process span for the batch, linked to
 * each message's producer, as the messaging semantic conventions have it.
 * <p>
 * Spring Cloud AWS runs the interceptors it was given before and after the listener, on
 * the thread that runs a blocking listener: the span is made current in
 * {@link #intercept(Message)} and ended, with the listener's failure if any, in
 * {@link #afterProcessing(Message, Throwable)}. The span is found again by the message's
 * id, so that a listener that completes on another thread still ends it; a scope is only
 * ever closed on the thread that opened it. A container that got this interceptor twice
 * (a container bean built from a factory bean: both get it) runs its message in one span:
 * the inner call finds the message's span open on its thread and leaves it be.
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
		UUID id = message.getHeaders().getId();
		if (enteredAgain(List.of(message))) {
			return message;
		}
		closeAbandoned();
		Object source = message.getHeaders().get(SqsHeaders.SQS_SOURCE_DATA_HEADER);
		if (!(source instanceof software.amazon.awssdk.services.sqs.model.Message sqsMessage)) {
			return message;
		}
		start(this.propagation.startProcessing(sqsMessage, queueName(message)), (id != null) ? List.of(id) : List.of());
		return message;
	}

	@Override
	public Collection<Message<Object>> intercept(Collection<Message<Object>> messages) {
		if (messages.isEmpty() || enteredAgain(messages)) {
			return messages;
		}
		closeAbandoned();
		List<software.amazon.awssdk.services.sqs.model.Message> sqsMessages = new ArrayList<>(messages.size());
		List<UUID> ids = new ArrayList<>(messages.size());
		String queue = null;
		for (Message<Object> message : messages) {
			if (message.getHeaders()
				.get(SqsHeaders.SQS_SOURCE_DATA_HEADER) instanceof software.amazon.awssdk.services.sqs.model.Message sqsMessage) {
				sqsMessages.add(sqsMessage);
				queue = (queue != null) ? queue : queueName(message);
			}
			UUID id = message.getHeaders().getId();
			if (id != null) {
				ids.add(id);
			}
		}
		if (sqsMessages.isEmpty()) {
			return messages;
		}
		start(this.propagation.startBatchProcessing(sqsMessages, queue), ids);
		return messages;
	}

	@Override
	public void afterProcessing(Message<Object> message, Throwable failure) {
		end((message != null) ? List.of(message) : List.of(), failure);
	}

	@Override
	public void afterProcessing(Collection<Message<Object>> messages, Throwable failure) {
		end((messages != null) ? messages : List.of(), failure);
	}

	private void start(Context context, List<UUID> ids) {
		if (context == null) {
			// Propagation is off: no span of ours to make current or end.
			return;
		}
		Processing processing = new Processing(Span.fromContext(context), context.makeCurrent(), Thread.currentThread(),
				ids, this.propagation::processingEnded);
		open.set(processing);
		for (UUID id : ids) {
			Processing earlier = this.processing.put(id, processing);
			if (earlier != null && earlier != processing) {
				// The same message again before its earlier delivery ended.
				earlier.end();
			}
		}
	}

	private void end(Collection<Message<Object>> messages, Throwable failure) {
		Processing processing = null;
		for (Message<Object> message : messages) {
			UUID id = message.getHeaders().getId();
			processing = (id != null) ? this.processing.get(id) : null;
			if (processing != null) {
				break;
			}
		}
		if (processing == null) {
			processing = open.get();
		}
		if (processing == null || processing.leftAgain()) {
			return;
		}
		if (failure != null) {
			Throwable cause = unwrap(failure);
			this.propagation.processingFailed(processing.span, cause);
		}
		for (UUID id : processing.ids) {
			this.processing.remove(id, processing);
		}
		processing.end();
	}

	/**
	 * Returns whether these messages' process span is already open on this thread: this
	 * interceptor runs a second time for them.
	 * @param messages the messages the interceptor is called for
	 * @return whether their process span is already open
	 */
	private static boolean enteredAgain(Collection<Message<Object>> messages) {
		Processing current = open.get();
		if (current == null || current.isEnded()) {
			return false;
		}
		for (Message<Object> message : messages) {
			UUID id = message.getHeaders().getId();
			if (id == null || !current.ids.contains(id)) {
				return false;
			}
		}
		current.enteredAgain();
		return true;
	}

	private static String queueName(Message<Object> message) {
		return MessageHeaderUtils.getHeaderAsString(message, SqsHeaders.SQS_QUEUE_NAME_HEADER);
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
	 * @param failure what the container reported
	 * @return the listener's own exception
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

		private final List<UUID> ids;

		private final Consumer<Span> ended;

		private int reentries;

		private boolean spanEnded;

		private boolean scopeClosed;

		Processing(Span span, Scope scope, Thread thread, List<UUID> ids, Consumer<Span> ended) {
			this.span = span;
			this.scope = scope;
			this.thread = thread;
			this.ids = ids;
			this.ended = ended;
		}

		synchronized void enteredAgain() {
			this.reentries++;
		}

		/**
		 * Counts one after-processing call of an interceptor that entered again: only the
		 * last one ends the span.
		 * @return whether the span stays open for a later call
		 */
		synchronized boolean leftAgain() {
			if (this.reentries > 0) {
				this.reentries--;
				return true;
			}
			return false;
		}

		synchronized boolean isEnded() {
			return this.spanEnded;
		}

		synchronized void end() {
			if (!this.spanEnded) {
				this.spanEnded = true;
				this.ended.accept(this.span);
			}
			if (!this.scopeClosed && this.thread == Thread.currentThread()) {
				this.scopeClosed = true;
				this.scope.close();
				open.remove();
			}
		}

	}

}
