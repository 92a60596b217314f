/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests run on the JVM the build asked for: {@code -Pjava25} sets
 * {@code test.java.feature} with the JVM it hands to Surefire, so a run meant for Java 25
 * that silently ran on the build's JDK fails here instead of passing on 17.
 */
class TestJvmTests {

	@Test
	void testsRunOnTheRequestedJavaVersion() {
		String expected = System.getProperty("test.java.feature");
		if (expected != null) {
			assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(expected));
		}
		// Compiled for release 17: the baseline run is on 17 or later.
		assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(17);
	}

}
