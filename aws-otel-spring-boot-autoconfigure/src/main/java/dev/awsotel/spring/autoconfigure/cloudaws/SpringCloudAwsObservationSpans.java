/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import io.awspring.cloud.sqs.support.observation.SqsListenerObservation;
import io.awspring.cloud.sqs.support.observation.SqsTemplateObservation;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.core.Ordered;

/**
 * Takes Spring Cloud AWS's own SQS observations ({@code SqsTemplate} sends and listener
 * containers, on with {@code spring.cloud.aws.sqs.observation-enabled}) away from
 * Micrometer Tracing, so that they open no span: the starter already records a message's
 * send span (the SDK's {@code SendMessage} call, {@code <queue> publish}) and its process
 * span ({@code <queue> process}, around the listener). Without this, each message would
 * get a second producer span ({@code <queue> send}, parent of the SDK's) and a second
 * consumer span ({@code <queue> receive}, beside the process span).
 * <p>
 * The starter's spans are kept rather than Spring Cloud AWS's: they carry what
 * OpenTelemetry's AWS SDK instrumentation and the Java agent record (the call's RPC, HTTP
 * and AWS attributes, the message id, {@code AWSTraceHeader} beside {@code traceparent})
 * and they are there with observations off too, so turning Spring Cloud AWS's
 * observations on changes no trace. Only tracing is taken: the observations still run,
 * and Spring Boot's meter handler still records their timers
 * ({@code spring.aws.sqs.template}, {@code spring.aws.sqs.listener}).
 * <p>
 * Spring Boot registers every {@link TracingObservationHandler} bean in one
 * first-matching group, in bean order: ordered before its propagating sender, receiver
 * and default handlers, this one is the group's handler for these contexts and does
 * nothing, so no span starts, no context is written into the message's headers (the SDK
 * call injects the send span's) and the current span is left as it is while the
 * observation is in scope (the process span, in a listener). It leaves an empty tracing
 * context on each observation, as the other handlers of the group would: Micrometer
 * Tracing's meter handler reads it, and an observation started inside the listener then
 * takes the current span, the process span, as its parent.
 *
 * @author aws-otel-spring-boot authors
 */
final class SpringCloudAwsObservationSpans implements TracingObservationHandler<Observation.Context>, Ordered {

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof SqsTemplateObservation.Context || context instanceof SqsListenerObservation.Context;
	}

	@Override
	public void onStart(Observation.Context context) {
		getTracingContext(context);
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		// The default puts the observation's span, none here, in scope: that would clear
		// the current span.
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
	}

	@Override
	@SuppressWarnings("deprecation")
	public void onScopeReset(Observation.Context context) {
	}

	@Override
	public void onEvent(Observation.Event event, Observation.Context context) {
	}

	@Override
	public void onError(Observation.Context context) {
		// The process span records the listener's failure.
	}

	@Override
	public void onStop(Observation.Context context) {
	}

	@Override
	public Tracer getTracer() {
		return Tracer.NOOP;
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's receiver (1000), sender (2000) and default tracing
		// handlers.
		return 0;
	}

}
