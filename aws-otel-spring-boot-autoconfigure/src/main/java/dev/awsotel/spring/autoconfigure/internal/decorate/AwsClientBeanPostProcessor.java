/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Traces every AWS SDK for Java v2 client bean and client builder bean, of any service,
 * sync or async. Resolves the {@link AwsClientDecorator} the first time such a bean
 * arrives, so that declaring this post-processor initialises nothing early.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class AwsClientBeanPostProcessor implements BeanPostProcessor {

	private static final Log logger = LogFactory.getLog(AwsClientBeanPostProcessor.class);

	private final ObjectProvider<AwsClientDecorator> decorator;

	private volatile boolean reportedMissingOpenTelemetry;

	/**
	 * Creates a post-processor.
	 * @param decorator the decorator, absent when the application has no
	 * {@code OpenTelemetry} bean
	 */
	public AwsClientBeanPostProcessor(ObjectProvider<AwsClientDecorator> decorator) {
		this.decorator = decorator;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof SdkClient) && !(bean instanceof SdkClientBuilder)) {
			return bean;
		}
		// A scoped or AOP proxy delegates to a target bean that is post-processed itself;
		// touching the proxy here would create a target outside its scope.
		if (bean instanceof ScopedObject || AopUtils.isAopProxy(bean)) {
			return bean;
		}
		AwsClientDecorator decorator = this.decorator.getIfAvailable();
		if (decorator == null) {
			reportMissingOpenTelemetry(beanName);
			return bean;
		}
		return decorator.decorate(bean, beanName);
	}

	private void reportMissingOpenTelemetry(String beanName) {
		if (!this.reportedMissingOpenTelemetry) {
			this.reportedMissingOpenTelemetry = true;
			logger.warn("AWS SDK clients are not traced (first: bean '" + beanName
					+ "'): the application context has no io.opentelemetry.api.OpenTelemetry bean. Add "
					+ "io.opentelemetry.instrumentation:opentelemetry-spring-boot-starter (aws-otel-spring-boot-starter "
					+ "brings it) or define an OpenTelemetry bean; set otel.aws.enabled=false to silence this.");
		}
	}

}
