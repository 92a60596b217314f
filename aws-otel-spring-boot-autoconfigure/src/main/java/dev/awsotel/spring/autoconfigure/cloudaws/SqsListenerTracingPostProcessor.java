/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import dev.awsotel.spring.autoconfigure.internal.messaging.SqsMessagePropagation;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Gives every Spring Cloud AWS {@link SqsMessageListenerContainerFactory} bean (the one
 * Spring Cloud AWS auto-configures and the application's own) and every
 * {@link SqsMessageListenerContainer} bean (built by hand with
 * {@code SqsMessageListenerContainer.builder()}) the interceptor that runs each listener
 * inside its message's process span. The interceptor is not a bean: Spring Cloud AWS adds
 * every {@code MessageInterceptor} bean to its default factory, and this one must be
 * added once. A container bean built from a factory bean gets it twice, and runs it once
 * (see {@link SqsListenerTracing}).
 *
 * @author aws-otel-spring-boot authors
 */
final class SqsListenerTracingPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<SqsMessagePropagation> propagation;

	private volatile SqsListenerTracing tracing;

	/**
	 * Creates a post-processor.
	 * @param propagation the SQS propagation, resolved when the first factory arrives
	 */
	SqsListenerTracingPostProcessor(ObjectProvider<SqsMessagePropagation> propagation) {
		this.propagation = propagation;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof SqsMessageListenerContainerFactory factory) {
			SqsListenerTracing tracing = tracing();
			if (tracing != null) {
				factory.addMessageInterceptor((io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor) tracing);
			}
		}
		else if (bean instanceof SqsMessageListenerContainer container) {
			SqsListenerTracing tracing = tracing();
			if (tracing != null) {
				// Before the container starts (a lifecycle phase after every bean is
				// initialized): it reads its interceptors when it starts.
				container
					.addMessageInterceptor((io.awspring.cloud.sqs.listener.interceptor.MessageInterceptor) tracing);
			}
		}
		return bean;
	}

	private SqsListenerTracing tracing() {
		if (this.tracing == null) {
			SqsMessagePropagation propagation = this.propagation.getIfAvailable();
			if (propagation != null) {
				this.tracing = new SqsListenerTracing(propagation);
			}
		}
		return this.tracing;
	}

}
