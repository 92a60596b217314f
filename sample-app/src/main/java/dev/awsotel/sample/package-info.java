/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * A sample application: orders over SQS, SNS, DynamoDB and S3, traced by the starter.
 */
package dev.awsotel.sample;
