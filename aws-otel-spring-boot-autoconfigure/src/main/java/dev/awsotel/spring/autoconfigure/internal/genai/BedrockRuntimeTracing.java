/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.genai;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Consumer;

import dev.awsotel.spring.autoconfigure.internal.decorate.ClientProxy;
import dev.awsotel.spring.autoconfigure.internal.decorate.TracedClientCustomizer;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelWithResponseStreamResponseHandler;

import org.springframework.util.ClassUtils;

/**
 * Completes the GenAI spans of Bedrock Runtime's streaming calls, as OpenTelemetry's Java
 * agent does for every {@link BedrockRuntimeAsyncClient}. The interceptor alone gives
 * {@code Converse} and {@code InvokeModel} their {@code gen_ai.*} attributes, events and
 * metrics; for {@code ConverseStream} and {@code InvokeModelWithResponseStream} the token
 * usage and finish reasons arrive in the stream's events, which only a wrapped response
 * handler sees. A thin proxy on async Bedrock Runtime client beans passes those two calls
 * through {@link AwsSdkTelemetry#wrapBedrockRuntimeClient}: the wrapper's handler reads
 * the stream's events and leaves what it read in the context the interceptor starts the
 * call's span in, and the interceptor sets it on the span when the stream ends. The
 * wrapper comes from the same {@code AwsSdkTelemetry} as the interceptor, so its events
 * go through the same logger with the same content capture setting. With callback context
 * on, the proxy also runs the application's handler (each callback and each event its
 * subscriber receives) in the context of the code that made the call. Every other call
 * goes straight to the client.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class BedrockRuntimeTracing implements TracedClientCustomizer {

	private static final Log logger = LogFactory.getLog(BedrockRuntimeTracing.class);

	private final AwsSdkTelemetry telemetry;

	private final boolean callbackContext;

	private volatile boolean reportedFailure;

	/**
	 * Creates the customizer.
	 * @param telemetry the telemetry whose interceptor traces the clients
	 * @param callbackContext whether the response handlers of streaming calls run in the
	 * caller's context
	 */
	public BedrockRuntimeTracing(AwsSdkTelemetry telemetry, boolean callbackContext) {
		this.telemetry = telemetry;
		this.callbackContext = callbackContext;
	}

	@Override
	public SdkClient customize(SdkClient client) {
		if (!(client instanceof BedrockRuntimeAsyncClient bedrock) || ClientProxy.applied(client, Streams.class)) {
			return client;
		}
		BedrockRuntimeAsyncClient traced;
		try {
			traced = this.telemetry.wrapBedrockRuntimeClient(bedrock);
		}
		catch (RuntimeException | LinkageError ex) {
			if (!this.reportedFailure) {
				this.reportedFailure = true;
				logger.warn("Bedrock Runtime streaming calls are traced without token usage or finish reasons: this "
						+ "version of OpenTelemetry's AWS SDK library cannot wrap the client (" + ex + ")");
			}
			return client;
		}
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(client.getClass(),
				client.getClass().getClassLoader());
		return (SdkClient) Proxy.newProxyInstance(client.getClass().getClassLoader(), interfaces,
				new Streams(client, traced, this.callbackContext));
	}

	private static final class Streams extends ClientProxy {

		private final BedrockRuntimeAsyncClient traced;

		private final boolean callbackContext;

		Streams(Object target, BedrockRuntimeAsyncClient traced, boolean callbackContext) {
			super(target);
			this.traced = traced;
			this.callbackContext = callbackContext;
		}

		@Override
		@SuppressWarnings("unchecked")
		protected Object call(Method method, Object[] args) throws Throwable {
			if (args == null || args.length != 2) {
				return invokeTarget(method, args);
			}
			// The overloads that take a Consumer of the request builder are the
			// interface's own default methods, which call the client directly: the
			// request is built here instead, so that those calls are traced alike (the
			// upstream wrapper misses InvokeModelWithResponseStream's).
			if ("converseStream".equals(method.getName()) && args[1] instanceof ConverseStreamResponseHandler handler) {
				ConverseStreamRequest request = (args[0] instanceof Consumer<?> mutation)
						? ConverseStreamRequest.builder()
							.applyMutation((Consumer<ConverseStreamRequest.Builder>) mutation)
							.build()
						: (ConverseStreamRequest) args[0];
				return this.traced.converseStream(request, inCallerContext(handler));
			}
			if ("invokeModelWithResponseStream".equals(method.getName())
					&& args[1] instanceof InvokeModelWithResponseStreamResponseHandler handler) {
				InvokeModelWithResponseStreamRequest request = (args[0] instanceof Consumer<?> mutation)
						? InvokeModelWithResponseStreamRequest.builder()
							.applyMutation((Consumer<InvokeModelWithResponseStreamRequest.Builder>) mutation)
							.build()
						: (InvokeModelWithResponseStreamRequest) args[0];
				return this.traced.invokeModelWithResponseStream(request, inCallerContext(handler));
			}
			return invokeTarget(method, args);
		}

		private ConverseStreamResponseHandler inCallerContext(ConverseStreamResponseHandler handler) {
			Context caller = Context.current();
			return (this.callbackContext && caller != Context.root())
					? new CallerContextHandlers.Converse(handler, caller) : handler;
		}

		private InvokeModelWithResponseStreamResponseHandler inCallerContext(
				InvokeModelWithResponseStreamResponseHandler handler) {
			Context caller = Context.current();
			return (this.callbackContext && caller != Context.root())
					? new CallerContextHandlers.InvokeModel(handler, caller) : handler;
		}

	}

}
