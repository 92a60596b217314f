/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetryBuilder;

/**
 * Callback for beans that adjust the {@code AwsSdkTelemetry} the starter builds, for
 * example to capture request headers. Applied in {@link org.springframework.core.Ordered
 * order}, after the starter's own settings.
 * <p>
 * {@code AwsSdkTelemetry} itself is not a bean: its class refers to optional AWS service
 * modules that most applications do not have, and Spring cannot introspect it without
 * them.
 *
 * @author aws-otel-spring-boot authors
 */
@FunctionalInterface
public interface AwsSdkTelemetryBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(AwsSdkTelemetryBuilder builder);

}
