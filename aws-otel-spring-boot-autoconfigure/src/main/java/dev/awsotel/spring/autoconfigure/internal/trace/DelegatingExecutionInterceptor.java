/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

import org.reactivestreams.Publisher;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An interceptor that hands every hook to another one, and does nothing while there is
 * none. Subclasses decide where the delegate comes from and add to single hooks.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public abstract class DelegatingExecutionInterceptor implements ExecutionInterceptor {

	/**
	 * Returns the interceptor to hand this hook to.
	 * @return the delegate, or {@code null} to do nothing
	 */
	protected abstract ExecutionInterceptor delegate();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.beforeExecution(context, executionAttributes);
		}
	}

	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyRequest(context, executionAttributes)
				: ExecutionInterceptor.super.modifyRequest(context, executionAttributes);
	}

	@Override
	public void beforeMarshalling(Context.BeforeMarshalling context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.beforeMarshalling(context, executionAttributes);
		}
	}

	@Override
	public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.afterMarshalling(context, executionAttributes);
		}
	}

	@Override
	public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
			ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyHttpRequest(context, executionAttributes)
				: ExecutionInterceptor.super.modifyHttpRequest(context, executionAttributes);
	}

	@Override
	public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
			ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyHttpContent(context, executionAttributes)
				: ExecutionInterceptor.super.modifyHttpContent(context, executionAttributes);
	}

	@Override
	public Optional<AsyncRequestBody> modifyAsyncHttpContent(Context.ModifyHttpRequest context,
			ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyAsyncHttpContent(context, executionAttributes)
				: ExecutionInterceptor.super.modifyAsyncHttpContent(context, executionAttributes);
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.beforeTransmission(context, executionAttributes);
		}
	}

	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.afterTransmission(context, executionAttributes);
		}
	}

	@Override
	public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context,
			ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyHttpResponse(context, executionAttributes)
				: ExecutionInterceptor.super.modifyHttpResponse(context, executionAttributes);
	}

	@Override
	public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
			ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyAsyncHttpResponseContent(context, executionAttributes)
				: ExecutionInterceptor.super.modifyAsyncHttpResponseContent(context, executionAttributes);
	}

	@Override
	public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
			ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyHttpResponseContent(context, executionAttributes)
				: ExecutionInterceptor.super.modifyHttpResponseContent(context, executionAttributes);
	}

	@Override
	public void beforeUnmarshalling(Context.BeforeUnmarshalling context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.beforeUnmarshalling(context, executionAttributes);
		}
	}

	@Override
	public void afterUnmarshalling(Context.AfterUnmarshalling context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.afterUnmarshalling(context, executionAttributes);
		}
	}

	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyResponse(context, executionAttributes)
				: ExecutionInterceptor.super.modifyResponse(context, executionAttributes);
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.afterExecution(context, executionAttributes);
		}
	}

	@Override
	public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		return (delegate != null) ? delegate.modifyException(context, executionAttributes)
				: ExecutionInterceptor.super.modifyException(context, executionAttributes);
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		ExecutionInterceptor delegate = delegate();
		if (delegate != null) {
			delegate.onExecutionFailure(context, executionAttributes);
		}
	}

}
