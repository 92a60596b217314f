/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;

/**
 * The {@link AwsSdkTelemetry} the starter traces clients with, built once from the
 * application's {@code OpenTelemetry} and its {@link AwsSdkTelemetryBuilderCustomizer}s.
 * A type of its own, not an {@code AwsSdkTelemetry} bean, so that it never meets an
 * application's own {@code AwsSdkTelemetry} beans.
 *
 * @param telemetry the telemetry
 * @author aws-otel-spring-boot authors
 */
record StarterAwsSdkTelemetry(AwsSdkTelemetry telemetry) {
}
