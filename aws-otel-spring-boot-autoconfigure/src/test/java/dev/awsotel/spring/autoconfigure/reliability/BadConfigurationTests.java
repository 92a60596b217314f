/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import dev.awsotel.spring.autoconfigure.AwsOtelProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatRuntimeException;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every {@code otel.aws.*} key, read from the configuration metadata the build generates
 * (so that a new key is covered the day it is added), given values it cannot take: a
 * value of the wrong type, an unknown enum constant, keys under a key that takes a value,
 * a value for a group of keys. Each one stops a real {@code SpringApplication} with a
 * failure report that names the key and the values it accepts.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTests {

	private static List<Map<String, Object>> properties;

	private static List<String> groups;

	@BeforeAll
	static void readMetadata() throws IOException {
		// The metadata of this module, not of another jar on the classpath: its classes
		// directory here, its jar where another module runs this suite
		// (compatibility-tests/spring-boot-4.0).
		URL classes = AwsOtelProperties.class.getProtectionDomain().getCodeSource().getLocation();
		URL metadata = classes.getPath().endsWith(".jar")
				? new URL("jar:" + classes + "!/META-INF/spring-configuration-metadata.json")
				: new URL(classes, "META-INF/spring-configuration-metadata.json");
		try (InputStream in = metadata.openStream()) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			properties = JsonPath.<List<Map<String, Object>>>read(json, "$.properties[*]")
				.stream()
				.filter((property) -> ((String) property.get("name")).startsWith("otel.aws."))
				.toList();
			groups = JsonPath.<List<String>>read(json, "$.groups[*].name")
				.stream()
				.filter((name) -> name.startsWith("otel.aws."))
				.toList();
		}
	}

	@Test
	void theMetadataHasEveryFieldOfTheProperties() {
		assertThat(properties).extracting((property) -> (String) property.get("name"))
			.containsExactlyInAnyOrderElementsOf(fieldKeys("otel.aws", AwsOtelProperties.class));
		assertThat(groups).containsExactlyInAnyOrder("otel.aws.async", "otel.aws.metrics", "otel.aws.sqs",
				"otel.aws.sns", "otel.aws.lambda", "otel.aws.messaging", "otel.aws.messaging.headers",
				"otel.aws.genai");
	}

	@Test
	void everyKeyHasADescriptionForIdes() {
		// Every key, one by one: the metadata has each field (the test above), so a key
		// left without Javadoc is named here.
		assertThat(properties).hasSize(fieldKeys("otel.aws", AwsOtelProperties.class).size())
			.allSatisfy((property) -> assertThat((String) property.get("description")).as("%s", property.get("name"))
				.isNotBlank());
	}

	@Test
	void theReadmeDocumentsEveryKey() throws IOException {
		// README's configuration table: a row per key, and no row for a key that is gone.
		String readme = Files.readString(Path.of("../README.md"));
		assertThat(properties)
			.allSatisfy((property) -> assertThat(readme).as("README").contains("| `" + property.get("name") + "` |"));
		List<String> rows = readme.lines()
			.filter((line) -> line.startsWith("| `otel.aws."))
			.map((line) -> line.substring(3, line.indexOf('`', 3)))
			.toList();
		assertThat(rows).as("README's configuration table")
			.containsExactlyInAnyOrderElementsOf(
					properties.stream().map((property) -> (String) property.get("name")).toList());
	}

	@TestFactory
	Stream<DynamicTest> everyKeyGivenAValueItCannotTakeStopsStartupNamingTheKeyAndTheAcceptedValues(
			CapturedOutput output) {
		List<DynamicTest> tests = new ArrayList<>();
		for (Map<String, Object> property : properties) {
			String key = (String) property.get("name");
			String type = (String) property.get("type");
			for (BadValue bad : badValues(key, type)) {
				tests.add(DynamicTest.dynamicTest(bad.property() + "=" + bad.value(),
						() -> assertStartupFails(output, bad.property(), bad.value(), key, bad.accepted())));
			}
		}
		for (String group : groups) {
			List<String> keys = properties.stream()
				.map((property) -> (String) property.get("name"))
				.filter((name) -> name.startsWith(group + "."))
				.toList();
			tests.add(DynamicTest.dynamicTest(group + "=true", () -> assertStartupFails(output, group, "true", group,
					"no value: it is a group of keys, " + String.join(", ", keys))));
		}
		assertThat(tests).hasSizeGreaterThan(properties.size() * 2);
		return tests.stream();
	}

	@Test
	void validValuesForEveryKeyStart() {
		List<String> valid = new ArrayList<>();
		for (Map<String, Object> property : properties) {
			String key = (String) property.get("name");
			valid.add(key + "=" + goodValue(key, (String) property.get("type")));
		}
		try (ConfigurableApplicationContext context = application(valid.toArray(String[]::new)).run()) {
			assertThat(context.isActive()).isTrue();
		}
	}

	/**
	 * Returns values that {@code key}, of the given metadata type, cannot take, with the
	 * accepted values its failure report must show. A type this method does not know
	 * fails the test: a new kind of key needs its bad values here.
	 */
	private static List<BadValue> badValues(String key, String type) {
		List<BadValue> bad = new ArrayList<>();
		String accepted;
		if (type.equals("java.lang.Boolean")) {
			accepted = "true or false";
			bad.add(new BadValue(key, "maybe", accepted));
			bad.add(new BadValue(key, "2", accepted));
			bad.add(new BadValue(key, "spans", accepted));
			bad.add(new BadValue(key, "", accepted));
		}
		else if (enumType(type) != null) {
			accepted = Arrays.stream(enumType(type).getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", ", "one of ", ""));
			bad.add(new BadValue(key, "everything", accepted));
			bad.add(new BadValue(key, "true", accepted));
			bad.add(new BadValue(key, "spans,events", accepted));
		}
		else if (type.equals("java.util.Set<java.lang.String>") || type.equals("java.util.List<java.lang.String>")) {
			accepted = "a comma-separated list of names";
			// Map-style keys the binder would otherwise ignore, and objects for
			// elements.
			bad.add(new BadValue(key + ".first", "legacyClient", accepted));
			bad.add(new BadValue(key + "[0].name", "legacyClient", accepted));
		}
		else {
			fail("No bad values known for %s of type %s: add them to this test", key, type);
			return bad;
		}
		// Keys under a key that takes a value.
		bad.add(new BadValue(key + ".really", "true", accepted));
		return bad;
	}

	private static String goodValue(String key, String type) {
		if (type.equals("java.lang.Boolean")) {
			return "true";
		}
		Class<?> enumType = enumType(type);
		if (enumType != null) {
			Object[] constants = enumType.getEnumConstants();
			return ((Enum<?>) constants[constants.length - 1]).name().toLowerCase(Locale.ROOT).replace('_', '-');
		}
		return "first,second";
	}

	private static Class<?> enumType(String type) {
		if (!ClassUtils.isPresent(type, null)) {
			return null;
		}
		Class<?> resolved = ClassUtils.resolveClassName(type, null);
		return resolved.isEnum() ? resolved : null;
	}

	private static void assertStartupFails(CapturedOutput output, String property, String value, String key,
			String accepted) {
		int before = output.length();
		assertThatRuntimeException().isThrownBy(() -> application(property + "=" + value).run());
		String report = output.toString().substring(before);
		assertThat(report).contains("APPLICATION FAILED TO START")
			.contains("Invalid value for '" + key + "'")
			.contains("Accepted: " + accepted);
	}

	private static SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(EmptyConfiguration.class).web(WebApplicationType.NONE)
			.properties(properties);
	}

	/**
	 * The keys the fields of a properties class make, nested classes included.
	 */
	private static List<String> fieldKeys(String prefix, Class<?> type) {
		TreeSet<String> keys = new TreeSet<>();
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers())) {
				continue;
			}
			String key = prefix + "." + field.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
			if (field.getType().getDeclaringClass() == AwsOtelProperties.class && !field.getType().isEnum()) {
				keys.addAll(fieldKeys(key, field.getType()));
			}
			else {
				keys.add(key);
			}
		}
		return List.copyOf(keys);
	}

	record BadValue(String property, String value, String accepted) {

	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

}
