/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.cloudaws;

import dev.awsotel.spring.autoconfigure.internal.messaging.SqsMessagePropagation;
import dev.awsotel.spring.autoconfigure.internal.messaging.SqsReceiveHandover;
import io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory;
import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Gives every Spring Cloud AWS {@link SqsMessageListenerContainerFactory} bean (the one
 * Spring Cloud AWS auto-configures and the application's own) and every
 * {@link SqsMessageListenerContainer} bean (built by hand with
 * {@code SqsMessageListenerContainer.builder()}) the interceptor that runs each listener
 * inside its message's process span. The interceptor is not a bean: Spring Cloud AWS adds
 * every {@code MessageInterceptor} bean to its default factory, and this one must be
 * added once. A container bean built from a factory bean gets it twice, and runs it once
 * (see {@link SqsListenerTracing}).
 * <p>
 * Once every singleton exists (before any container starts), it leaves the receive calls
 * of the SQS clients the containers use to them ({@link SqsReceiveHandover}): the client
 * Spring Cloud AWS auto-configures, which its container factory uses, and every
 * {@code SqsAsyncClient} bean injected into a container factory or container bean. The
 * application's own receives on such a client get the SDK's messages as they are.
 *
 * @author aws-otel-spring-boot authors
 */
final class SqsListenerTracingPostProcessor implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

	private static final String SPRING_CLOUD_AWS_AUTO_CONFIGURATION = "io.awspring.cloud.autoconfigure.";

	private @Nullable ConfigurableListableBeanFactory beanFactory;

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

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
			this.beanFactory = listable;
		}
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		if (beanFactory == null) {
			return;
		}
		for (String name : beanFactory.getBeanNamesForType(SqsAsyncClient.class, false, false)) {
			if (madeBySpringCloudAws(beanFactory, name) || injectedIntoContainers(beanFactory, name)) {
				SqsReceiveHandover.leaveReceivesToFramework(beanFactory.getBean(name));
			}
		}
	}

	private static boolean madeBySpringCloudAws(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return false;
		}
		String factoryBean = beanFactory.getBeanDefinition(name).getFactoryBeanName();
		Class<?> configuration = (factoryBean != null) ? beanFactory.getType(factoryBean) : null;
		return configuration != null
				&& ClassUtils.getUserClass(configuration).getName().startsWith(SPRING_CLOUD_AWS_AUTO_CONFIGURATION);
	}

	private static boolean injectedIntoContainers(ConfigurableListableBeanFactory beanFactory, String name) {
		for (String dependent : beanFactory.getDependentBeans(name)) {
			if (beanFactory.isTypeMatch(dependent, SqsMessageListenerContainerFactory.class)
					|| beanFactory.isTypeMatch(dependent, SqsMessageListenerContainer.class)) {
				return true;
			}
		}
		return false;
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
