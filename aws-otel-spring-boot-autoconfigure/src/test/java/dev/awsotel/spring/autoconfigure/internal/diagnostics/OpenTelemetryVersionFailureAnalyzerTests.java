/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.util.List;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenTelemetryVersionFailureAnalyzer}.
 *
 * @author aws-otel-spring-boot authors
 */
class OpenTelemetryVersionFailureAnalyzerTests {

	private static final String GET_OR_NOOP_MISSING = "'io.opentelemetry.api.OpenTelemetry io.opentelemetry.api.GlobalOpenTelemetry.getOrNoop()'";

	private final OpenTelemetryVersionFailureAnalyzer analyzer = new OpenTelemetryVersionFailureAnalyzer();

	@Test
	void whenAnOpenTelemetryMethodIsMissingThenTheAnalysisShowsTheRequiredVersionAndThePomLines() {
		FailureAnalysis analysis = this.analyzer.analyze(new NoSuchMethodError(GET_OR_NOOP_MISSING));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains(GET_OR_NOOP_MISSING).contains("OpenTelemetry API 1.63.0");
		assertThatActionShowsTheFix(analysis);
	}

	@Test
	void whenTheMissingMethodIsWrappedThenItIsStillAnalyzed() {
		Throwable failure = new IllegalStateException("Failed to create bean",
				new ExceptionInInitializerError(new NoSuchMethodError(GET_OR_NOOP_MISSING)));
		FailureAnalysis analysis = this.analyzer.analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getCause()).isInstanceOf(NoSuchMethodError.class);
	}

	@Test
	void whenAnOpenTelemetryClassIsMissingThenItIsAnalyzed() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new NoClassDefFoundError("io/opentelemetry/api/incubator/ExtendedOpenTelemetry"));
		assertThat(analysis).isNotNull();
		assertThatActionShowsTheFix(analysis);
	}

	@Test
	void whenTheVersionCheckFailsThenTheAnalysisShowsFoundAndRequiredVersions() {
		FailureAnalysis analysis = this.analyzer
			.analyze(new IllegalStateException(new OpenTelemetryVersionMismatchException("1.55.0", "1.65.0")));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("OpenTelemetry API 1.65.0 or later")
			.contains("OpenTelemetry API 1.55.0")
			.contains("OpenTelemetry instrumentation 2.31.1");
		assertThatActionShowsTheFix(analysis, "1.65.0");
	}

	@Test
	void whenANoSuchMethodErrorIsNotAboutOpenTelemetryThenItIsNotAnalyzed() {
		assertThat(this.analyzer.analyze(new NoSuchMethodError("'void com.example.Thing.doIt()'"))).isNull();
	}

	@Test
	void whenAnUnrelatedExceptionIsThrownThenItIsNotAnalyzed() {
		assertThat(this.analyzer.analyze(new IllegalStateException("io.opentelemetry is fine"))).isNull();
	}

	@Test
	void whenLoadedWithSpringBootsAnalyzersThenItComesBeforeNoSuchMethodFailureAnalyzer() {
		// As Spring Boot's FailureAnalyzers does: some analyzers need these or
		// classes that this module lacks.
		ArgumentResolver arguments = ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
			.and(Environment.class, new MockEnvironment());
		List<String> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, arguments, FailureHandler.logging(LogFactory.getLog(getClass())))
			.stream()
			.map((analyzer) -> analyzer.getClass().getSimpleName())
			.toList();
		assertThat(analyzers).containsSubsequence("OpenTelemetryVersionFailureAnalyzer", "NoSuchMethodFailureAnalyzer");
	}

	private void assertThatActionShowsTheFix(FailureAnalysis analysis) {
		// The floor of the OpenTelemetry API (UpstreamFloors), not the build's version.
		assertThatActionShowsTheFix(analysis, "1.63.0");
	}

	private void assertThatActionShowsTheFix(FailureAnalysis analysis, String requiredVersion) {
		assertThat(analysis.getAction()).contains("<artifactId>aws-otel-spring-boot-dependencies</artifactId>")
			.contains("<version>0.1.0-SNAPSHOT</version>")
			.contains("<scope>import</scope>")
			.contains("spring-boot-starter-parent")
			.contains("<opentelemetry.version>" + requiredVersion + "</opentelemetry.version>");
	}

}
