/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package example;

import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import io.opentelemetry.api.OpenTelemetry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class UserApplicationTests {

	@Test
	void whenBomIsImportedThenTheApplicationStartsAndItsClientIsTraced() {
		try (ConfigurableApplicationContext context = SpringApplication.run(UserApplication.class,
				"--otel.traces.exporter=none", "--otel.metrics.exporter=none", "--otel.logs.exporter=none")) {
			assertThat(context.getBean(OpenTelemetry.class)).isNotNull();
			assertThat(context.getBean(AwsClientRegistry.class).client("sqsClient"))
				.hasValueSatisfying((client) -> assertThat(client.mode()).isEqualTo(TracingMode.INTERCEPTOR));
		}
	}

}
