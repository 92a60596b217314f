/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import dev.awsotel.spring.autoconfigure.internal.decorate.DeferredTracingInterceptor;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link AwsOtelRuntimeHints} keeps in a native image: each member the starter
 * reaches reflectively exists under the name the hint gives, and is hinted.
 *
 * @author aws-otel-spring-boot authors
 */
// The predicates Spring Framework 7 deprecates have no replacement in Spring Framework
// 6.2, and this test also runs there (compatibility-tests/spring-boot-3.5).
@SuppressWarnings("removal")
class AwsOtelRuntimeHintsTests {

	private final RuntimeHints hints = registered();

	@Test
	void theGlobalInterceptorsResourceAndTheInterceptorItNamesAreKept() throws IOException {
		assertThat(RuntimeHintsPredicates.resource().forResource(AwsOtelRuntimeHints.GLOBAL_INTERCEPTORS_RESOURCE))
			.accepts(this.hints);
		try (InputStream resource = getClass().getClassLoader()
			.getResourceAsStream(AwsOtelRuntimeHints.GLOBAL_INTERCEPTORS_RESOURCE)) {
			assertThat(new String(resource.readAllBytes(), StandardCharsets.UTF_8))
				.contains(DeferredTracingInterceptor.class.getName());
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructor(constructor(DeferredTracingInterceptor.class))
			.invoke()).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onField(DeferredTracingInterceptor.class, "armed"))
			.accepts(this.hints);
	}

	@Test
	void theVersionFilesOfTheStartupCheckAreKept() {
		assertThat(RuntimeHintsPredicates.resource().forResource("io/opentelemetry/api/version.properties"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource()
			.forResource("dev/awsotel/spring/autoconfigure/internal/diagnostics/versions.properties"))
			.accepts(this.hints);
	}

	@Test
	void theSdksBackoffAttributeIsKept() throws Exception {
		Field backoff = field(AwsOtelRuntimeHints.RETRYABLE_STAGE_HELPER, "LAST_BACKOFF_DELAY_DURATION");
		assertThat(RuntimeHintsPredicates.reflection().onField(backoff)).accepts(this.hints);
	}

	@Test
	void theSqsHandoverProxiesAndTheFieldTheyFillAreKept() throws Exception {
		assertThat(
				RuntimeHintsPredicates.reflection().onField(ReceiveMessageResponse.class.getDeclaredField("messages")))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(SqsClient.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(SqsAsyncClient.class)).accepts(this.hints);
	}

	@Test
	void theBedrockRuntimeStreamProxyIsKept() {
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(BedrockRuntimeAsyncClient.class)).accepts(this.hints);
	}

	@Test
	void withoutSqsOnTheClasspathNoSqsHintIsRegistered() {
		RuntimeHints withoutSqs = new RuntimeHints();
		ClassLoader noSqs = new ClassLoader(getClass().getClassLoader()) {

			@Override
			protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
				if (name.startsWith("software.amazon.awssdk.services.sqs.")) {
					throw new ClassNotFoundException(name);
				}
				return super.loadClass(name, resolve);
			}

		};
		new AwsOtelRuntimeHints().registerHints(withoutSqs, noSqs);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(TypeReference.of(AwsOtelRuntimeHints.SQS_CLIENT)))
			.rejects(withoutSqs);
		assertThat(
				RuntimeHintsPredicates.proxies().forInterfaces(TypeReference.of(AwsOtelRuntimeHints.SQS_ASYNC_CLIENT)))
			.rejects(withoutSqs);
		assertThat(RuntimeHintsPredicates.reflection().onType(ReceiveMessageResponse.class)).rejects(withoutSqs);
		assertThat(RuntimeHintsPredicates.resource().forResource(AwsOtelRuntimeHints.GLOBAL_INTERCEPTORS_RESOURCE))
			.accepts(withoutSqs);
	}

	@Test
	void theAutoConfigurationImportsTheRegistrar() {
		assertThat(AwsOtelAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(AwsOtelRuntimeHints.class);
	}

	private static RuntimeHints registered() {
		RuntimeHints hints = new RuntimeHints();
		new AwsOtelRuntimeHints().registerHints(hints, AwsOtelRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

	private static java.lang.reflect.Constructor<?> constructor(Class<?> type) {
		try {
			return type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Field field(String className, String name) throws Exception {
		return Class.forName(className, false, AwsOtelRuntimeHintsTests.class.getClassLoader()).getDeclaredField(name);
	}

}
