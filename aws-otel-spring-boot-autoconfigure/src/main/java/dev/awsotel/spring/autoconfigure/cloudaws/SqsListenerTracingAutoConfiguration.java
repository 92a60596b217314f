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
import io.awspring.cloud.sqs.support.observation.SqsListenerObservation;
import io.awspring.cloud.sqs.support.observation.SqsTemplateObservation;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for Spring Cloud AWS SQS listeners: each {@code @SqsListener}
 * method runs inside the process span of its message, so that its own spans continue the
 * producer's trace. With Micrometer Tracing, Spring Cloud AWS's own observations of
 * {@code SqsTemplate} sends and listeners open no second send or process span (see
 * {@link SpringCloudAwsObservationSpans}).
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

	// Spring Cloud AWS 3.4 and later observe SqsTemplate sends and listeners
	// (spring.cloud.aws.sqs.observation-enabled); with Micrometer Tracing, each message
	// would get a second send and a second consumer span beside the starter's.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TracingObservationHandler.class, SqsTemplateObservation.class, SqsListenerObservation.class })
	static class SpringCloudAwsObservationConfiguration {

		@Bean
		SpringCloudAwsObservationSpans springCloudAwsObservationSpans() {
			return new SpringCloudAwsObservationSpans();
		}

	}

}
