/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.genai;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.eventstream.EventStreamResponseHandler;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.ResponseStream;

/**
 * Response handlers of streaming calls that run the application's handler in the caller's
 * context: the SDK calls a handler, and the subscriber it gives the event stream, on its
 * own threads, where no context of the caller is current. Every callback is passed on
 * unchanged, in order, with what it was given.
 *
 * @author aws-otel-spring-boot authors
 */
final class CallerContextHandlers {

	private CallerContextHandlers() {
	}

	private abstract static class InContext<R, E> implements EventStreamResponseHandler<R, E> {

		private final EventStreamResponseHandler<R, E> delegate;

		private final Context context;

		InContext(EventStreamResponseHandler<R, E> delegate, Context context) {
			this.delegate = delegate;
			this.context = context;
		}

		@Override
		public void responseReceived(R response) {
			try (Scope scope = this.context.makeCurrent()) {
				this.delegate.responseReceived(response);
			}
		}

		@Override
		public void onEventStream(SdkPublisher<E> publisher) {
			try (Scope scope = this.context.makeCurrent()) {
				this.delegate.onEventStream(new InContextPublisher<>(publisher, this.context));
			}
		}

		@Override
		public void exceptionOccurred(Throwable throwable) {
			try (Scope scope = this.context.makeCurrent()) {
				this.delegate.exceptionOccurred(throwable);
			}
		}

		@Override
		public void complete() {
			try (Scope scope = this.context.makeCurrent()) {
				this.delegate.complete();
			}
		}

	}

	static final class Converse extends InContext<ConverseStreamResponse, ConverseStreamOutput>
			implements ConverseStreamResponseHandler {

		Converse(ConverseStreamResponseHandler delegate, Context context) {
			super(delegate, context);
		}

	}

	static final class InvokeModel extends InContext<InvokeModelWithResponseStreamResponse, ResponseStream>
			implements InvokeModelWithResponseStreamResponseHandler {

		InvokeModel(InvokeModelWithResponseStreamResponseHandler delegate, Context context) {
			super(delegate, context);
		}

	}

	private record InContextPublisher<E>(SdkPublisher<E> publisher, Context context) implements SdkPublisher<E> {

		@Override
		public void subscribe(Subscriber<? super E> subscriber) {
			this.publisher.subscribe(new InContextSubscriber<>(subscriber, this.context));
		}

	}

	private record InContextSubscriber<E>(Subscriber<E> subscriber, Context context) implements Subscriber<E> {

		@Override
		public void onSubscribe(Subscription subscription) {
			try (Scope scope = this.context.makeCurrent()) {
				this.subscriber.onSubscribe(subscription);
			}
		}

		@Override
		public void onNext(E event) {
			try (Scope scope = this.context.makeCurrent()) {
				this.subscriber.onNext(event);
			}
		}

		@Override
		public void onError(Throwable failure) {
			try (Scope scope = this.context.makeCurrent()) {
				this.subscriber.onError(failure);
			}
		}

		@Override
		public void onComplete() {
			try (Scope scope = this.context.makeCurrent()) {
				this.subscriber.onComplete();
			}
		}

	}

}
