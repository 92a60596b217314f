/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of OpenTelemetry tracing for AWS SDK clients.
 *
 * @author aws-otel-spring-boot authors
 */
@ConfigurationProperties("otel.aws")
public class AwsOtelProperties {

	/**
	 * Whether to trace AWS SDK clients. When false, every client stays exactly as the
	 * application built it.
	 */
	private boolean enabled = true;

	/**
	 * Whether to add OpenTelemetry's experimental AWS span attributes, such as
	 * aws.dynamodb.table_names, aws.s3.bucket and aws.queue.url.
	 */
	private boolean experimentalSpanAttributes = false;

	/**
	 * Whether to also trace AWS SDK clients that are not beans, such as clients that
	 * application code or a library builds and keeps for itself.
	 */
	private boolean includeNonBeanClients = false;

	/**
	 * Names of AWS SDK client or client builder beans to leave untraced.
	 */
	private Set<String> excludedBeans = new LinkedHashSet<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isExperimentalSpanAttributes() {
		return this.experimentalSpanAttributes;
	}

	public void setExperimentalSpanAttributes(boolean experimentalSpanAttributes) {
		this.experimentalSpanAttributes = experimentalSpanAttributes;
	}

	public boolean isIncludeNonBeanClients() {
		return this.includeNonBeanClients;
	}

	public void setIncludeNonBeanClients(boolean includeNonBeanClients) {
		this.includeNonBeanClients = includeNonBeanClients;
	}

	public Set<String> getExcludedBeans() {
		return this.excludedBeans;
	}

	public void setExcludedBeans(Set<String> excludedBeans) {
		this.excludedBeans = excludedBeans;
	}

}
