/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkClient;

import org.springframework.util.ClassUtils;

/**
 * Runs the completion callbacks of an async client's calls in the context of the code
 * that made the call, as OpenTelemetry's Java agent does. The SDK completes a call's
 * future on its own completion thread after the last interceptor hook, so no interceptor
 * can choose the context there: a thin proxy on async client beans returns, for each call
 * made inside a context, a future that completes exactly as the SDK's (the same response
 * or the same exception, never wrapped; cancelling it cancels the call) with the caller's
 * context current. A call made outside any context gets the SDK's future itself.
 * <p>
 * Only the SDK's own generated async clients are proxied: a client the application or a
 * library made (the S3 multipart client, the CRT client) is left as it is, because code
 * such as the transfer manager looks at its class.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class AsyncCallbackContext implements TracedClientCustomizer {

	private final UpstreamInternals internals;

	/**
	 * Creates the customizer.
	 * @param internals what the versions on the class path honour of what the starter
	 * relies on: which clients are the SDK's generated async clients
	 */
	public AsyncCallbackContext(UpstreamInternals internals) {
		this.internals = internals;
	}

	@Override
	public SdkClient customize(SdkClient client) {
		if (ClientProxy.applied(client, CallbackContext.class) || !isGeneratedAsyncClient(client)) {
			return client;
		}
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(client.getClass(),
				client.getClass().getClassLoader());
		return (SdkClient) Proxy.newProxyInstance(client.getClass().getClassLoader(), interfaces,
				new CallbackContext(client));
	}

	private boolean isGeneratedAsyncClient(SdkClient client) {
		return this.internals.isGeneratedAsyncClient(ClientProxy.innermost(client).getClass());
	}

	/**
	 * Returns a future that completes exactly as the given one (the same response or the
	 * same exception, never wrapped; cancelling it cancels the call), with a context
	 * current.
	 * @param <T> the response type
	 * @param future the SDK's future
	 * @param context the context to complete in
	 * @param onResponse what to do with a response before completing with it, in that
	 * context, or {@code null}
	 * @return the future to hand to the caller
	 */
	public static <T> CompletableFuture<T> completeInContext(CompletableFuture<T> future, Context context,
			@Nullable Consumer<? super T> onResponse) {
		CompletableFuture<T> inContext = new CompletableFuture<>();
		future.whenComplete((response, failure) -> {
			try (Scope scope = context.makeCurrent()) {
				if (failure != null) {
					inContext.completeExceptionally(failure);
				}
				else {
					if (onResponse != null) {
						onResponse.accept(response);
					}
					inContext.complete(response);
				}
			}
		});
		inContext.whenComplete((response, failure) -> {
			if (inContext.isCancelled()) {
				future.cancel(true);
			}
		});
		return inContext;
	}

	private static final class CallbackContext extends ClientProxy {

		CallbackContext(Object target) {
			super(target);
		}

		@Override
		protected Object call(Method method, Object[] args) throws Throwable {
			Context caller = Context.current();
			Object result = invokeTarget(method, args);
			if (result instanceof CompletableFuture<?> future && caller != Context.root()) {
				return completeInContext(future, caller, null);
			}
			return result;
		}

	}

}
