/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Trace context across SQS, SNS and Lambda: injection, extraction and process spans.
 * <p>
 * Internal: not for public use. Its types may change or go in any release, without
 * notice.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.internal.messaging;

import org.jspecify.annotations.NullMarked;
