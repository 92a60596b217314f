/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.util.ArrayList;
import java.util.List;

/**
 * The tracing features in force, as the registry lists them for each client.
 *
 * @param experimentalSpanAttributes whether experimental attributes are recorded
 * @param sqsPropagation whether trace context crosses SQS
 * @param snsPropagation whether trace context crosses SNS
 * @param lambdaPropagation whether trace context crosses Lambda invocations
 * @param attempts how attempts show ({@code spans}, {@code events}, {@code none})
 * @param metrics whether call metrics are recorded
 * <p>
 * Internal: not for public use; it may change in any release.
 * @author aws-otel-spring-boot authors
 */
public record TracingFeatures(boolean experimentalSpanAttributes, boolean sqsPropagation, boolean snsPropagation,
		boolean lambdaPropagation, String attempts, boolean metrics) {

	/** Tracing alone, as the upstream library does it. */
	public static final TracingFeatures DEFAULT = new TracingFeatures(false, false, false, false, "none", false);

	/**
	 * Returns the features that apply to a client of a service.
	 * @param service the service, for example {@code sqs}
	 * @return feature names
	 */
	public List<String> forService(String service) {
		List<String> features = new ArrayList<>();
		features.add("attempts=" + this.attempts);
		if (this.experimentalSpanAttributes) {
			features.add("experimental-span-attributes");
		}
		if (this.sqsPropagation && "sqs".equals(service)) {
			features.add("sqs-propagation");
		}
		if (this.snsPropagation && "sns".equals(service)) {
			features.add("sns-propagation");
		}
		if (this.lambdaPropagation && "lambda".equals(service)) {
			features.add("lambda-propagation");
		}
		if (this.metrics) {
			features.add("metrics");
		}
		return List.copyOf(features);
	}

}
