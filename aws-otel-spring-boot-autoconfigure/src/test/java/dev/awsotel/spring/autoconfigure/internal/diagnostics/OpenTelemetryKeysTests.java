/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.AwsOtelProperties;
import dev.awsotel.spring.autoconfigure.AwsSdkTelemetryBuilderCustomizer;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import io.opentelemetry.instrumentation.api.config.IncludeExclude;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetryBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The OpenTelemetry instrumentation's own keys, set as an application property, an
 * environment variable or a system property, reach the {@code otel.aws.*} properties and
 * the {@link AwsSdkTelemetryBuilder} the starter builds; an {@code otel.aws.*} key set
 * beside one wins.
 *
 * @author aws-otel-spring-boot authors
 */
class OpenTelemetryKeysTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, BuilderSettingsConfiguration.class);

	/** Each OpenTelemetry key, a value, and what the starter made of it. */
	private static final List<Key> KEYS = List.of(
			new Key("otel.instrumentation.aws-sdk.experimental-span-attributes", "true",
					AwsOtelProperties::isExperimentalSpanAttributes, true, "captureExperimentalSpanAttributes", true),
			new Key("otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging", "true",
					AwsOtelProperties::isExperimentalUsePropagatorForMessaging, true, "useMessagingPropagator", true),
			new Key("otel.instrumentation.aws-sdk.experimental-record-individual-http-error", "true",
					AwsOtelProperties::isRecordIndividualHttpError, true, "recordIndividualHttpError", true),
			new Key("otel.instrumentation.messaging.experimental.receive-telemetry.enabled", "true",
					(properties) -> properties.getMessaging().isReceiveTelemetry(), true,
					"messagingReceiveTelemetryEnabled", true),
			new Key("otel.instrumentation.messaging.experimental.headers.included", "tenant-*,trace-origin",
					(properties) -> properties.getMessaging().getHeaders().getIncluded(),
					List.of("tenant-*", "trace-origin"), "headers",
					IncludeExclude.builder().setIncluded("tenant-*", "trace-origin").build()),
			new Key("otel.instrumentation.messaging.experimental.headers.excluded", "secret-*",
					(properties) -> properties.getMessaging().getHeaders().getExcluded(), List.of("secret-*"),
					"headers", IncludeExclude.builder().setExcluded("secret-*").build()),
			new Key("otel.instrumentation.genai.capture-message-content", "true",
					(properties) -> properties.getGenai().isCaptureMessageContent(), true, "genaiCaptureMessageContent",
					true));

	@Test
	void whenNoOpenTelemetryKeyIsSetThenTheBuilderHasTheStartersDefaults() {
		runWithKeys(Map.of(), (context) -> {
			Map<String, Object> settings = context.getBean(BuilderSettings.class).settings;
			assertThat(settings).containsEntry("captureExperimentalSpanAttributes", false)
				.containsEntry("useMessagingPropagator", false)
				.containsEntry("recordIndividualHttpError", false)
				.containsEntry("messagingReceiveTelemetryEnabled", false)
				.containsEntry("genaiCaptureMessageContent", false);
			assertThat(((IncludeExclude) settings.get("headers")).isEmpty()).isTrue();
		});
	}

	@Test
	void whenAnOpenTelemetryKeyIsAnApplicationPropertyThenItReachesTheBuilder() {
		for (Key key : KEYS) {
			this.contextRunner.withInitializer(OpenTelemetryKeysTests::postProcessEnvironment)
				.withPropertyValues(key.name() + "=" + key.value())
				.run((context) -> assertReached(context, key));
		}
	}

	@Test
	void whenAnOpenTelemetryKeyIsAnEnvironmentVariableThenItReachesTheBuilder() {
		for (Key key : KEYS) {
			runWithKeys(Map.of(key.environmentVariable(), key.value()), (context) -> assertReached(context, key));
		}
	}

	@Test
	void whenAnOpenTelemetryKeyIsASystemPropertyThenItReachesTheBuilder() {
		for (Key key : KEYS) {
			this.contextRunner.withInitializer(OpenTelemetryKeysTests::postProcessEnvironment)
				.withSystemProperties(key.name() + "=" + key.value())
				.run((context) -> assertReached(context, key));
		}
	}

	@Test
	void whenAListKeyIsWrittenAsIndexedElementsThenItReachesTheBuilder() {
		this.contextRunner.withInitializer(OpenTelemetryKeysTests::postProcessEnvironment)
			.withPropertyValues("otel.instrumentation.messaging.experimental.headers.included[0]=tenant-*",
					"otel.instrumentation.messaging.experimental.headers.included[1]=trace-origin")
			.run((context) -> assertReached(context, KEYS.get(4)));
	}

	@Test
	void whenTheOtelAwsKeyIsAlsoSetThenItWins() {
		Map<String, String> environment = new LinkedHashMap<>();
		KEYS.forEach((key) -> environment.put(key.environmentVariable(), key.value()));
		this.contextRunner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.copyOf(environment)));
			postProcessEnvironment(context);
		})
			.withPropertyValues("otel.aws.experimental-span-attributes=false",
					"otel.aws.experimental-use-propagator-for-messaging=false",
					"otel.aws.record-individual-http-error=false", "otel.aws.messaging.receive-telemetry=false",
					"otel.aws.messaging.headers.included=other", "otel.aws.messaging.headers.excluded=",
					"otel.aws.genai.capture-message-content=false")
			.withSystemProperties("otel.instrumentation.aws-sdk.experimental-span-attributes=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Map<String, Object> settings = context.getBean(BuilderSettings.class).settings;
				assertThat(settings).containsEntry("captureExperimentalSpanAttributes", false)
					.containsEntry("useMessagingPropagator", false)
					.containsEntry("recordIndividualHttpError", false)
					.containsEntry("messagingReceiveTelemetryEnabled", false)
					.containsEntry("genaiCaptureMessageContent", false)
					.containsEntry("headers", IncludeExclude.builder().setIncluded("other").build());
			});
	}

	@Test
	void whenAnOpenTelemetryKeyHasABadValueThenStartupFailsNamingTheKeyItWasReadAs() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment",
					Map.of("OTEL_INSTRUMENTATION_AWS_SDK_EXPERIMENTAL_SPAN_ATTRIBUTES", "sometimes")));

		assertThatException()
			.isThrownBy(() -> new AwsOtelEnvironmentPostProcessor().postProcessEnvironment(environment,
					new SpringApplication()))
			.satisfies((failure) -> assertThat(failure).hasStackTraceContaining("otel.aws.experimental-span-attributes")
				.hasStackTraceContaining("sometimes"));
	}

	private void runWithKeys(Map<String, String> environment,
			ContextConsumer<AssertableApplicationContext> assertions) {
		this.contextRunner.withInitializer((context) -> {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", Map.copyOf(environment)));
			postProcessEnvironment(context);
		}).run(assertions);
	}

	private static void assertReached(AssertableApplicationContext context, Key key) {
		assertThat(context).hasNotFailed();
		assertThat(key.property().apply(context.getBean(AwsOtelProperties.class))).as(key.name())
			.isEqualTo(key.expectedProperty());
		assertThat(context.getBean(BuilderSettings.class).settings.get(key.builderField())).as(key.name())
			.isEqualTo(key.expectedBuilderValue());
	}

	private static void postProcessEnvironment(org.springframework.context.ConfigurableApplicationContext context) {
		new AwsOtelEnvironmentPostProcessor().postProcessEnvironment(context.getEnvironment(), new SpringApplication());
	}

	record Key(String name, String value, Function<AwsOtelProperties, Object> property, Object expectedProperty,
			String builderField, Object expectedBuilderValue) {

		String environmentVariable() {
			return this.name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderSettingsConfiguration {

		@Bean
		BuilderSettings builderSettings() {
			return new BuilderSettings();
		}

		@Bean
		AwsSdkTelemetryBuilderCustomizer builderSettingsReader(BuilderSettings settings) {
			return settings::read;
		}

	}

	/**
	 * What the starter set on the builder, read where a customizer sees it: after the
	 * starter's settings, before the build. The builder has no getters: its fields are
	 * read, so a renamed field fails this test rather than passing it.
	 */
	static class BuilderSettings {

		final Map<String, Object> settings = new LinkedHashMap<>();

		void read(AwsSdkTelemetryBuilder builder) {
			for (String field : List.of("captureExperimentalSpanAttributes", "useMessagingPropagator",
					"recordIndividualHttpError", "messagingReceiveTelemetryEnabled", "genaiCaptureMessageContent",
					"headers")) {
				this.settings.put(field, ReflectionTestUtils.getField(builder, field));
			}
		}

	}

}
