/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@link AwsOtelEnvironmentPostProcessor}.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsOtelEnvironmentPostProcessorTests {

	private final MockEnvironment environment = new MockEnvironment();

	private final SpringApplication application = new SpringApplication();

	@Test
	void whenEnabledIsNeitherTrueNorFalseThenTheAnalysisNamesTheKeyTheValueAndTheAcceptedValues() {
		this.environment.setProperty("otel.aws.enabled", "maybe");
		BindException failure = catchThrowableOfType(BindException.class,
				() -> postProcess(new AwsOtelEnvironmentPostProcessor()));
		FailureAnalysis analysis = new AwsOtelPropertiesFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).contains("'otel.aws.enabled'")
			.contains("\"maybe\"")
			.contains("true or false");
		assertThat(analysis.getAction()).contains("'otel.aws.enabled'").contains("true or false");
	}

	@Test
	void whenSettingsAreValidThenStartupContinues() {
		this.environment.setProperty("otel.aws.enabled", "true");
		this.environment.setProperty("otel.aws.experimental-span-attributes", "true");
		this.environment.setProperty("otel.aws.include-non-bean-clients", "false");
		this.environment.setProperty("otel.aws.excluded-beans", "legacyS3Client,auditSqsClient");
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor()));
	}

	@Test
	void whenKeysAreSetUnderAKeyThatTakesAValueThenStartupFailsNamingBoth() {
		this.environment.setProperty("otel.aws.excluded-beans.first", "legacyS3Client");
		assertThatExceptionOfType(InvalidAwsOtelPropertyException.class)
			.isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor()))
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo("otel.aws.excluded-beans");
				assertThat(ex.getProperty()).isEqualTo("otel.aws.excluded-beans.first");
				assertThat(ex.getValue()).isEqualTo("legacyS3Client");
				assertThat(ex.getAccepted()).startsWith("a comma-separated list of names");
			});
	}

	@Test
	void whenACollectionKeyIsSetWithIndexesThenStartupContinues() {
		this.environment.setProperty("otel.aws.excluded-beans[0]", "legacyS3Client");
		this.environment.setProperty("otel.aws.excluded-beans[1]", "auditSqsClient");
		this.environment.setProperty("otel.aws.sqs.propagation", "false");
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor()));
	}

	@Test
	void whenAwsDistributionKeysAreSetThenTheyAreLeftToIt() {
		// AWS's own OpenTelemetry distribution reads otel.aws.application.signals.*.
		this.environment.setProperty("otel.aws.application.signals.enabled", "true");
		this.environment.setProperty("otel.aws.application.signals.exporter.endpoint", "http://localhost:4316");
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor()));
	}

	@Test
	void whenTheOpenTelemetryApiOnTheClasspathIsRecentEnoughThenStartupContinues() {
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor()));
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor(() -> "1.63.0")));
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor(() -> "2.0.0")));
	}

	@Test
	void whenTheOpenTelemetryApiIsOlderThanRequiredThenStartupFailsWithFoundAndRequiredVersions() {
		assertThatExceptionOfType(OpenTelemetryVersionMismatchException.class)
			.isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor(() -> "1.55.0")))
			.satisfies((ex) -> {
				assertThat(ex.getFoundVersion()).isEqualTo("1.55.0");
				assertThat(ex.getRequiredVersion()).isEqualTo("1.63.0");
			});
	}

	@Test
	void whenTheOpenTelemetryApiVersionIsUnknownThenStartupContinues() {
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor(() -> null)));
	}

	@Test
	void whenTracingIsDisabledThenTheOpenTelemetryApiVersionIsNotChecked() {
		this.environment.setProperty("otel.aws.enabled", "false");
		assertThatNoException().isThrownBy(() -> postProcess(new AwsOtelEnvironmentPostProcessor(() -> "1.49.0")));
	}

	private void postProcess(AwsOtelEnvironmentPostProcessor postProcessor) {
		postProcessor.postProcessEnvironment(this.environment, this.application);
	}

}
