/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.actuate;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} for the {@link AwsClientsEndpoint}: available when Actuator is on
 * the classpath and the endpoint is exposed, following Actuator's usual rules.
 *
 * @author aws-otel-spring-boot authors
 */
@AutoConfiguration(after = AwsOtelAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnAvailableEndpoint(AwsClientsEndpoint.class)
public final class AwsClientsEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(AwsClientRegistry.class)
	AwsClientsEndpoint awsClientsEndpoint(AwsClientRegistry registry, ObjectProvider<UpstreamInternals> internals) {
		return new AwsClientsEndpoint(registry, internals.getIfAvailable());
	}

}
