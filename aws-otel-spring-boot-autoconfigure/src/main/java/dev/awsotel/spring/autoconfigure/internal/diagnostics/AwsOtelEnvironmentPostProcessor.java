/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.util.function.Supplier;

import dev.awsotel.spring.autoconfigure.AwsOtelProperties;
import dev.awsotel.spring.autoconfigure.internal.semconv.SemconvOptIn;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * {@link EnvironmentPostProcessor} that reads the OpenTelemetry instrumentation's own
 * keys as {@code otel.aws.*} keys ({@link OpenTelemetryKeysPropertySource}), and stops
 * startup early, with a clear failure analysis, when the {@code otel.aws.*} properties
 * hold an invalid value (or keys under a key that takes a value) or when the
 * OpenTelemetry API on the classpath is older than the one the OpenTelemetry
 * instrumentation needs. Without it, the first sign of either would be a condition
 * failing to read a property or a {@link NoSuchMethodError} deep in the OpenTelemetry
 * starter. It also passes {@code otel.semconv-stability.opt-in} set in the environment on
 * to OpenTelemetry's instrumentation, which reads it only from the system properties and
 * environment variables ({@link SemconvOptIn}).
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 * @see OpenTelemetryVersionFailureAnalyzer
 * @see AwsOtelPropertiesFailureAnalyzer
 */
// The deprecated interface is the one that both Spring Boot 3.5 and 4.0 load.
@SuppressWarnings("removal")
public class AwsOtelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	private final Supplier<String> foundApiVersion;

	/**
	 * Create a post-processor that checks the OpenTelemetry API on the classpath.
	 */
	public AwsOtelEnvironmentPostProcessor() {
		this(() -> OpenTelemetryVersions.findApiVersion(AwsOtelEnvironmentPostProcessor.class.getClassLoader()));
	}

	AwsOtelEnvironmentPostProcessor(Supplier<String> foundApiVersion) {
		this.foundApiVersion = foundApiVersion;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// First, so that what OpenTelemetry's keys set is checked as the otel.aws keys.
		OpenTelemetryKeysPropertySource.addTo(environment);
		// Binding every key now fails fast with a BindException that names the key;
		// conditions read single keys later and would let a bad value slip through.
		AwsOtelProperties properties = Binder.get(environment)
			.bind("otel.aws", AwsOtelProperties.class)
			.orElseGet(AwsOtelProperties::new);
		checkNoKeysUnderValues(environment);
		if (properties.isEnabled()
				&& ClassUtils.isPresent(OpenTelemetryVersions.API_CLASS_NAME, getClass().getClassLoader())) {
			checkApiVersion();
		}
		if (properties.isEnabled()) {
			// Before any bean: OpenTelemetry's instrumentation decides once per JVM, at
			// its first span.
			SemconvOptIn.passOn(environment);
			// After passOn: OpenTelemetry's instrumentation reads the conventions once.
			AwsOtelPreinitializer.start(getClass().getClassLoader(), properties.getSqs().isPropagation());
		}
	}

	/**
	 * Fails on keys set under a key that takes a value, such as
	 * {@code otel.aws.excluded-beans.first}: the binder ignores them without a word, and
	 * the application would run with the default.
	 * @param environment the environment to check
	 */
	private void checkNoKeysUnderValues(ConfigurableEnvironment environment) {
		ConfigurationPropertyName prefix = ConfigurationPropertyName.of(AwsOtelPropertyKeys.PREFIX);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)
					|| iterable.containsDescendantOf(prefix) == ConfigurationPropertyState.ABSENT) {
				continue;
			}
			iterable.filter(prefix::isAncestorOf).forEach((name) -> {
				AwsOtelPropertyKeys.keys().forEach((key, type) -> {
					ConfigurationPropertyName keyName = ConfigurationPropertyName.of(key);
					// Indexed elements, [0], belong to collection keys; what is under
					// them is Spring Boot's to report.
					if (keyName.isAncestorOf(name)
							&& !name.chop(keyName.getNumberOfElements() + 1).isLastElementIndexed()) {
						ConfigurationProperty property = iterable.getConfigurationProperty(name);
						throw new InvalidAwsOtelPropertyException(key, name.toString(),
								(property != null) ? property.getValue() : null,
								(property != null) ? property.getOrigin() : null, AwsOtelPropertyKeys.describe(type));
					}
				});
			});
		}
	}

	private void checkApiVersion() {
		String found = this.foundApiVersion.get();
		String required = OpenTelemetryVersions.requiredApiVersion();
		if (OpenTelemetryVersions.isOlder(found, required)) {
			throw new OpenTelemetryVersionMismatchException(found, required);
		}
	}

	@Override
	public int getOrder() {
		// After config data, so that application.properties and profiles are checked.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
