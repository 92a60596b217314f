/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.awsotel.spring.autoconfigure.internal.genai.BedrockRuntimeTracing;
import dev.awsotel.spring.autoconfigure.internal.messaging.SqsReceiveHandover;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the identity of the proxies the starter may put on a client bean: a bean is
 * equal to itself and to nothing else, so that collections and the container find it. No
 * call is made, so no server is needed.
 *
 * @author aws-otel-spring-boot authors
 */
class ClientProxyTests {

	private static final UpstreamInternals INTERNALS = UpstreamInternals.check(ClientProxyTests.class.getClassLoader());

	private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aProxiedClientEqualsItselfOnly(Kind kind) {
		SdkClient client = kind.client();
		SdkClient proxy = kind.proxy.apply(client);
		try {
			assertThat(proxy).isNotSameAs(client);
			assertThat(proxy.equals(proxy)).isTrue();
			assertThat(proxy.equals(client)).isFalse();
			assertThat(proxy.hashCode()).isEqualTo(System.identityHashCode(proxy));
			Set<SdkClient> set = new HashSet<>();
			set.add(proxy);
			assertThat(set).contains(proxy);
			assertThat(proxy.serviceName()).isEqualTo(client.serviceName());
		}
		finally {
			client.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void everyProxyIsSeenThrough(Kind kind) {
		SdkClient client = kind.client();
		try {
			SdkClient proxy = kind.proxy.apply(client);
			SdkClient traced = TracingClientProxy.create(proxy, new TracingPlugin(new ExecutionInterceptor() {
			}, null, INTERNALS));
			assertThat(ClientProxy.innermost(proxy)).isSameAs(client);
			assertThat(ClientProxy.innermost(traced)).isSameAs(client);
			assertThat(ClientProxy.applied(traced, TracingClientProxy.class)).isTrue();
			assertThat(ClientProxy.applied(client, TracingClientProxy.class)).isFalse();
		}
		finally {
			client.close();
		}
	}

	enum Kind {

		SQS_HANDOVER(Kind::sqs,
				(client) -> new SqsReceiveHandover(UpstreamInternals.check(Kind.class.getClassLoader()))
					.customize(client)),

		ASYNC_SQS_HANDOVER(Kind::asyncSqs,
				(client) -> new SqsReceiveHandover(UpstreamInternals.check(Kind.class.getClassLoader()))
					.customize(client)),

		ASYNC_CALLBACK_CONTEXT(Kind::asyncSqs, (client) -> new AsyncCallbackContext(INTERNALS).customize(client)),

		BEDROCK_RUNTIME_STREAMS(Kind::asyncBedrockRuntime,
				(client) -> new BedrockRuntimeTracing(AwsSdkTelemetry.create(OpenTelemetry.noop()), true)
					.customize(client)),

		TRACING_FALLBACK(Kind::sqs,
				(client) -> TracingClientProxy.create(client, new TracingPlugin(new ExecutionInterceptor() {
				}, null, INTERNALS)));

		private final Supplier<SdkClient> client;

		private final UnaryOperator<SdkClient> proxy;

		Kind(Supplier<SdkClient> client, UnaryOperator<SdkClient> proxy) {
			this.client = client;
			this.proxy = proxy;
		}

		SdkClient client() {
			return this.client.get();
		}

		private static SdkClient sqs() {
			return LocalAws.configure(SqsClient.builder(), NOWHERE).build();
		}

		private static SdkClient asyncSqs() {
			return LocalAws.configure(SqsAsyncClient.builder(), NOWHERE).build();
		}

		private static SdkClient asyncBedrockRuntime() {
			return LocalAws.configure(BedrockRuntimeAsyncClient.builder(), NOWHERE).build();
		}

	}

}
