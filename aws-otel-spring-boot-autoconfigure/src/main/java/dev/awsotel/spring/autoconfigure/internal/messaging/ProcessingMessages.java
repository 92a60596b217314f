/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * The messages of a receive call, as the application gets them: the same messages, in the
 * same order, in a list whose first iteration runs the application's handling of each
 * message inside that message's process span. The span starts when the application takes
 * the message ({@code next()}, or each {@code forEach} call) and ends when it takes the
 * next one or the iteration ends, so that spans the handler makes are its children. Later
 * iterations, and index access, are plain.
 *
 * @param <M> the message type
 * @author aws-otel-spring-boot authors
 */
final class ProcessingMessages<M> extends AbstractList<M> implements RandomAccess {

	// A thread that abandons an iteration half way would keep the last message's span
	// current; the next traced iteration or receive on that thread ends it.
	private static final ThreadLocal<TracingIterator<?>> open = new ThreadLocal<>();

	private final List<M> messages;

	private final Function<M, Context> startProcessing;

	private final BiConsumer<Span, Throwable> failed;

	private final Consumer<Span> ended;

	private final AtomicBoolean traced = new AtomicBoolean();

	ProcessingMessages(List<M> messages, Function<M, Context> startProcessing) {
		this(messages, startProcessing, (span, failure) -> {
			span.recordException(failure);
			span.setStatus(StatusCode.ERROR);
		});
	}

	ProcessingMessages(List<M> messages, Function<M, Context> startProcessing, BiConsumer<Span, Throwable> failed) {
		this(messages, startProcessing, failed, Span::end);
	}

	ProcessingMessages(List<M> messages, Function<M, Context> startProcessing, BiConsumer<Span, Throwable> failed,
			Consumer<Span> ended) {
		this.messages = messages;
		this.startProcessing = startProcessing;
		this.failed = failed;
		this.ended = ended;
	}

	/**
	 * Ends the process span that an abandoned iteration left current on this thread.
	 */
	static void endAbandoned() {
		TracingIterator<?> iterator = open.get();
		if (iterator != null) {
			iterator.endCurrent();
		}
	}

	@Override
	public M get(int index) {
		return this.messages.get(index);
	}

	@Override
	public int size() {
		return this.messages.size();
	}

	@Override
	public Iterator<M> iterator() {
		if (!this.traced.compareAndSet(false, true)) {
			return this.messages.iterator();
		}
		endAbandoned();
		return new TracingIterator<>(this.messages.iterator(), this.startProcessing, this.ended);
	}

	@Override
	public Spliterator<M> spliterator() {
		if (!this.traced.compareAndSet(false, true)) {
			return this.messages.spliterator();
		}
		endAbandoned();
		return new TracingSpliterator(this.messages.spliterator());
	}

	@Override
	public void forEach(Consumer<? super M> action) {
		if (!this.traced.compareAndSet(false, true)) {
			this.messages.forEach(action);
			return;
		}
		endAbandoned();
		for (M message : this.messages) {
			handle(message, action);
		}
	}

	private void handle(M message, Consumer<? super M> action) {
		Context processing = this.startProcessing.apply(message);
		Span span = Span.fromContext(processing);
		try (Scope scope = processing.makeCurrent()) {
			action.accept(message);
		}
		catch (RuntimeException | Error ex) {
			this.failed.accept(span, ex);
			throw ex;
		}
		finally {
			this.ended.accept(span);
		}
	}

	/**
	 * Runs each element's part of a stream pipeline inside its span: the scope closes
	 * with the element, even when the stream stops early ({@code findFirst}).
	 */
	private final class TracingSpliterator implements Spliterator<M> {

		private final Spliterator<M> delegate;

		TracingSpliterator(Spliterator<M> delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean tryAdvance(Consumer<? super M> action) {
			return this.delegate.tryAdvance((message) -> handle(message, action));
		}

		@Override
		public Spliterator<M> trySplit() {
			// One message after the other, so that each span is current on one thread.
			return null;
		}

		@Override
		public long estimateSize() {
			return this.delegate.estimateSize();
		}

		@Override
		public int characteristics() {
			return this.delegate.characteristics() & ~Spliterator.SUBSIZED;
		}

	}

	private static final class TracingIterator<M> implements Iterator<M> {

		private final Iterator<M> messages;

		private final Function<M, Context> startProcessing;

		private final Consumer<Span> ended;

		private Span span;

		private Scope scope;

		private Thread thread;

		TracingIterator(Iterator<M> messages, Function<M, Context> startProcessing, Consumer<Span> ended) {
			this.messages = messages;
			this.startProcessing = startProcessing;
			this.ended = ended;
		}

		@Override
		public boolean hasNext() {
			boolean hasNext = this.messages.hasNext();
			if (!hasNext) {
				endCurrent();
			}
			return hasNext;
		}

		@Override
		public M next() {
			endCurrent();
			M message = this.messages.next();
			Context processing = this.startProcessing.apply(message);
			this.span = Span.fromContext(processing);
			this.scope = processing.makeCurrent();
			this.thread = Thread.currentThread();
			open.set(this);
			return message;
		}

		void endCurrent() {
			if (this.span == null) {
				return;
			}
			// A scope is closed on the thread that opened it, or not at all.
			if (this.thread == Thread.currentThread()) {
				this.scope.close();
				// Cleared, not removed: the thread's next message sets it again, and a
				// removed entry would be made anew for each message.
				open.set(null);
			}
			this.ended.accept(this.span);
			this.span = null;
			this.scope = null;
		}

	}

}
