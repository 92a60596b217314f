/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Auto-configuration that traces every AWS SDK for Java v2 client bean with
 * OpenTelemetry, and its properties ({@code otel.aws.*}).
 */
@NullMarked
package dev.awsotel.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
