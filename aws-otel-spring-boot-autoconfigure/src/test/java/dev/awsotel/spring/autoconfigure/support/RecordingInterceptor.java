/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An application's own interceptor: records every HTTP request it sees, as sent, so that
 * a test can prove the starter kept it and its headers.
 *
 * @author aws-otel-spring-boot authors
 */
public class RecordingInterceptor implements ExecutionInterceptor {

	private final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();

	private final List<SdkRequest> sdkRequests = new CopyOnWriteArrayList<>();

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		this.requests.add(context.httpRequest());
		this.sdkRequests.add(context.request());
	}

	public List<SdkHttpRequest> requests() {
		return this.requests;
	}

	/**
	 * Returns the requests as sent, after every other interceptor changed them.
	 * @return the requests
	 */
	public List<SdkRequest> sdkRequests() {
		return this.sdkRequests;
	}

}
