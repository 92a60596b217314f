/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The {@code awsclients} Actuator endpoint: the AWS SDK client beans of the application
 * and how each is traced.
 */
@NullMarked
package dev.awsotel.spring.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
