/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.awsotel.spring.autoconfigure.internal.decorate.ClientProxy;
import dev.awsotel.spring.autoconfigure.internal.decorate.TracedClientCustomizer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.ImplicitContextKeyed;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import org.springframework.util.ClassUtils;

/**
 * Hands the messages of a receive call to the application in a list that runs each
 * message's handling inside its process span. The SDK copies a response after the last
 * interceptor hook, so no interceptor can replace the list the caller gets: a thin proxy
 * on SQS client beans does it when {@code receiveMessage} returns (or its future
 * completes), and passes every other call straight through. It is what OpenTelemetry's
 * {@code AwsSdkTelemetry.wrap()} does, applied by the starter.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class SqsReceiveHandover implements TracedClientCustomizer {

	private static final Log logger = LogFactory.getLog(SqsReceiveHandover.class);

	private static final Field MESSAGES = messagesField();

	// Spring Cloud AWS's listener containers receive through the client bean and open
	// each message's process span around the listener themselves (see the cloudaws
	// package): their receives are passed through, or each message would get a second,
	// empty process span while Spring Cloud AWS converts it.
	private static final String FRAMEWORK_RECEIVERS = "io.awspring.cloud.sqs.listener.source.";

	private static final boolean FRAMEWORK_PRESENT = ClassUtils
		.isPresent(FRAMEWORK_RECEIVERS + "AbstractSqsMessageSource", SqsReceiveHandover.class.getClassLoader());

	@Override
	public SdkClient customize(SdkClient client) {
		if (MESSAGES == null || !(client instanceof SqsClient || client instanceof SqsAsyncClient)
				|| ClientProxy.applied(client, Handover.class)) {
			return client;
		}
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(client.getClass(),
				client.getClass().getClassLoader());
		return (SdkClient) Proxy.newProxyInstance(client.getClass().getClassLoader(), interfaces, new Handover(client));
	}

	/**
	 * Returns the client a hand-over proxy calls.
	 * @param client a client bean
	 * @return the client behind the proxy, or {@code client} itself
	 */
	public static Object unwrap(Object client) {
		if (Proxy.isProxyClass(client.getClass()) && Proxy.getInvocationHandler(client) instanceof Handover handover) {
			return handover.target();
		}
		return client;
	}

	private static Field messagesField() {
		try {
			Field field = ReceiveMessageResponse.class.getDeclaredField("messages");
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.warn("This version of the SQS SDK does not let received messages be handed over with their "
					+ "process spans: SQS consumers will not continue producers' traces (" + ex + ")");
			return null;
		}
	}

	/**
	 * What the interceptor leaves for the proxy: the traced messages of one receive call.
	 * Travels in the OpenTelemetry context of the call, so it works on every thread the
	 * SDK uses.
	 */
	static final class ReceivedMessages implements ImplicitContextKeyed {

		private static final ContextKey<ReceivedMessages> KEY = ContextKey.named("aws-otel-sqs-received-messages");

		private volatile List<Message> messages;

		// Where the application made the receive call: the parent of process spans with
		// otel.aws.sqs.process-span-parent=caller.
		private final Context caller = Context.current();

		static ReceivedMessages current() {
			return Context.current().get(KEY);
		}

		Context caller() {
			return this.caller;
		}

		void set(List<Message> messages) {
			this.messages = messages;
		}

		void handOver(Object response) {
			List<Message> traced = this.messages;
			if (traced != null && response instanceof ReceiveMessageResponse) {
				try {
					MESSAGES.set(response, traced);
				}
				catch (IllegalAccessException | RuntimeException ex) {
					logger.debug("Could not hand over received messages with their process spans", ex);
				}
			}
		}

		@Override
		public Context storeInContext(Context context) {
			return context.with(KEY, this);
		}

	}

	private static final class Handover extends ClientProxy {

		Handover(Object target) {
			super(target);
		}

		@Override
		protected Object call(Method method, Object[] args) throws Throwable {
			if (!"receiveMessage".equals(method.getName()) || receivedByFramework()) {
				// Callbacks on other calls' futures get the caller's context from
				// AsyncCallbackContext, the proxy every async client bean has.
				return invokeTarget(method, args);
			}
			// A receive loop left early keeps its last message's span current on this
			// thread: end it first, so that this receive does not become its child.
			ProcessingMessages.endAbandoned();
			ReceivedMessages received = new ReceivedMessages();
			Object result;
			try (Scope scope = received.makeCurrent()) {
				result = invokeTarget(method, args);
			}
			if (result instanceof CompletableFuture<?> future) {
				return handOverWhenComplete(future, received);
			}
			received.handOver(result);
			return result;
		}

		private static boolean receivedByFramework() {
			return FRAMEWORK_PRESENT && StackWalker.getInstance()
				.walk((frames) -> frames.limit(12)
					.anyMatch((frame) -> frame.getClassName().startsWith(FRAMEWORK_RECEIVERS)));
		}

		private static CompletableFuture<Object> handOverWhenComplete(CompletableFuture<?> future,
				ReceivedMessages received) {
			return completeInContext(future, Context.current(), received);
		}

		private static CompletableFuture<Object> completeInContext(CompletableFuture<?> future, Context context,
				ReceivedMessages received) {
			// A future of our own completed exactly as the SDK's: the same response or
			// the same exception, never wrapped; cancelling it cancels the call.
			CompletableFuture<Object> handed = new CompletableFuture<>();
			future.whenComplete((response, failure) -> {
				try (Scope scope = context.makeCurrent()) {
					if (failure != null) {
						handed.completeExceptionally(failure);
					}
					else {
						if (received != null) {
							received.handOver(response);
						}
						handed.complete(response);
					}
				}
			});
			handed.whenComplete((response, failure) -> {
				if (handed.isCancelled()) {
					future.cancel(true);
				}
			});
			return handed;
		}

	}

}
