/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Startup checks: bad {@code otel.aws.*} values, OpenTelemetry version clashes,
 * OpenTelemetry's own keys.
 * <p>
 * Internal: not for public use. Its types may change or go in any release, without
 * notice.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import org.jspecify.annotations.NullMarked;
