/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.awsotel.spring.autoconfigure.internal.decorate.AsyncCallbackContext;
import dev.awsotel.spring.autoconfigure.internal.decorate.ClientProxy;
import dev.awsotel.spring.autoconfigure.internal.decorate.TracedClientCustomizer;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import org.springframework.util.ClassUtils;

/**
 * Hands the messages of a receive call to the application in a list that runs each
 * message's handling inside its process span. The SDK copies a response after the last
 * interceptor hook, and copies any list given to a response's builder, so that neither an
 * interceptor nor a rebuilt response can hand such a list over: a thin proxy on SQS
 * client beans puts it into the response when {@code receiveMessage} returns (or its
 * future completes), through {@link UpstreamInternals#handOverMessages} (checked once at
 * startup; when it is off the caller gets the SDK's response as it is), and passes every
 * other call straight through. It is what OpenTelemetry's {@code AwsSdkTelemetry.wrap()}
 * does, applied by the starter.
 * <p>
 * Clients that are not beans ({@code otel.aws.include-non-bean-clients}) have no proxy:
 * their receive calls are traced, but their messages are handed over as the SDK made
 * them, without process spans.
 * <p>
 * A client whose receives belong to Spring Cloud AWS's listener containers (marked by the
 * {@code cloudaws} integration, {@link #leaveReceivesToFramework}) is passed through: the
 * containers open each message's process span around the listener themselves, and a list
 * of ours would give each message a second, empty process span while Spring Cloud AWS
 * converts it.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class SqsReceiveHandover implements TracedClientCustomizer {

	private final UpstreamInternals internals;

	/**
	 * Creates the hand-over.
	 * @param internals what the versions on the class path honour
	 */
	public SqsReceiveHandover(UpstreamInternals internals) {
		this.internals = internals;
	}

	@Override
	public SdkClient customize(SdkClient client) {
		if (!this.internals.available(UpstreamInternals.Reliance.SQS_MESSAGES_HANDOVER)
				|| !(client instanceof SqsClient || client instanceof SqsAsyncClient)
				|| ClientProxy.applied(client, Handover.class)) {
			return client;
		}
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(client.getClass(),
				client.getClass().getClassLoader());
		return (SdkClient) Proxy.newProxyInstance(client.getClass().getClassLoader(), interfaces,
				new Handover(client, this.internals));
	}

	/**
	 * Leaves the receive calls of a client to the framework that makes them: its messages
	 * are handed over as the SDK made them.
	 * @param client a client bean, with or without the hand-over proxy
	 * @return whether the client had the hand-over proxy
	 */
	public static boolean leaveReceivesToFramework(Object client) {
		Object current = client;
		while (current != null && Proxy.isProxyClass(current.getClass())
				&& Proxy.getInvocationHandler(current) instanceof ClientProxy proxy) {
			if (proxy instanceof Handover handover) {
				handover.framework = true;
				return true;
			}
			current = proxy.target();
		}
		return false;
	}

	/**
	 * Returns whether the receive calls of a client are left to the framework that makes
	 * them.
	 * @param client a client bean
	 * @return whether its hand-over proxy passes its receives through
	 */
	public static boolean receivesLeftToFramework(Object client) {
		Object current = client;
		while (current != null && Proxy.isProxyClass(current.getClass())
				&& Proxy.getInvocationHandler(current) instanceof ClientProxy proxy) {
			if (proxy instanceof Handover handover) {
				return handover.framework;
			}
			current = proxy.target();
		}
		return false;
	}

	/**
	 * What the interceptor leaves for the proxy: the traced messages of one receive call.
	 * Travels in the OpenTelemetry context of the call, so it works on every thread the
	 * SDK uses.
	 */
	static final class ReceivedMessages implements ImplicitContextKeyed {

		private static final ContextKey<ReceivedMessages> KEY = ContextKey.named("aws-otel-sqs-received-messages");

		private final UpstreamInternals internals;

		private volatile @Nullable List<Message> messages;

		// Where the application made the receive call: the parent of process spans with
		// otel.aws.sqs.process-span-parent=caller.
		private final Context caller = Context.current();

		ReceivedMessages(UpstreamInternals internals) {
			this.internals = internals;
		}

		static @Nullable ReceivedMessages current() {
			return Context.current().get(KEY);
		}

		Context caller() {
			return this.caller;
		}

		void withholdUpstreamList(ExecutionAttributes executionAttributes) {
			this.internals.withholdReceivedMessages(executionAttributes);
		}

		void set(List<Message> messages) {
			this.messages = messages;
		}

		void handOver(Object response) {
			List<Message> traced = this.messages;
			if (traced != null && response instanceof ReceiveMessageResponse) {
				this.internals.handOverMessages(response, traced);
			}
		}

		@Override
		public Context storeInContext(Context context) {
			return context.with(KEY, this);
		}

	}

	private static final class Handover extends ClientProxy {

		private final UpstreamInternals internals;

		// Set once, before the framework's first receive (when the application context
		// has created its singletons).
		private volatile boolean framework;

		Handover(Object target, UpstreamInternals internals) {
			super(target);
			this.internals = internals;
		}

		@Override
		protected Object call(Method method, Object[] args) throws Throwable {
			if (this.framework || !"receiveMessage".equals(method.getName())) {
				// Callbacks on other calls' futures get the caller's context from
				// AsyncCallbackContext, the proxy every async client bean has.
				return invokeTarget(method, args);
			}
			// A receive loop left early keeps its last message's span current on this
			// thread: end it first, so that this receive does not become its child.
			ProcessingMessages.endAbandoned();
			ReceivedMessages received = new ReceivedMessages(this.internals);
			Object result;
			try (Scope scope = received.makeCurrent()) {
				result = invokeTarget(method, args);
			}
			if (result instanceof CompletableFuture<?> future) {
				return AsyncCallbackContext.completeInContext(future, Context.current(), received::handOver);
			}
			received.handOver(result);
			return result;
		}

	}

}
