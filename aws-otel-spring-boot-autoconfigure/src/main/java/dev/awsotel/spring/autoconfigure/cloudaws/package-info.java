/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Tracing of Spring Cloud AWS SQS listeners.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.cloudaws;

import org.jspecify.annotations.NullMarked;
