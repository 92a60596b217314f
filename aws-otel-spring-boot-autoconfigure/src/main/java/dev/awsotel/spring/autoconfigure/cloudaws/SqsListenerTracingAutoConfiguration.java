/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.ConditionalOnAwsTracingEnabled;
import dev.awsotel.spring.autoconfigure.internal.messaging.SqsMessagePropagation;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for Spring Cloud AWS SQS listeners: each {@code @SqsListener}
 * method runs inside the process span of its message, so that its own spans continue the
 * producer's trace.
 *
 * @author aws-otel-spring-boot authors
 */
@AutoConfiguration(after = AwsOtelAutoConfiguration.class)
@ConditionalOnClass({ SqsMessageListenerContainerFactory.class, MessageInterceptor.class })
@ConditionalOnAwsTracingEnabled
@ConditionalOnBooleanProperty(name = "otel.aws.sqs.propagation", matchIfMissing = true)
public final class SqsListenerTracingAutoConfiguration {

	// Static, and with providers only: the factories it post-processes are created early.
	@Bean
	@ConditionalOnMissingBean
	static SqsListenerTracingPostProcessor sqsListenerTracingPostProcessor(
			ObjectProvider<SqsMessagePropagation> propagation) {
		return new SqsListenerTracingPostProcessor(propagation);
	}

}
