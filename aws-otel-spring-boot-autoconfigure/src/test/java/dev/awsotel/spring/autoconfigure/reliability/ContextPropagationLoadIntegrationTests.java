/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Context under load: 64 threads making 1,000 sync calls each, and 1,000 async calls in
 * flight at once. Each call is made inside a span of its own and names that span in its
 * request (the table name carries the span id), so the check is exact: every AWS span's
 * parent is the span that was current where its call was made, never a span of another
 * thread or call. After each call the calling thread's context is what it was before (no
 * scope left open), and an async call's completion callback, which runs on an SDK thread,
 * sees the caller's context.
 * <p>
 * The server is {@link LoopbackDynamoDb}; spans are checked as they end, by a span
 * processor, rather than kept (65,000 of them would only fill the heap).
 *
 * @author aws-otel-spring-boot authors
 */
class ContextPropagationLoadIntegrationTests {

	private static final int THREADS = 64;

	private static final int CALLS_PER_THREAD = 1_000;

	private static final int ASYNC_CALLS_IN_FLIGHT = 1_000;

	private static final AttributeKey<List<String>> TABLE_NAMES = AttributeKey
		.stringArrayKey("aws.dynamodb.table_names");

	private static LoopbackDynamoDb dynamoDb;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(ParentCheckingTelemetry.class, Clients.class);

	// A server per test: the JDK's server closes idle connections beyond 200, which a
	// client would find closed only when it reuses them.
	@BeforeEach
	void startServer() {
		dynamoDb = LoopbackDynamoDb.start();
	}

	@AfterEach
	void stopServer() {
		dynamoDb.close();
	}

	@Test
	void whenSixtyFourThreadsCallAThousandTimesEachThenEverySpanHasItsCallersParentAndNoScopeLeaks() throws Exception {
		this.contextRunner.run((context) -> {
			DynamoDbClient client = context.getBean(DynamoDbClient.class);
			Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("load");
			ParentCheck check = context.getBean(ParentCheck.class);
			AtomicInteger leakedScopes = new AtomicInteger();
			AtomicInteger wrongResults = new AtomicInteger();
			int requestsBefore = dynamoDb.requests();
			ExecutorService threads = Executors.newFixedThreadPool(THREADS);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> workers = new java.util.ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				workers.add(threads.submit(() -> {
					start.await();
					for (int i = 0; i < CALLS_PER_THREAD; i++) {
						Span parent = tracer.spanBuilder("call").startSpan();
						try (Scope scope = parent.makeCurrent()) {
							Context before = Context.current();
							GetItemResponse response = client
								.getItem((request) -> request.tableName(ParentCheck.tableFor(parent))
									.key(Map.of("id", AttributeValue.fromS("o-1"))));
							if (Context.current() != before) {
								leakedScopes.incrementAndGet();
							}
							if (!"42".equals(response.item().get("total").n())) {
								wrongResults.incrementAndGet();
							}
						}
						finally {
							parent.end();
						}
						if (Context.current() != Context.root()) {
							leakedScopes.incrementAndGet();
						}
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get(120, TimeUnit.SECONDS);
			}
			threads.shutdown();

			int calls = THREADS * CALLS_PER_THREAD;
			assertThat(dynamoDb.requests() - requestsBefore).isEqualTo(calls);
			assertThat(wrongResults).hasValue(0);
			assertThat(leakedScopes).as("calls after which the thread's context had changed").hasValue(0);
			assertThat(check.awsSpans()).isEqualTo(calls);
			assertThat(check.mismatches()).as("AWS spans whose parent is not their caller's span").isEmpty();
		});
	}

	@Test
	void whenAThousandAsyncCallsAreInFlightAtOnceThenEachSpanAndEachCallbackHasItsCallersContext() {
		this.contextRunner.run((context) -> {
			DynamoDbAsyncClient client = context.getBean(DynamoDbAsyncClient.class);
			Tracer tracer = context.getBean(OpenTelemetry.class).getTracer("load");
			ParentCheck check = context.getBean(ParentCheck.class);
			CountDownLatch allInFlight = dynamoDb.holdUntil(ASYNC_CALLS_IN_FLIGHT);
			List<CompletableFuture<GetItemResponse>> futures = new java.util.ArrayList<>();
			List<Span> parents = new java.util.ArrayList<>();
			ConcurrentLinkedQueue<String> foreignContexts = new ConcurrentLinkedQueue<>();
			AtomicInteger callbacks = new AtomicInteger();
			AtomicInteger callbacksInCallersContext = new AtomicInteger();
			AtomicInteger callbacksInRootContext = new AtomicInteger();
			AtomicInteger wrappedCallbacksInCallersContext = new AtomicInteger();
			int leakedScopes = 0;
			try {
				for (int i = 0; i < ASYNC_CALLS_IN_FLIGHT; i++) {
					Span parent = tracer.spanBuilder("call").startSpan();
					parents.add(parent);
					try (Scope scope = parent.makeCurrent()) {
						Context caller = Context.current();
						CompletableFuture<GetItemResponse> future = client
							.getItem((request) -> request.tableName(ParentCheck.tableFor(parent))
								.key(Map.of("id", AttributeValue.fromS("o-1"))));
						if (Context.current() != caller) {
							leakedScopes++;
						}
						// Registered before the server answers (it holds every answer
						// until all calls are in flight), so it runs on the thread that
						// completes the call.
						future.whenComplete((response, failure) -> {
							callbacks.incrementAndGet();
							Context seen = Context.current();
							if (seen == caller) {
								callbacksInCallersContext.incrementAndGet();
							}
							else if (seen == Context.root()) {
								callbacksInRootContext.incrementAndGet();
							}
							else {
								foreignContexts.add(Thread.currentThread().getName() + " saw span "
										+ Span.fromContext(seen).getSpanContext().getSpanId() + " in a callback of "
										+ parent.getSpanContext().getSpanId());
							}
						});
						// A callback the application wrapped itself, as it must without
						// the starter's proxy (otel.aws.async.callback-context=false).
						future.whenComplete(caller.wrapConsumer((response, failure) -> {
							if (Context.current() == caller) {
								wrappedCallbacksInCallersContext.incrementAndGet();
							}
						}));
						futures.add(future);
					}
					if (Context.current() != Context.root()) {
						leakedScopes++;
					}
				}
				assertThat(allInFlight.await(30, TimeUnit.SECONDS))
					.as("%s calls in flight at once", ASYNC_CALLS_IN_FLIGHT)
					.isTrue();
				CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			}
			finally {
				dynamoDb.release();
				parents.forEach(Span::end);
			}

			assertThat(futures)
				.allSatisfy((future) -> assertThat(future.join().item().get("total").n()).isEqualTo("42"));
			assertThat(leakedScopes).as("calls after which the caller's context had changed").isZero();
			assertThat(check.awsSpans()).isEqualTo(ASYNC_CALLS_IN_FLIGHT);
			assertThat(check.mismatches()).as("AWS spans whose parent is not their caller's span").isEmpty();
			assertThat(callbacks).hasValue(ASYNC_CALLS_IN_FLIGHT);
			// The SDK completes the future on its own completion thread: the starter's
			// proxy on async client beans makes the caller's context current there.
			assertThat(foreignContexts).as("completion callbacks that saw another call's context").isEmpty();
			assertThat(callbacksInRootContext).as("completion callbacks that saw no context").hasValue(0);
			assertThat(callbacksInCallersContext).hasValue(ASYNC_CALLS_IN_FLIGHT);
			assertThat(wrappedCallbacksInCallersContext).hasValue(ASYNC_CALLS_IN_FLIGHT);
		});
	}

	/**
	 * Checks each AWS span as it ends against the span its call named.
	 */
	static final class ParentCheck implements SpanProcessor {

		private final AtomicInteger awsSpans = new AtomicInteger();

		private final ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();

		static String tableFor(Span parent) {
			return "parent-" + parent.getSpanContext().getTraceId() + "-" + parent.getSpanContext().getSpanId();
		}

		@Override
		public void onStart(Context parentContext, ReadWriteSpan span) {
		}

		@Override
		public boolean isStartRequired() {
			return false;
		}

		@Override
		public void onEnd(ReadableSpan span) {
			if (!span.getName().equals("DynamoDb.GetItem")) {
				return;
			}
			this.awsSpans.incrementAndGet();
			if (span.toSpanData().getStatus().getStatusCode() != StatusCode.UNSET) {
				this.mismatches.add(span.getName() + " ended with " + span.toSpanData().getStatus());
			}
			List<String> tables = span.getAttribute(TABLE_NAMES);
			String expected = (tables != null && tables.size() == 1) ? tables.get(0) : "(no table)";
			String actual = "parent-" + span.getSpanContext().getTraceId() + "-"
					+ span.getParentSpanContext().getSpanId();
			if (!expected.equals(actual) && this.mismatches.size() < 20) {
				this.mismatches.add(actual + " for a call made in " + expected);
			}
		}

		@Override
		public boolean isEndRequired() {
			return true;
		}

		int awsSpans() {
			return this.awsSpans.get();
		}

		List<String> mismatches() {
			return List.copyOf(this.mismatches);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ParentCheckingTelemetry {

		@Bean
		ParentCheck parentCheck() {
			return new ParentCheck();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(ParentCheck parentCheck) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(parentCheck).build())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Clients {

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient() {
			return LocalAws.configure(DynamoDbClient.builder(), dynamoDb.endpoint())
				.httpClient(ApacheHttpClient.builder().maxConnections(THREADS).build())
				.build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbAsyncClient dynamoDbAsyncClient() {
			// A call timeout far beyond any call: each call's timeout watch is set and
			// cancelled, and never ends a span that the SDK ended.
			return LocalAws.configure(DynamoDbAsyncClient.builder(), dynamoDb.endpoint())
				.overrideConfiguration((override) -> override.apiCallTimeout(Duration.ofSeconds(60)))
				.httpClient(NettyNioAsyncHttpClient.builder()
					.maxConcurrency(ASYNC_CALLS_IN_FLIGHT)
					.maxPendingConnectionAcquires(ASYNC_CALLS_IN_FLIGHT)
					.build())
				.build();
		}

	}

}
