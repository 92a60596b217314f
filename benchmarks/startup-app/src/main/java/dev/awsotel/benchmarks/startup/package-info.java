/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The smallest application that uses the starter, for the startup measurement.
 */
@NullMarked
package dev.awsotel.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
