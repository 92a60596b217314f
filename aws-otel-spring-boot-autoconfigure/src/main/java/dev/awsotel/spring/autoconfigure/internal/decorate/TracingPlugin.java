/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.util.List;

import dev.awsotel.spring.autoconfigure.internal.registry.ClientFigures;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Makes a client traced while its configuration is being built: added to a client builder
 * bean (so every client it builds is traced) and, on the proxy path, to each request. It
 * arms the client's {@link DeferredTracingInterceptor} where there is one, and adds an
 * armed one where there is not; a client OpenTelemetry already instruments is left alone.
 *
 * @author aws-otel-spring-boot authors
 */
final class TracingPlugin implements SdkPlugin {

	private final ExecutionInterceptor tracing;

	private final @Nullable ClientFigures figures;

	private final UpstreamInternals internals;

	TracingPlugin(ExecutionInterceptor tracing, @Nullable ClientFigures figures, UpstreamInternals internals) {
		this.tracing = tracing;
		this.figures = figures;
		this.internals = internals;
	}

	@Override
	public void configureClient(SdkServiceClientConfiguration.Builder config) {
		ClientOverrideConfiguration override = config.overrideConfiguration();
		List<ExecutionInterceptor> interceptors = override.executionInterceptors();
		if (interceptors.stream().anyMatch(this.internals::isOpenTelemetryInterceptor)) {
			return;
		}
		DeferredTracingInterceptor deferred = DeferredTracingInterceptor.in(interceptors);
		if (deferred != null) {
			deferred.arm(this.tracing, override.apiCallAttemptTimeout().orElse(null),
					override.apiCallTimeout().orElse(null), this.figures);
			return;
		}
		config.overrideConfiguration(override.toBuilder()
			.addExecutionInterceptor(DeferredTracingInterceptor.armedWith(this.tracing))
			.build());
	}

	ClientFigures figures() {
		return this.figures;
	}

}
