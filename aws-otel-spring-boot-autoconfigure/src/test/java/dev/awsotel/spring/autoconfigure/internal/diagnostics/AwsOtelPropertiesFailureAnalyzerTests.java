/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.awsotel.spring.autoconfigure.AwsOtelProperties;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link AwsOtelPropertiesFailureAnalyzer}.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsOtelPropertiesFailureAnalyzerTests {

	private final AwsOtelPropertiesFailureAnalyzer analyzer = new AwsOtelPropertiesFailureAnalyzer();

	@Test
	void whenABooleanKeyHasAnInvalidValueThenTheAnalysisNamesKeyValueOriginAndAcceptedValues() {
		MockEnvironment environment = new MockEnvironment();
		TextResourceOrigin origin = new TextResourceOrigin(new ClassPathResource("application.properties"),
				new TextResourceOrigin.Location(2, 17));
		environment.getPropertySources()
			.addFirst(new OriginTrackedMapPropertySource("application.properties",
					Map.of("otel.aws.enabled", OriginTrackedValue.of("maybe", origin))));
		FailureAnalysis analysis = analyze(environment, AwsOtelProperties.class);
		assertThat(analysis.getDescription()).contains("'otel.aws.enabled'")
			.contains("Value: \"maybe\"")
			.contains("Origin: class path resource [application.properties] - 3:18")
			.contains("Accepted: true or false");
		assertThat(analysis.getAction())
			.isEqualTo("Set 'otel.aws.enabled' to true or false. Remove it to use the default instead.");
	}

	@Test
	void whenAnEnumKeyHasAnInvalidValueThenTheAcceptedValuesAreItsConstantsInKebabCase() {
		FailureAnalysis analysis = analyze(environment("otel.aws.mode", "everything"), ExampleProperties.class);
		assertThat(analysis.getDescription()).contains("'otel.aws.mode'")
			.contains("Accepted: one of spans, events, none, spans-and-events");
	}

	@Test
	void whenACollectionOfEnumsHasAnInvalidElementThenTheAcceptedValuesAreTheElementConstants() {
		FailureAnalysis analysis = analyze(environment("otel.aws.modes", "spans,bogus"), ExampleProperties.class);
		assertThat(analysis.getDescription()).contains("'otel.aws.modes'")
			.contains("Accepted: one of spans, events, none, spans-and-events");
	}

	@Test
	void whenADurationKeyHasAnInvalidValueThenAnExampleDurationIsShown() {
		FailureAnalysis analysis = analyze(environment("otel.aws.timeout", "soon"), ExampleProperties.class);
		assertThat(analysis.getDescription()).contains("Accepted: a duration such as 500ms or 10s");
	}

	@Test
	void whenANumericKeyHasAnInvalidValueThenANumberIsAsked() {
		FailureAnalysis analysis = analyze(environment("otel.aws.max-attributes", "many"), ExampleProperties.class);
		assertThat(analysis.getDescription()).contains("Accepted: a number");
	}

	@Test
	void whenAKeyHasAnotherTypeThenTheTypeIsNamed() {
		FailureAnalysis analysis = analyze(environment("otel.aws.charset", "not-a-charset"), ExampleProperties.class);
		assertThat(analysis.getDescription()).contains("Accepted: a value of type java.nio.charset.Charset");
	}

	@Test
	void whenTheKeyIsNotUnderOtelAwsThenItIsLeftToSpringBoot() {
		MockEnvironment environment = environment("other.enabled", "maybe");
		BindException failure = catchThrowableOfType(BindException.class,
				() -> Binder.get(environment).bind("other", AwsOtelProperties.class));
		assertThat(failure).isNotNull();
		assertThat(this.analyzer.analyze(failure)).isNull();
	}

	@Test
	void whenLoadedWithSpringBootsAnalyzersThenItComesBeforeBindFailureAnalyzer() {
		// As Spring Boot's FailureAnalyzers does: some analyzers need these or
		// classes that this module lacks.
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new MockEnvironment());
		List<String> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(getClass())))
			.stream()
			.map((analyzer) -> analyzer.getClass().getSimpleName())
			.toList();
		assertThat(analyzers).containsSubsequence("AwsOtelPropertiesFailureAnalyzer", "BindFailureAnalyzer");
	}

	private MockEnvironment environment(String key, String value) {
		return new MockEnvironment().withProperty(key, value);
	}

	private FailureAnalysis analyze(MockEnvironment environment, Class<?> type) {
		BindException failure = catchThrowableOfType(BindException.class,
				() -> Binder.get(environment).bind("otel.aws", type));
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	enum Mode {

		SPANS, EVENTS, NONE, SPANS_AND_EVENTS

	}

	static class ExampleProperties {

		private Mode mode;

		private Set<Mode> modes = new LinkedHashSet<>();

		private Duration timeout;

		private int maxAttributes;

		private Charset charset;

		Mode getMode() {
			return this.mode;
		}

		void setMode(Mode mode) {
			this.mode = mode;
		}

		Set<Mode> getModes() {
			return this.modes;
		}

		void setModes(Set<Mode> modes) {
			this.modes = modes;
		}

		Duration getTimeout() {
			return this.timeout;
		}

		void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		int getMaxAttributes() {
			return this.maxAttributes;
		}

		void setMaxAttributes(int maxAttributes) {
			this.maxAttributes = maxAttributes;
		}

		Charset getCharset() {
			return this.charset;
		}

		void setCharset(Charset charset) {
			this.charset = charset;
		}

	}

}
