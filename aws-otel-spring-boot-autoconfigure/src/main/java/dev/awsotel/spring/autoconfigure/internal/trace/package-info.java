/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Span enrichment the upstream instrumentation lacks: region, attempts, resend count,
 * throttle flag, thread, call timeout.
 * <p>
 * Internal: not for public use. Its types may change or go in any release, without
 * notice.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.internal.trace;

import org.jspecify.annotations.NullMarked;
