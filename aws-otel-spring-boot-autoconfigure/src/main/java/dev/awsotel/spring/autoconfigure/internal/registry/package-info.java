/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The record of instrumented clients and their live figures.
 * <p>
 * Internal: not for public use. Its types may change or go in any release, without
 * notice.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.internal.registry;

import org.jspecify.annotations.NullMarked;
