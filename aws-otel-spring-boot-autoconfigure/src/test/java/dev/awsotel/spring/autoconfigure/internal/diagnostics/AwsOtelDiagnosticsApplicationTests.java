/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that start a {@link org.springframework.boot.SpringApplication} and check the
 * failure report that a user sees.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class AwsOtelDiagnosticsApplicationTests {

	@Test
	void whenAPropertyHasAnInvalidValueThenTheFailureReportNamesTheKeyAndTheAcceptedValues(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(EmptyConfiguration.class)
			.web(WebApplicationType.NONE)
			.properties("otel.aws.enabled=maybe");
		assertThatExceptionOfType(BindException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value for 'otel.aws.enabled'")
			.contains("Value: \"maybe\"")
			.contains("Accepted: true or false")
			.contains("Set 'otel.aws.enabled' to true or false.");
	}

	@Test
	void whenTheOpenTelemetryApiIsTooOldThenTheFailureReportShowsThePomLinesThatFixIt(CapturedOutput output) {
		SpringApplicationBuilder application = new SpringApplicationBuilder(EmptyConfiguration.class)
			.web(WebApplicationType.NONE)
			.listeners(new OpenTelemetryApiVersionCheck("1.55.0"));
		assertThatExceptionOfType(OpenTelemetryVersionMismatchException.class).isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("the application has OpenTelemetry API 1.55.0")
			.contains("<artifactId>aws-otel-spring-boot-dependencies</artifactId>")
			.contains("<opentelemetry.version>1.63.0</opentelemetry.version>");
	}

	@Configuration(proxyBeanMethods = false)
	static class EmptyConfiguration {

	}

	/**
	 * Runs the version check as if the given OpenTelemetry API version were on the
	 * classpath: an old API jar cannot be put on the test classpath next to the current
	 * one.
	 */
	static class OpenTelemetryApiVersionCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

		private final AwsOtelEnvironmentPostProcessor postProcessor;

		OpenTelemetryApiVersionCheck(String foundVersion) {
			this.postProcessor = new AwsOtelEnvironmentPostProcessor(() -> foundVersion);
		}

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			this.postProcessor.postProcessEnvironment(event.getEnvironment(), event.getSpringApplication());
		}

	}

}
