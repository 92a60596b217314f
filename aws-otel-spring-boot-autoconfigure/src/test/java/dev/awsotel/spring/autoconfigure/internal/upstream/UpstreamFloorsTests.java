/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.upstream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link UpstreamFloors}: the versions told, and the sentences of the WARN line
 * below a floor.
 *
 * @author aws-otel-spring-boot authors
 */
class UpstreamFloorsTests {

	@Test
	void theBuildsVersionsAreAtOrAboveTheFloors() {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(UpstreamFloors.awsSdkVersion(classLoader)).matches("2\\.\\d+\\.\\d+");
		assertThat(UpstreamFloors.instrumentationVersion(classLoader)).endsWith("-alpha");
		assertThat(UpstreamFloors.belowFloors(classLoader)).isEmpty();
	}

	@Test
	void anAwsSdkBelowItsFloorIsNamedWithTheVersionNeeded() {
		assertThat(UpstreamFloors.belowFloors("2.25.47", "2.31.1-alpha")).singleElement()
			.isEqualTo("AWS SDK 2.25.47 (software.amazon.awssdk:sdk-core) is older than 2.25.48: "
					+ "use software.amazon.awssdk:bom 2.25.48 or newer");
	}

	@Test
	void anInstrumentationBelowItsFloorIsNamedWithTheVersionNeeded() {
		assertThat(UpstreamFloors.belowFloors("2.25.48", "2.29.0-alpha")).singleElement()
			.isEqualTo("OpenTelemetry instrumentation 2.29.0-alpha "
					+ "(io.opentelemetry.instrumentation:opentelemetry-aws-sdk-2.2) is older than 2.31.1: "
					+ "use io.opentelemetry.instrumentation:opentelemetry-instrumentation-bom 2.31.1 or newer");
	}

	@Test
	void unknownOrNewerVersionsAreNotBelow() {
		assertThat(UpstreamFloors.belowFloors(null, null)).isEmpty();
		assertThat(UpstreamFloors.belowFloors("2.60.0", "2.32.0-alpha")).isEmpty();
		assertThat(UpstreamFloors.belowFloors("3.0.0", "10.0.0")).isEmpty();
		assertThat(UpstreamFloors.isOlder("2.25.9", "2.25.48")).isTrue();
		assertThat(UpstreamFloors.isOlder("2.21.46", "2.25.48")).isTrue();
		assertThat(UpstreamFloors.isOlder("${aws-sdk.version}", "2.25.48")).isFalse();
	}

}
