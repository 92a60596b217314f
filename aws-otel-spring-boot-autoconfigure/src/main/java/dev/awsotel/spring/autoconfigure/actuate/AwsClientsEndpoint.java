/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.actuate;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.ClientFigures;
import dev.awsotel.spring.autoconfigure.internal.registry.InstrumentedClient;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} that lists the AWS SDK client beans of the application, how
 * each is traced (or why not), the features active for it and its live figures. It holds
 * no credential of any kind: the registry never records them, and endpoints are shown
 * without user info or query.
 *
 * @author aws-otel-spring-boot authors
 */
@Endpoint(id = "awsclients")
public class AwsClientsEndpoint {

	private final AwsClientRegistry registry;

	private final List<UnavailableFeatureDescriptor> unavailableFeatures;

	AwsClientsEndpoint(AwsClientRegistry registry, @Nullable UpstreamInternals internals) {
		this.registry = registry;
		this.unavailableFeatures = (internals != null) ? internals.unavailable()
			.stream()
			.map((off) -> new UnavailableFeatureDescriptor(off.reliance().feature(),
					off.reliance().reason() + " (" + off.detail() + ")", off.reliance().effect()))
			.toList() : List.of();
	}

	/**
	 * Lists every AWS SDK client bean.
	 * @return the clients, by bean name
	 */
	@ReadOperation
	public AwsClientsDescriptor clients() {
		return new AwsClientsDescriptor(this.registry.clients().stream().map(AwsClientsEndpoint::describe).toList(),
				this.unavailableFeatures);
	}

	/**
	 * Describes one AWS SDK client bean.
	 * @param beanName the bean name
	 * @return the client, or {@code null} (404) if there is no such client bean
	 */
	@ReadOperation
	@Nullable public AwsClientDescriptor client(@Selector String beanName) {
		return this.registry.client(beanName).map(AwsClientsEndpoint::describe).orElse(null);
	}

	private static AwsClientDescriptor describe(InstrumentedClient client) {
		ClientFigures figures = client.figures();
		return new AwsClientDescriptor(client.beanName(), client.service(), client.clientType(),
				client.async() ? "async" : "sync", client.region(), client.endpointOverride(), client.mode().isTraced(),
				client.mode().name().toLowerCase(Locale.ROOT), reason(client.mode()), client.features(),
				(figures != null) ? figures(figures.snapshot()) : null);
	}

	private static FiguresDescriptor figures(ClientFigures.Snapshot snapshot) {
		return new FiguresDescriptor(snapshot.calls(), snapshot.errors(), snapshot.throttledAttempts(),
				snapshot.retriedCalls(), snapshot.propagationSkips(), snapshot.latencyP50Millis(),
				snapshot.latencyP95Millis(), snapshot.latencyP99Millis());
	}

	private static String reason(TracingMode mode) {
		return switch (mode) {
			case INTERCEPTOR -> "traced by the interceptor the SDK put into the client";
			case BUILDER -> "a client builder: every client it builds is traced";
			case PROXY -> "traced through a proxy that adds the tracing interceptor to each request";
			case ALREADY_INSTRUMENTED ->
				"not decorated by the starter: OpenTelemetry's interceptor (added by the application or a library)"
						+ " already traces it";
			case JAVA_AGENT -> "not decorated by the starter: the OpenTelemetry Java agent already traces it"
					+ " (its interceptor is in the client's chain)";
			case EXCLUDED -> "not traced: named in otel.aws.excluded-beans";
		};
	}

	/**
	 * The AWS SDK client beans of the application.
	 *
	 * @param clients the clients, by bean name
	 * @param unavailableFeatures the features that are off for every client because the
	 * versions of the AWS SDK or OpenTelemetry on the class path do not have what they
	 * rely on; empty when all are on
	 */
	public record AwsClientsDescriptor(List<AwsClientDescriptor> clients,
			List<UnavailableFeatureDescriptor> unavailableFeatures) implements OperationResponseBody {

	}

	/**
	 * One AWS SDK client bean.
	 *
	 * @param beanName the bean name
	 * @param service the service, for example {@code sqs}
	 * @param clientType the client (or builder) interface
	 * @param kind {@code sync} or {@code async}
	 * @param region the region, if known
	 * @param endpointOverride the endpoint override, if any
	 * @param traced whether its calls produce spans
	 * @param mode how it is traced, or why not
	 * @param reason the mode in words
	 * @param features the features active for it
	 * @param figures its figures since start, when the starter counts its calls
	 */
	public record AwsClientDescriptor(String beanName, String service, String clientType, String kind,
			@Nullable String region, @Nullable URI endpointOverride, boolean traced, String mode, String reason,
			List<String> features, @Nullable FiguresDescriptor figures) implements OperationResponseBody {

	}

	/**
	 * The figures of one client bean since the application started.
	 *
	 * @param calls the calls made
	 * @param errors the calls that failed
	 * @param throttledAttempts the attempts the service throttled
	 * @param retriedCalls the calls that took more than one attempt
	 * @param propagationSkips the messages sent without trace context (for example
	 * because they already carried the most message attributes SQS allows)
	 * @param latencyP50Millis the median call duration, once there are calls
	 * @param latencyP95Millis the 95th percentile of call duration, once there are calls
	 * @param latencyP99Millis the 99th percentile of call duration, once there are calls
	 */
	public record FiguresDescriptor(long calls, long errors, long throttledAttempts, long retriedCalls,
			long propagationSkips, @Nullable Double latencyP50Millis, @Nullable Double latencyP95Millis,
			@Nullable Double latencyP99Millis) {

	}

	/**
	 * A feature of the starter that is off because the versions on the class path do not
	 * have what it relies on (logged as one WARN line at startup).
	 *
	 * @param feature the feature, for example {@code span-enrichment}
	 * @param reason what the versions on the class path do not have
	 * @param effect what the application loses
	 */
	public record UnavailableFeatureDescriptor(String feature, String reason, String effect) {
	}

}
