/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * JMH benchmarks of the cost of tracing an AWS call.
 */
package dev.awsotel.benchmarks;
