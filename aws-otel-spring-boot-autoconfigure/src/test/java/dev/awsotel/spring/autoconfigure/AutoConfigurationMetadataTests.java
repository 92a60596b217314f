/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpointAutoConfiguration;
import dev.awsotel.spring.autoconfigure.cloudaws.SqsListenerTracingAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the auto-configurations' metadata, which Spring Boot reads to filter out an
 * auto-configuration whose classes are missing before it reads the class itself.
 *
 * @author aws-otel-spring-boot authors
 */
class AutoConfigurationMetadataTests {

	@Test
	void everyAutoConfigurationHasItsClassConditionsInTheMetadata() throws IOException {
		Properties metadata = metadata();
		List<String> autoConfigurations = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith("dev.awsotel."))
			.toList();

		assertThat(autoConfigurations).hasSize(3)
			.allSatisfy((name) -> assertThat(metadata).containsKey(name + ".ConditionalOnClass"));
		// What an application without Actuator or without Spring Cloud AWS filters on.
		assertThat(metadata.getProperty(AwsClientsEndpointAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("org.springframework.boot.actuate.endpoint.annotation.Endpoint");
		assertThat(metadata.getProperty(SqsListenerTracingAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.contains("io.awspring.cloud.sqs.config.SqsMessageListenerContainerFactory");
	}

	private Properties metadata() throws IOException {
		Properties metadata = new Properties();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-autoconfigure-metadata.properties"))) {
			try (InputStream in = url.openStream()) {
				Properties properties = new Properties();
				properties.load(in);
				if (properties.stringPropertyNames().stream().anyMatch((key) -> key.startsWith("dev.awsotel."))) {
					metadata.putAll(properties);
				}
			}
		}
		return metadata;
	}

}
