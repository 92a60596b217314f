/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

/**
 * The OpenTelemetry instrumentation's own keys (those the Java agent and the
 * OpenTelemetry starter read) as the {@code otel.aws.*} keys that do the same here: an
 * application moving from the agent keeps its settings, from {@code application.yml},
 * environment variables such as
 * {@code OTEL_INSTRUMENTATION_AWS_SDK_EXPERIMENTAL_SPAN_ATTRIBUTES} or system properties.
 * <p>
 * A property source rather than a second look-up where the starter is built, so that
 * every reader of an {@code otel.aws.*} key (the properties class, the conditions, the
 * startup check of bad values, Actuator's {@code env}) sees the same value, and so that
 * precedence needs no code: the source is the environment's last, so an
 * {@code otel.aws.*} key set anywhere else wins. It holds no copy: each read looks the
 * OpenTelemetry key up in the other sources, so sources added after it are seen too. Not
 * enumerable, so that it costs nothing to reads of other keys.
 *
 * @author aws-otel-spring-boot authors
 */
final class OpenTelemetryKeysPropertySource extends PropertySource<Map<String, String>>
		implements OriginLookup<String> {

	static final String NAME = "otelAwsFromOpenTelemetryKeys";

	/** Each {@code otel.aws.*} key and the OpenTelemetry key it is read from. */
	static final Map<String, String> KEYS;

	static {
		Map<String, String> keys = new LinkedHashMap<>();
		keys.put("otel.aws.experimental-span-attributes", "otel.instrumentation.aws-sdk.experimental-span-attributes");
		keys.put("otel.aws.experimental-use-propagator-for-messaging",
				"otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging");
		keys.put("otel.aws.record-individual-http-error",
				"otel.instrumentation.aws-sdk.experimental-record-individual-http-error");
		keys.put("otel.aws.messaging.receive-telemetry",
				"otel.instrumentation.messaging.experimental.receive-telemetry.enabled");
		keys.put("otel.aws.messaging.headers.included", "otel.instrumentation.messaging.experimental.headers.included");
		keys.put("otel.aws.messaging.headers.excluded", "otel.instrumentation.messaging.experimental.headers.excluded");
		keys.put("otel.aws.genai.capture-message-content", "otel.instrumentation.genai.capture-message-content");
		KEYS = Map.copyOf(keys);
	}

	private static final String ATTACHED = "configurationProperties";

	// Not the source object: Spring Boot reads every source of an environment that is the
	// source of a property source, and would come back here without end.
	private final ConfigurableEnvironment environment;

	OpenTelemetryKeysPropertySource(ConfigurableEnvironment environment) {
		super(NAME, KEYS);
		this.environment = environment;
	}

	@Override
	public Object getProperty(String name) {
		ConfigurationProperty property = find(name);
		return (property != null) ? property.getValue() : null;
	}

	@Override
	public Origin getOrigin(String name) {
		ConfigurationProperty property = find(name);
		return (property != null) ? property.getOrigin() : null;
	}

	private ConfigurationProperty find(String name) {
		String openTelemetryKey = KEYS.get(name);
		if (openTelemetryKey == null) {
			return null;
		}
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(otherSources());
		ConfigurationPropertyName key = ConfigurationPropertyName.of(openTelemetryKey);
		for (ConfigurationPropertySource source : sources) {
			ConfigurationProperty property = source.getConfigurationProperty(key);
			if (property != null) {
				return property;
			}
		}
		if (!name.endsWith("cluded")) {
			return null;
		}
		// A list written as one, such as headers.included[0] in YAML: its elements joined
		// as the comma-separated value the binder splits again.
		List<String> elements = new Binder(sources).bind(key, Bindable.listOf(String.class)).orElse(null);
		return (elements != null)
				? new ConfigurationProperty(key, StringUtils.collectionToCommaDelimitedString(elements), null) : null;
	}

	private List<PropertySource<?>> otherSources() {
		// Never this source, nor the view of all sources Spring Boot attaches, which
		// holds it: a read would come back here.
		List<PropertySource<?>> others = new ArrayList<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (source != this && !ATTACHED.equals(source.getName())) {
				others.add(source);
			}
		}
		return others;
	}

	/**
	 * Adds the source to an environment, last, unless it is there already.
	 * @param environment the environment
	 */
	static void addTo(ConfigurableEnvironment environment) {
		if (!environment.getPropertySources().contains(NAME)) {
			environment.getPropertySources().addLast(new OpenTelemetryKeysPropertySource(environment));
		}
	}

}
