/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.awsotel.spring.autoconfigure.internal.semconv.AttributeKeys;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ClientType;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

/**
 * The interceptor every traced client runs: OpenTelemetry's own AWS SDK interceptor,
 * which builds the span and its semantic-convention attributes, plus what that library
 * leaves out ({@code aws.region}, {@code cloud.region}, and the thread details the Java
 * agent adds: {@code thread.id}, {@code thread.name}). Stateless: one instance serves
 * every client.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class AwsTracingInterceptor extends DelegatingExecutionInterceptor {

	/** The same region under the cloud semantic conventions. */
	public static final AttributeKey<String> CLOUD_REGION = AttributeKey.stringKey("cloud.region");

	private static final Log logger = LogFactory.getLog(AwsTracingInterceptor.class);

	private static final AttributeKey<String> AWS_REQUEST_ID = AttributeKey.stringKey("aws.request_id");

	private final ExecutionInterceptor upstream;

	private final UpstreamInternals internals;

	// Arrays walked by index: these loops run in several hooks of every call, and an
	// iterator over a list is an allocation the JIT does not always remove.
	private final ExecutionInterceptor[] extensions;

	private final ExecutionInterceptor[] httpRequestExtensions;

	private final TracingExtension[] xrayHeaderWithholders;

	private final TracingExtension[] tracingExtensions;

	private final AttemptTracing attempts;

	private final @Nullable CallTimeoutWatch callTimeoutWatch;

	private final AtomicBoolean upstreamFailureLogged = new AtomicBoolean();

	/**
	 * Creates an interceptor around OpenTelemetry's, with extensions that run after it in
	 * each hook they implement, so that they see the call's span
	 * ({@link UpstreamSpans#context}), that shows each HTTP attempt of a call that needed
	 * more than one and ends the span of an async call that its call timeout cut.
	 * @param upstream the interceptor from
	 * {@code AwsSdkTelemetry.createExecutionInterceptor()}
	 * @param extensions interceptors that run after it
	 * @param attemptMode how attempts show
	 * @param tracer the tracer for attempt spans
	 * @param internals what the versions on the class path honour of what the starter
	 * relies on
	 * @param callTimeoutWatch the application context's watch on async call timeouts, or
	 * {@code null} to watch none
	 */
	public AwsTracingInterceptor(ExecutionInterceptor upstream, List<? extends ExecutionInterceptor> extensions,
			AttemptMode attemptMode, Tracer tracer, UpstreamInternals internals,
			@Nullable CallTimeoutWatch callTimeoutWatch) {
		this.callTimeoutWatch = callTimeoutWatch;
		this.upstream = upstream;
		this.internals = internals;
		this.extensions = extensions.toArray(new ExecutionInterceptor[0]);
		this.httpRequestExtensions = extensions.stream()
			.filter((extension) -> !(extension instanceof TracingExtension tracingExtension)
					|| tracingExtension.modifiesHttpRequests())
			.toArray(ExecutionInterceptor[]::new);
		this.tracingExtensions = extensions.stream()
			.filter(TracingExtension.class::isInstance)
			.map(TracingExtension.class::cast)
			.toArray(TracingExtension[]::new);
		this.xrayHeaderWithholders = this.tracingExtensions;
		this.attempts = new AttemptTracing(attemptMode, tracer);
	}

	@Override
	protected ExecutionInterceptor delegate() {
		return this.upstream;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		Optional<? extends RequestOverrideConfiguration> requestOverride = context.request().overrideConfiguration();
		Attempts attempts = Attempts.start(executionAttributes,
				requestOverride.flatMap(RequestOverrideConfiguration::apiCallAttemptTimeout).orElse(null));
		super.beforeExecution(context, executionAttributes);
		// The SDK runs no hook for an async call that its call timeout cut: a watch ends
		// its span (CallTimeoutWatch).
		CallTimeoutWatch watch = this.callTimeoutWatch;
		if (watch != null && executionAttributes.getAttribute(SdkExecutionAttribute.CLIENT_TYPE) == ClientType.ASYNC) {
			Duration callTimeout = requestOverride.flatMap(RequestOverrideConfiguration::apiCallTimeout)
				.orElseGet(() -> executionAttributes.getAttribute(Attempts.CALL_TIMEOUT));
			if (callTimeout != null) {
				SdkRequest request = context.request();
				Future<?> watched = watch.schedule(callTimeout, () -> {
					if (attempts.endCall()) {
						failed(new CallTimeoutWatch.TimedOut(request, attempts.httpRequest(), callTimeout),
								executionAttributes);
					}
				});
				if (watched != null) {
					attempts.watchCallTimeout(watched);
				}
			}
		}
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		Attempts attempts = Attempts.of(executionAttributes);
		if (attempts != null) {
			attempts.httpRequest(context.httpRequest());
			// Without the SDK's back-off, an attempt without a response ends where the
			// next starts.
			Duration backoff = this.internals.retryBackoff(executionAttributes);
			attempts.transmitting((backoff != null) ? backoff.toNanos() : 0);
		}
		super.beforeTransmission(context, executionAttributes);
	}

	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
		Attempts attempts = Attempts.of(executionAttributes);
		if (attempts != null) {
			this.attempts.responded(attempts, context.httpResponse());
		}
		super.afterTransmission(context, executionAttributes);
	}

	@Override
	public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
			ExecutionAttributes executionAttributes) {
		Optional<InputStream> content = super.modifyHttpResponseContent(context, executionAttributes);
		Attempts attempts = Attempts.of(executionAttributes);
		return (attempts != null) ? this.attempts.readErrorCode(attempts, context.httpResponse(), content) : content;
	}

	@Override
	public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
			ExecutionAttributes executionAttributes) {
		Optional<Publisher<ByteBuffer>> content = super.modifyAsyncHttpResponseContent(context, executionAttributes);
		Attempts attempts = Attempts.of(executionAttributes);
		return (attempts != null) ? this.attempts.readErrorCodeAsync(attempts, context.httpResponse(), content)
				: content;
	}

	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
		SdkRequest request;
		try {
			request = super.modifyRequest(context, executionAttributes);
		}
		catch (RuntimeException ex) {
			// OpenTelemetry's interceptor throws where it cannot read what it would add
			// to, such as a Lambda client context that is not base64: the call goes on
			// with the request as the application made it (and its span, if started).
			upstreamFailed(ex);
			request = context.request();
		}
		UpstreamSpans.copy(this.internals, executionAttributes);
		Context.ModifyRequest current = context;
		for (int i = 0; i < this.extensions.length; i++) {
			// A context is made only when the request changed: most calls change
			// nothing.
			if (request != current.request()) {
				SdkRequest changed = request;
				current = () -> changed;
			}
			request = this.extensions[i].modifyRequest(current, executionAttributes);
		}
		Span span = UpstreamSpans.span(executionAttributes);
		if (span != null && span.isRecording()) {
			Region region = executionAttributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
			if (region != null) {
				span.setAttribute(AttributeKeys.AWS_REGION, region.id());
				span.setAttribute(CLOUD_REGION, region.id());
			}
			// The upstream library started the span on this thread, just now.
			ThreadDetails.add(span);
		}
		return request;
	}

	private void upstreamFailed(RuntimeException ex) {
		if (logger.isDebugEnabled() && this.upstreamFailureLogged.compareAndSet(false, true)) {
			// Not the exception's message: it may quote what the request carried.
			logger.debug("OpenTelemetry's AWS SDK interceptor could not add to a request (" + ex.getClass().getName()
					+ "); it is sent as the application made it. Later failures are not logged.");
		}
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		Attempts attempts = Attempts.of(executionAttributes);
		if (attempts != null && !attempts.endCall()) {
			// Ended already, by the call timeout watch.
			return;
		}
		failed(context, executionAttributes);
	}

	private void failed(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		// The upstream library ends a failed call's span without the HTTP status, the
		// error type or the request id: add them while the span is still open.
		Span span = UpstreamSpans.span(executionAttributes);
		if (span != null && span.isRecording()) {
			context.httpResponse()
				.ifPresent((response) -> span.setAttribute(AttributeKeys.HTTP_RESPONSE_STATUS_CODE,
						response.statusCode()));
			Throwable failure = context.exception();
			span.setAttribute(AttributeKeys.ERROR_TYPE, failure.getClass().getName());
			if (failure instanceof AwsServiceException serviceException && serviceException.requestId() != null) {
				span.setAttribute(AWS_REQUEST_ID, serviceException.requestId());
			}
		}
		Attempts attempts = Attempts.of(executionAttributes);
		if (attempts != null) {
			this.attempts.finish(attempts, span, UpstreamSpans.context(executionAttributes), context.exception());
		}
		super.onExecutionFailure(context, executionAttributes);
		for (int i = 0; i < this.extensions.length; i++) {
			this.extensions[i].onExecutionFailure(context, executionAttributes);
		}
	}

	@Override
	public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
			ExecutionAttributes executionAttributes) {
		// The upstream hook only adds the X-Ray header: skipping it for a call that must
		// go without costs nothing, where taking the header off again would copy the
		// request.
		SdkHttpRequest request = withholdsXrayHeader(context.request()) ? context.httpRequest()
				: super.modifyHttpRequest(context, executionAttributes);
		Context.ModifyHttpRequest current = context;
		for (int i = 0; i < this.httpRequestExtensions.length; i++) {
			if (request != current.httpRequest()) {
				current = new ChangedHttpRequest(context, request);
			}
			request = this.httpRequestExtensions[i].modifyHttpRequest(current, executionAttributes);
		}
		return request;
	}

	private boolean withholdsXrayHeader(SdkRequest request) {
		for (int i = 0; i < this.xrayHeaderWithholders.length; i++) {
			if (this.xrayHeaderWithholders[i].withholdsXrayHeader(request)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
		// Extensions observe the response while the call's span is still open; none
		// replaces it.
		for (int i = 0; i < this.extensions.length; i++) {
			this.extensions[i].modifyResponse(context, executionAttributes);
		}
		return super.modifyResponse(context, executionAttributes);
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		Attempts attempts = Attempts.of(executionAttributes);
		if (attempts != null) {
			if (!attempts.endCall()) {
				return;
			}
			this.attempts.finish(attempts, UpstreamSpans.span(executionAttributes),
					UpstreamSpans.context(executionAttributes), null);
		}
		for (int i = 0; i < this.tracingExtensions.length; i++) {
			this.tracingExtensions[i].beforeUpstreamAfterExecution(context, executionAttributes);
		}
		super.afterExecution(context, executionAttributes);
		for (int i = 0; i < this.extensions.length; i++) {
			this.extensions[i].afterExecution(context, executionAttributes);
		}
	}

	/**
	 * The context of the HTTP request hook with the request an earlier interceptor
	 * changed: the SDK's own context class is not public API.
	 */
	private record ChangedHttpRequest(Context.ModifyHttpRequest original,
			SdkHttpRequest httpRequest) implements Context.ModifyHttpRequest {

		@Override
		public SdkRequest request() {
			return this.original.request();
		}

		@Override
		public Optional<RequestBody> requestBody() {
			return this.original.requestBody();
		}

		@Override
		public Optional<AsyncRequestBody> asyncRequestBody() {
			return this.original.asyncRequestBody();
		}

	}

}
