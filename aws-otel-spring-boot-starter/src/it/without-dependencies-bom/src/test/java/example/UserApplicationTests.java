/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class UserApplicationTests {

	@Test
	void whenSpringBootPinsAnOlderOpenTelemetryThenStartupFailsWithThePomLinesToAdd(CapturedOutput output) {
		assertThatException().isThrownBy(() -> SpringApplication.run(UserApplication.class,
				"--otel.traces.exporter=none", "--otel.metrics.exporter=none", "--otel.logs.exporter=none"));
		assertThat(output).contains("APPLICATION FAILED TO START", "aws-otel-spring-boot-dependencies",
				"<opentelemetry.version>");
	}

}
