/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Which semantic conventions are in force, and the opt-in passed to OpenTelemetry.
 * <p>
 * Internal: not for public use. Its types may change or go in any release, without
 * notice.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.internal.semconv;

import org.jspecify.annotations.NullMarked;
