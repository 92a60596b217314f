/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code awsclients} endpoint over HTTP, in a web application behind Spring Security,
 * as Actuator serves it.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsClientsEndpointWebIntegrationTests {

	private static final String USER = "ops";

	private static final String PASSWORD = "ops-password-for-tests";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void whenExposedThenItListsClientsToAnAuthenticatedUserWithoutCredentials() throws Exception {
		try (ConfigurableApplicationContext context = start(
				"management.endpoints.web.exposure.include=health,awsclients")) {
			context.getBean(SqsClient.class).listQueues();
			int port = port(context);

			HttpResponse<String> anonymous = get(port, "/actuator/awsclients", false);
			HttpResponse<String> list = get(port, "/actuator/awsclients", true);
			HttpResponse<String> one = get(port, "/actuator/awsclients/sqsClient", true);
			HttpResponse<String> unknown = get(port, "/actuator/awsclients/nope", true);

			assertThat(anonymous.statusCode()).isEqualTo(401);
			assertThat(list.statusCode()).isEqualTo(200);
			assertThat(list.body()).contains("\"beanName\":\"sqsClient\"", "\"mode\":\"interceptor\"", "\"calls\":1",
					"\"service\":\"sqs\"");
			assertThat(one.statusCode()).isEqualTo(200);
			assertThat(one.body()).startsWith("{\"beanName\":\"sqsClient\"");
			assertThat(unknown.statusCode()).isEqualTo(404);
			for (String body : new String[] { list.body(), one.body() }) {
				assertThat(body).doesNotContain(LocalAws.ACCESS_KEY_ID)
					.doesNotContain(LocalAws.SECRET_KEY)
					.doesNotContain(PASSWORD);
			}
		}
	}

	@Test
	void whenNotExposedThenItIsNotServed() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(get(port(context), "/actuator/awsclients", true).statusCode()).isEqualTo(404);
		}
	}

	private ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(WebApplication.class).web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.security.user.name=" + USER,
					"spring.security.user.password=" + PASSWORD, "otel.traces.exporter=none",
					"otel.metrics.exporter=none", "otel.logs.exporter=none")
			.properties(properties)
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private HttpResponse<String> get(int port, String path, boolean authenticated) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (authenticated) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryOpenTelemetryConfiguration.class)
	static class WebApplication {

		@Bean(destroyMethod = "close")
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

	}

}
