/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Matches when tracing of AWS SDK clients is enabled ({@code otel.aws.enabled}, true
 * unless set otherwise): the one switch for everything the starter does.
 *
 * @author aws-otel-spring-boot authors
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = "otel.aws.enabled", matchIfMissing = true)
public @interface ConditionalOnAwsTracingEnabled {

}
