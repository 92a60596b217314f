/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Loopback AWS-compatible servers for the tests and the sample: never deployed.
 */
package dev.awsotel.localaws;
