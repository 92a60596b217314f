/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SqsHandoverPreinitializer}: the proxy class it makes on another thread
 * is the one the hand-over then puts on an SQS client. No call is made, so no server is
 * needed.
 *
 * @author aws-otel-spring-boot authors
 */
class SqsHandoverPreinitializerTests {

	private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

	@Test
	void theProxyClassMadeInTheBackgroundIsTheOneTheHandoverUses() throws Exception {
		ClassLoader classLoader = getClass().getClassLoader();
		Class<?> made = CompletableFuture
			.supplyAsync(() -> SqsHandoverPreinitializer.preinitialize(classLoader),
					(task) -> new Thread(task, "preinitializer").start())
			.get(30, TimeUnit.SECONDS);
		assertThat(made).isNotNull();
		assertThat(Proxy.isProxyClass(made)).isTrue();
		try (SqsClient client = LocalAws.configure(SqsClient.builder(), NOWHERE).build()) {
			SdkClient handedOver = new SqsReceiveHandover(UpstreamInternals.check(classLoader)).customize(client);
			assertThat(handedOver).isNotSameAs(client);
			assertThat(handedOver.getClass()).isSameAs(made);
		}
	}

	@Test
	void withoutTheSqsSdkNothingIsMade() {
		FilteredClassLoader classLoader = new FilteredClassLoader("software.amazon.awssdk.services.sqs");
		assertThat(SqsHandoverPreinitializer.preinitialize(classLoader)).isNull();
	}

}
