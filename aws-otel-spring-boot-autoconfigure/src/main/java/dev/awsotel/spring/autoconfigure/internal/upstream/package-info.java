/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Every reliance of the starter on a detail that the AWS SDK or OpenTelemetry's
 * instrumentation does not publish, each checked once at startup.
 * <p>
 * Internal: not for public use. Its types may change or go in any release, without
 * notice.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.internal.upstream;

import org.jspecify.annotations.NullMarked;
