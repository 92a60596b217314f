/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compatibility.boot40;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.core.SpringVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards what this module is for: the autoconfigure module's tests here run on Spring
 * Boot 4.0 and Spring Framework 7.0, with the autoconfigure jar built for Spring Boot
 * 4.1.
 *
 * @author aws-otel-spring-boot authors
 */
class SpringBootVersionTests {

	@Test
	void theSuiteRunsOnSpringBoot40AndSpringFramework70() {
		assertThat(SpringBootVersion.getVersion()).startsWith("4.0.");
		assertThat(SpringVersion.getVersion()).startsWith("7.0.");
	}

	@Test
	void theAutoConfigurationComesFromTheAutoconfigureModuleAndIsNotRecompiledHere() {
		String location = AwsOtelAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation().getPath();
		assertThat(location).contains("aws-otel-spring-boot-autoconfigure").doesNotContain("spring-boot-4.0");
	}

}
