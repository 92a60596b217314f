/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compatibility.boot35;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards what this module is for: the autoconfigure module's tests here run on Spring
 * Boot 3.5 and Spring Framework 6.2, with the autoconfigure jar built for Spring Boot 4.
 *
 * @author aws-otel-spring-boot authors
 */
class SpringBootVersionTests {

	@Test
	void theSuiteRunsOnSpringBoot35AndSpringFramework62() {
		assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
		assertThat(SpringVersion.getVersion()).startsWith("6.2.");
	}

	@Test
	void theAutoConfigurationComesFromTheAutoconfigureModuleAndIsNotRecompiledHere() {
		String location = AwsOtelAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().getPath();
		assertThat(location).contains("aws-otel-spring-boot-autoconfigure").doesNotContain("spring-boot-3.5");
	}

}
