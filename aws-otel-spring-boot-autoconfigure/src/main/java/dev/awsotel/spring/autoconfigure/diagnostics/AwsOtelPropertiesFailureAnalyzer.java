/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.diagnostics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.bind.BindException;
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
import org.springframework.util.ClassUtils;

/**
 * {@link AbstractFailureAnalyzer FailureAnalyzer} for an {@code otel.aws.*} property
 * whose value cannot be converted: names the key, the value and where it was set, and
 * says which values the key accepts.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsOtelPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final String PREFIX = "otel.aws.";

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		ConversionException conversionFailure = findCause(cause, ConversionException.class);
		// Other bind failures (validation, unbound or mutually exclusive keys) have their
		// own, better analyzers in Spring Boot.
		if (!name.startsWith(PREFIX) || conversionFailure == null) {
			return null;
		}
		String accepted = describeAcceptedValues(targetType(cause, conversionFailure));
		StringBuilder description = new StringBuilder(String.format("Invalid value for '%s':%n%n", name));
		ConfigurationProperty property = cause.getProperty();
		if (property != null) {
			description.append(String.format("    Value: \"%s\"%n", property.getValue()));
			Origin origin = property.getOrigin();
			if (origin != null) {
				description.append(String.format("    Origin: %s%n", origin));
			}
		}
		description.append(String.format("    Accepted: %s", accepted));
		String action = String.format("Set '%s' to %s. Remove it to use the default instead.", name, accepted);
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
		if (type.isArray()) {
			type = type.getComponentType();
		}
		else if (type.asCollection() != ResolvableType.NONE) {
			type = type.asCollection().getGeneric();
		}
		return type.toClass();
	}

	private String describeAcceptedValues(Class<?> type) {
		Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
		if (boxed == Boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", ", "one of ", ""));
		}
		if (type == Duration.class) {
			return "a duration such as 500ms or 10s";
		}
		if (Number.class.isAssignableFrom(boxed)) {
			return "a number";
		}
		return "a value of type " + type.getName();
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's BindFailureAnalyzer, which lists no accepted values.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
