/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.metrics;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awsotel.spring.autoconfigure.internal.semconv.AttributeKeys;
import dev.awsotel.spring.autoconfigure.internal.semconv.SemanticConventions;
import dev.awsotel.spring.autoconfigure.internal.trace.Attempts;
import dev.awsotel.spring.autoconfigure.internal.trace.TracingExtension;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Call metrics through the application's meter provider: how long AWS calls take, and how
 * many HTTP attempts, retries and throttled attempts they needed, by service, operation,
 * region and error.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class AwsCallMetrics implements TracingExtension {

	/** Duration of AWS calls, in seconds, retries included. */
	public static final String CALL_DURATION = "rpc.client.call.duration";

	/** HTTP attempts made by AWS calls. */
	public static final String ATTEMPTS = "aws.client.attempts";

	/** Attempts that repeated an earlier one. */
	public static final String RETRIES = "aws.client.retries";

	/** Attempts that AWS throttled. */
	public static final String THROTTLED_ATTEMPTS = "aws.client.throttled_attempts";

	/** The most attribute sets of succeeded calls kept for reuse. */
	static final int MAX_KEPT = 1024;

	private final SemanticConventions conventions;

	// The attributes of a call that succeeded depend on its service, operation and region
	// only: made once for each, not for every call (the metrics SDK keeps them anyway).
	// By service, then operation, then region id; bounded, as regions could be many.
	private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<String, Attributes>>> succeeded = new ConcurrentHashMap<>();

	private final AtomicInteger kept = new AtomicInteger();

	private final DoubleHistogram duration;

	private final LongCounter attempts;

	private final LongCounter retries;

	private final LongCounter throttled;

	/**
	 * Creates the metrics on the application's OpenTelemetry.
	 * @param openTelemetry the application's OpenTelemetry
	 */
	public AwsCallMetrics(OpenTelemetry openTelemetry) {
		this(openTelemetry, SemanticConventions.ofLibrary());
	}

	/**
	 * Creates the metrics on the application's OpenTelemetry, with the RPC attributes of
	 * the given semantic conventions.
	 * @param openTelemetry the application's OpenTelemetry
	 * @param conventions the conventions the attributes follow
	 */
	public AwsCallMetrics(OpenTelemetry openTelemetry, SemanticConventions conventions) {
		this.conventions = conventions;
		Meter meter = openTelemetry.getMeter("dev.awsotel.aws-sdk");
		this.duration = meter.histogramBuilder(CALL_DURATION)
			.setUnit("s")
			.setDescription("Duration of AWS SDK calls, retries included")
			.setExplicitBucketBoundariesAdvice(
					List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0))
			.build();
		this.attempts = meter.counterBuilder(ATTEMPTS)
			.setUnit("{attempt}")
			.setDescription("HTTP attempts made by AWS SDK calls")
			.build();
		this.retries = meter.counterBuilder(RETRIES)
			.setUnit("{attempt}")
			.setDescription("HTTP attempts that repeated an earlier attempt of the same call")
			.build();
		this.throttled = meter.counterBuilder(THROTTLED_ATTEMPTS)
			.setUnit("{attempt}")
			.setDescription("HTTP attempts that AWS throttled")
			.build();
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
		record(executionAttributes, null);
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
		record(executionAttributes, context.exception());
	}

	private void record(ExecutionAttributes executionAttributes, Throwable failure) {
		Attempts calls = Attempts.of(executionAttributes);
		if (calls == null) {
			return;
		}
		String service = executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
		String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		Region region = executionAttributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
		Attributes attributes = (failure == null && service != null && operation != null)
				? succeededAttributes(service, operation, region) : attributes(service, operation, region, failure);
		this.duration.record(calls.elapsedNanos() / 1e9, attributes);
		int count = calls.count();
		this.attempts.add(count, attributes);
		if (count > 1) {
			this.retries.add(count - 1L, attributes);
		}
		int throttledCount = calls.throttledCount();
		if (throttledCount > 0) {
			this.throttled.add(throttledCount, attributes);
		}
	}

	private Attributes succeededAttributes(String service, String operation, Region region) {
		ConcurrentHashMap<String, Attributes> byRegion = this.succeeded
			.computeIfAbsent(service, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(operation, (key) -> new ConcurrentHashMap<>());
		String regionId = (region != null) ? region.id() : "";
		Attributes attributes = byRegion.get(regionId);
		if (attributes == null) {
			attributes = attributes(service, operation, region, null);
			if (this.kept.get() < MAX_KEPT && byRegion.putIfAbsent(regionId, attributes) == null) {
				this.kept.incrementAndGet();
			}
		}
		return attributes;
	}

	private Attributes attributes(String service, String operation, Region region, Throwable failure) {
		AttributesBuilder builder = this.conventions.rpcAttributes(Attributes.builder(), service, operation);
		if (region != null) {
			builder.put(AttributeKeys.AWS_REGION, region.id());
		}
		if (failure != null) {
			builder.put(AttributeKeys.ERROR_TYPE, failure.getClass().getName());
		}
		return builder.build();
	}

}
