/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.awsotel.spring.autoconfigure.AwsOtelProperties;

import org.springframework.beans.BeanUtils;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The {@code otel.aws.*} keys, read from {@link AwsOtelProperties} itself so that a key
 * added there is checked and described without further work, and what each accepts in
 * words.
 *
 * @author aws-otel-spring-boot authors
 */
final class AwsOtelPropertyKeys {

	static final String PREFIX = "otel.aws";

	private static final Map<String, ResolvableType> KEYS;

	private static final Map<String, List<String>> GROUPS;

	static {
		Map<String, ResolvableType> keys = new LinkedHashMap<>();
		Map<String, List<String>> groups = new LinkedHashMap<>();
		collect(PREFIX, AwsOtelProperties.class, keys, groups);
		KEYS = Collections.unmodifiableMap(keys);
		GROUPS = Collections.unmodifiableMap(groups);
	}

	private AwsOtelPropertyKeys() {
	}

	/**
	 * Returns every key that takes a value, with its type.
	 * @return the keys, such as {@code otel.aws.sqs.propagation}
	 */
	static Map<String, ResolvableType> keys() {
		return KEYS;
	}

	/**
	 * Returns the keys of a group of keys, such as {@code otel.aws.sqs}.
	 * @param group the group's name
	 * @return its keys, or {@code null} if the name is no group
	 */
	static List<String> group(String group) {
		return GROUPS.get(group);
	}

	/**
	 * Describes the values a type accepts, in the words of a failure analysis.
	 * @param type the type of a key, or of the elements of a collection key
	 * @return for example {@code true or false} or {@code one of spans, events, none}
	 */
	static String describe(Class<?> type) {
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
		if (type == String.class) {
			return "text";
		}
		return "a value of type " + type.getName();
	}

	/**
	 * Describes the values a key accepts, collections included.
	 * @param type the key's type
	 * @return the description
	 */
	static String describe(ResolvableType type) {
		ResolvableType elements = elementType(type);
		if (elements == null) {
			return describe(type.toClass());
		}
		if (elements.toClass() == String.class) {
			return "a comma-separated list of names, such as first,second (or indexed keys [0], [1], ...)";
		}
		return "a comma-separated list of " + describe(elements.toClass()) + " (or indexed keys [0], [1], ...)";
	}

	/**
	 * Returns the element type of an array or collection type.
	 * @param type the type
	 * @return the element type, or {@code null} if the type is no array or collection
	 */
	static ResolvableType elementType(ResolvableType type) {
		if (type.isArray()) {
			return type.getComponentType();
		}
		if (type.asCollection() != ResolvableType.NONE) {
			return type.asCollection().getGeneric();
		}
		return null;
	}

	private static void collect(String prefix, Class<?> type, Map<String, ResolvableType> keys,
			Map<String, List<String>> groups) {
		List<String> members = new java.util.ArrayList<>();
		for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
			if (property.getReadMethod() == null || "class".equals(property.getName())) {
				continue;
			}
			String key = prefix + "." + kebab(property.getName());
			Class<?> propertyType = property.getPropertyType();
			if (property.getWriteMethod() == null && propertyType.getDeclaringClass() == AwsOtelProperties.class) {
				collect(key, propertyType, keys, groups);
				// A group within a group: its keys, which take the values.
				members.addAll(groups.get(key));
				continue;
			}
			else if (property.getWriteMethod() != null) {
				keys.put(key, ResolvableType.forMethodReturnType(property.getReadMethod()));
			}
			else {
				continue;
			}
			members.add(key);
		}
		groups.put(prefix, List.copyOf(members));
	}

	private static String kebab(String name) {
		StringBuilder kebab = new StringBuilder();
		for (char c : name.toCharArray()) {
			if (Character.isUpperCase(c)) {
				kebab.append('-').append(Character.toLowerCase(c));
			}
			else {
				kebab.append(c);
			}
		}
		return kebab.toString();
	}

}
