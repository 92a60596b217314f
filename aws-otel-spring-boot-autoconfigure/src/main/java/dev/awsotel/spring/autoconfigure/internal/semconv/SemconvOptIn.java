/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.semconv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Makes {@code otel.semconv-stability.opt-in} (and
 * {@code otel.semconv-stability.preview}) set in the Spring environment (application
 * properties or YAML, profiles, command-line arguments) reach OpenTelemetry's
 * instrumentation, which reads them once per JVM from the system properties or
 * environment variables only; then checks that they did.
 * <p>
 * A system property or environment variable of the process wins: it is the process's own
 * setting, and what the library reads. A system property this class set for an earlier
 * application context in the same JVM is not the process's own: it is replaced.
 * <p>
 * Internal: not for use outside the starter.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class SemconvOptIn {

	/** The key of the opt-in list. */
	public static final String OPT_IN = "otel.semconv-stability.opt-in";

	/** The key of the preview list (messaging and RPC read it too). */
	public static final String PREVIEW = "otel.semconv-stability.preview";

	static final String V3_PREVIEW = "otel.instrumentation.common.v3-preview";

	private static final Log logger = LogFactory.getLog(SemconvOptIn.class);

	// The values this class set as system properties, to tell them from the process's
	// own.
	private static final Map<String, String> passedOn = new ConcurrentHashMap<>();

	private SemconvOptIn() {
	}

	/**
	 * Passes the keys set in the environment on as system properties, where
	 * OpenTelemetry's instrumentation reads them, unless the process sets them itself.
	 * Runs before any application bean, so before the instrumentation decides.
	 * @param environment the application's environment
	 */
	public static void passOn(ConfigurableEnvironment environment) {
		passOn(environment, SemconvOptIn::processValue, SemconvOptIn::setSystemProperty);
	}

	static void passOn(ConfigurableEnvironment environment, Function<String, String> processValues,
			BiConsumer<String, String> systemProperties) {
		for (String key : List.of(OPT_IN, PREVIEW)) {
			if (processValues.apply(key) != null) {
				continue;
			}
			String asked = asked(environment, key);
			if (asked != null || passedOn.containsKey(key)) {
				systemProperties.accept(key, asked);
			}
		}
	}

	/**
	 * Returns the conventions the starter follows, those of OpenTelemetry's
	 * instrumentation, and logs one WARN line when they are not the ones the environment
	 * asks for (the instrumentation decided earlier in this JVM, for example for another
	 * application context, or this version of it does not tell).
	 * @param environment the application's environment
	 * @return the conventions to follow
	 */
	public static SemanticConventions check(ConfigurableEnvironment environment) {
		return check(environment, SemanticConventions.inLibrary());
	}

	/**
	 * Returns the conventions the starter follows, given those OpenTelemetry's
	 * instrumentation uses, and logs one WARN line when they are not the ones the
	 * environment asks for, or unknown.
	 * @param environment the application's environment
	 * @param inForce the conventions of the instrumentation, or {@code null} when it does
	 * not tell
	 * @return the conventions to follow
	 */
	public static SemanticConventions check(ConfigurableEnvironment environment,
			@Nullable SemanticConventions inForce) {
		String optIn = asked(environment, OPT_IN);
		String preview = asked(environment, PREVIEW);
		SemanticConventions asked = SemanticConventions.fromOptIn(flags(optIn), flags(preview),
				Boolean.parseBoolean(asked(environment, V3_PREVIEW)));
		if (inForce == null) {
			logger.warn("Feature 'semconv-detection' is off: could not tell which semantic conventions"
					+ " OpenTelemetry's instrumentation uses (the internal class"
					+ " io.opentelemetry.instrumentation.api.internal.SemconvStability is missing or changed);"
					+ " the starter's own spans and metrics follow " + describe(optIn, preview) + ", that is " + asked
					+ "; the library's spans may follow other ones.");
			return asked;
		}
		if ((optIn != null || preview != null) && !asked.equals(inForce)) {
			String used = inForce.optIn().isEmpty() ? "the old conventions (no opt-in)"
					: OPT_IN + "=" + inForce.optIn();
			logger.warn(describe(optIn, preview) + " is not in force: OpenTelemetry's instrumentation already uses "
					+ used + ", decided once per JVM (earlier in this JVM, for example by another application"
					+ " context). The starter's own spans and metrics follow it too, so that no trace mixes"
					+ " conventions.");
		}
		return inForce;
	}

	private static String describe(String optIn, String preview) {
		String described = OPT_IN + "=" + ((optIn != null) ? optIn : "");
		return (preview != null) ? described + " and " + PREVIEW + "=" + preview : described;
	}

	/**
	 * Returns the value of {@code key} in the environment, as the application sees it
	 * (its own highest-precedence source first), leaving out a system property this class
	 * set.
	 * @param environment the application's environment
	 * @param key the key to look up
	 * @return the value, or {@code null} when the application did not set it
	 */
	static String asked(ConfigurableEnvironment environment, String key) {
		List<PropertySource<?>> sources = new ArrayList<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
					&& passedOn.containsKey(key) && passedOn.get(key).equals(source.getProperty(key))) {
				continue;
			}
			if (!source.getName().equals("configurationProperties")) {
				sources.add(source);
			}
		}
		List<String> values = new Binder(ConfigurationPropertySources.from(sources),
				new PropertySourcesPlaceholdersResolver(environment))
			.bind(key, Bindable.listOf(String.class))
			.orElse(null);
		return (values != null) ? String.join(",", values.stream().map(String::trim).toList()) : null;
	}

	private static List<String> flags(String value) {
		List<String> flags = new ArrayList<>();
		if (value != null) {
			for (String flag : value.split(",")) {
				if (!flag.isBlank()) {
					flags.add(flag.trim());
				}
			}
		}
		return flags;
	}

	private static String processValue(String key) {
		String value = System.getProperty(key);
		if (value != null) {
			return value.equals(passedOn.get(key)) ? null : value;
		}
		return System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
	}

	private static void setSystemProperty(String key, String value) {
		if (value != null) {
			System.setProperty(key, value);
			passedOn.put(key, value);
		}
		else {
			System.clearProperty(key);
			passedOn.remove(key);
		}
	}

}
