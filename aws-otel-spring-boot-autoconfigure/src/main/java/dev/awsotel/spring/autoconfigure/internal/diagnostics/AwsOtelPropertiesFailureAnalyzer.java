/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.util.List;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.ConverterNotFoundException;
import org.springframework.core.convert.TypeDescriptor;

/**
 * {@link AbstractFailureAnalyzer FailureAnalyzer} for an {@code otel.aws.*} property
 * whose value cannot be converted, or that has keys under it that it cannot take: names
 * the key, the value and where it was set, and says which values the key accepts.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsOtelPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = AwsOtelPropertyKeys.PREFIX + ".";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.startsWith(PREFIX)) {
			return null;
		}
		ConversionException conversionFailure = findCause(cause, ConversionException.class);
		UnboundConfigurationPropertiesException unbound = findCause(cause,
				UnboundConfigurationPropertiesException.class);
		// Other bind failures (validation, mutually exclusive keys) have their own,
		// better analyzers in Spring Boot.
		if (conversionFailure == null && unbound == null) {
			return null;
		}
		List<String> groupKeys = AwsOtelPropertyKeys.group(name);
		String accepted = (groupKeys != null) ? "no value: it is a group of keys, " + String.join(", ", groupKeys)
				: (conversionFailure != null) ? AwsOtelPropertyKeys.describe(targetType(cause, conversionFailure))
						: AwsOtelPropertyKeys.describe(cause.getTarget().getType());
		StringBuilder description = new StringBuilder(String.format("Invalid value for '%s':%n%n", name));
		ConfigurationProperty property = cause.getProperty();
		if (property != null) {
			description.append(String.format("    Value: \"%s\"%n", property.getValue()));
			Origin origin = property.getOrigin();
			if (origin != null) {
				description.append(String.format("    Origin: %s%n", origin));
			}
		}
		if (unbound != null) {
			for (ConfigurationProperty left : unbound.getUnboundProperties()) {
				description.append(String.format("    Not understood: %s = \"%s\"%s%n", left.getName(), left.getValue(),
						(left.getOrigin() != null) ? " (" + left.getOrigin() + ")" : ""));
			}
		}
		description.append(String.format("    Accepted: %s", accepted));
		String action = (groupKeys != null)
				? String.format("Remove '%s' and set the keys under it instead: %s.", name,
						String.join(", ", groupKeys))
				: String.format("Set '%s' to %s. Remove it to use the default instead.", name, accepted);
		return new FailureAnalysis(description.toString(), action, cause);
	}

	// The conversion failure knows the innermost type, such as the element type of a Set
	// of enums; the bindable is the fallback.
	private Class<?> targetType(BindException exception, ConversionException conversionFailure) {
		TypeDescriptor descriptor = null;
		if (conversionFailure instanceof ConversionFailedException failed) {
			descriptor = failed.getTargetType();
		}
		else if (conversionFailure instanceof ConverterNotFoundException notFound) {
			descriptor = notFound.getTargetType();
		}
		ResolvableType type = (descriptor != null) ? descriptor.getResolvableType() : exception.getTarget().getType();
		ResolvableType elements = AwsOtelPropertyKeys.elementType(type);
		return ((elements != null) ? elements : type).toClass();
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's BindFailureAnalyzer, which lists no accepted values.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
