/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The in-memory stand-in for the AWS services that the benchmarks and the startup
 * application call.
 */
@NullMarked
package dev.awsotel.benchmarks.inmemory;

import org.jspecify.annotations.NullMarked;
