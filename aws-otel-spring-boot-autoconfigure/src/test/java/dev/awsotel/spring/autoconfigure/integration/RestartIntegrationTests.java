/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.decorate.DeferredTracingInterceptor;
import dev.awsotel.spring.autoconfigure.internal.trace.CallTimeoutWatch;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application started and closed twenty times in one JVM, as Spring Boot DevTools
 * restarts it on every code change (here plain restarts, without DevTools' restart class
 * loader): after each start, the calls of its client beans, of a client that is not a
 * bean and of an async client with a call timeout are traced by the new context; after
 * each close no thread of the starter is left, and after the last one the JVM runs the
 * threads it ran before the first start, and nothing keeps a closed context reachable.
 * Calls go to ElasticMQ and dynalite.
 *
 * @author aws-otel-spring-boot authors
 */
class RestartIntegrationTests {

	private static final int RESTARTS = 20;

	// Each start makes these calls: two lists on SQS (sync and async bean), one on
	// DynamoDB, and a queue created by a client that is not a bean.
	private static final Map<String, Integer> SPANS_PER_START = Map.of("Sqs.ListQueues", 2, "DynamoDb.ListTables", 1,
			"Sqs.CreateQueue", 1);

	private static final int CALLS_PER_START = 4;

	@Test
	void whenTheApplicationRestartsTwentyTimesThenEachContextTracesItsCallsAndLeavesNothingBehind() {
		// The servers run for the whole test JVM: started before counting threads.
		LocalAws.sqs();
		LocalAws.dynamoDb();
		int optedInBefore = DeferredTracingInterceptor.contextsTracingClientsNotArmed();
		Set<Thread> threadsBefore = applicationThreads();
		int liveBefore = Thread.getAllStackTraces().size();
		List<WeakReference<ConfigurableApplicationContext>> closed = new ArrayList<>();
		int totalCalls = 0;
		int totalSpans = 0;
		for (int restart = 1; restart <= RESTARTS; restart++) {
			long started = System.nanoTime();
			ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
				.web(WebApplicationType.NONE)
				.bannerMode(Banner.Mode.OFF)
				.logStartupInfo(false)
				.properties("otel.aws.include-non-bean-clients=true", "otel.traces.exporter=none",
						"otel.metrics.exporter=none", "otel.logs.exporter=none")
				.run();
			CallTimeoutWatch watch;
			try {
				watch = context.getBean(CallTimeoutWatch.class);
				InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
				context.getBean(SqsClient.class).listQueues();
				context.getBean(DynamoDbClient.class).listTables();
				context.getBean(SqsAsyncClient.class).listQueues().join();
				try (SqsClient notABean = LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build()) {
					notABean.createQueue((q) -> q.queueName("restarted"));
				}
				totalCalls += CALLS_PER_START;

				await().atMost(Duration.ofSeconds(10))
					.pollInSameThread()
					.untilAsserted(() -> assertThat(counts(exporter)).isEqualTo(SPANS_PER_START));
				assertThat(watch.isRunning()).as("call timeout watch used").isTrue();
				assertThat(threadsNamed(CallTimeoutWatch.THREAD_NAME)).isEqualTo(1);
				int spans = exporter.getFinishedSpanItems().size();
				totalSpans += spans;
				System.out.println("[restart] " + restart + ": " + CALLS_PER_START + " calls, " + spans
						+ " spans exported by this context " + counts(exporter) + ", live threads "
						+ Thread.getAllStackTraces().size());
			}
			finally {
				context.close();
			}
			closed.add(new WeakReference<>(context));
			assertThat(watch.isRunning()).as("call timeout watch after the close").isFalse();
			assertThat(DeferredTracingInterceptor.contextsTracingClientsNotArmed()).isEqualTo(optedInBefore);
			await().atMost(Duration.ofSeconds(10))
				.pollInSameThread()
				.untilAsserted(() -> assertThat(threadsNamed(CallTimeoutWatch.THREAD_NAME)).isZero());
			System.out.println("[restart] " + restart + " closed after "
					+ Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
		}
		assertThat(totalSpans).isEqualTo(RESTARTS * CALLS_PER_START).isEqualTo(totalCalls);

		// Every thread started since the first start has stopped: the HTTP clients' event
		// loops stop a little after their close. Threads of earlier test classes may stop
		// meanwhile, so the check is on threads started since, and the counts are
		// printed.
		await().atMost(Duration.ofSeconds(60))
			.pollInSameThread()
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(
					() -> assertThat(names(startedSince(threadsBefore))).as("threads started since the first start")
						.isEmpty());
		int liveAfter = Thread.getAllStackTraces().size();
		Set<Thread> threadsAfter = applicationThreads();
		System.out.println("[restart] " + RESTARTS + " restarts: " + totalCalls + " calls, " + totalSpans
				+ " spans; live threads before the first start " + liveBefore + ", after the last close " + liveAfter
				+ "; without ElasticMQ's and the JVM's pools " + threadsBefore.size() + " and " + threadsAfter.size()
				+ " (same threads: " + threadsAfter.equals(threadsBefore) + ", stopped meanwhile: "
				+ names(stoppedSince(threadsBefore)) + "); contexts opted in to non-bean clients: "
				+ DeferredTracingInterceptor.contextsTracingClientsNotArmed());

		await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
			System.gc();
			assertThat(closed).as("closed contexts still reachable")
				.allSatisfy((ref) -> assertThat(ref.get()).isNull());
		});
		System.out.println("[restart] " + closed.size() + " closed contexts, none reachable after a GC");
	}

	/**
	 * The starter's own classes defined again on each restart, beside the SDK, as
	 * DevTools' restart class loader does when the starter's classes are a directory of
	 * the workspace rather than a jar (here a child-first class loader over them, with
	 * the rest from the test's class loader): every call succeeds and each bean call is
	 * exported once by the new context. The SDK refuses a second execution attribute of
	 * the same name in a JVM: attributes named after the class alone failed every call of
	 * the second definition.
	 */
	@Test
	void whenTheStarterIsDefinedAgainOnEachRestartThenCallsSucceedAndBeanCallsAreTraced() throws Exception {
		URL starterClasses = AwsOtelAutoConfiguration.class.getProtectionDomain().getCodeSource().getLocation();
		Thread thread = Thread.currentThread();
		ClassLoader testClassLoader = thread.getContextClassLoader();
		for (int restart = 1; restart <= 3; restart++) {
			try (StarterFirstClassLoader restartClassLoader = new StarterFirstClassLoader(starterClasses,
					testClassLoader)) {
				thread.setContextClassLoader(restartClassLoader);
				try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
					.resourceLoader(new DefaultResourceLoader(restartClassLoader))
					.web(WebApplicationType.NONE)
					.bannerMode(Banner.Mode.OFF)
					.logStartupInfo(false)
					.run()) {
					assertThat(context.getBean("awsClientDecorator").getClass().getClassLoader())
						.isSameAs(restartClassLoader);
					InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
					context.getBean(SqsClient.class).listQueues();
					context.getBean(DynamoDbClient.class).listTables();
					context.getBean(SqsAsyncClient.class).listQueues().join();

					await().atMost(Duration.ofSeconds(10))
						.pollInSameThread()
						.untilAsserted(() -> assertThat(counts(exporter))
							.isEqualTo(Map.of("Sqs.ListQueues", 2, "DynamoDb.ListTables", 1)));
					System.out.println(
							"[restart] starter defined again, restart " + restart + ": 3 calls, " + counts(exporter));
				}
			}
			finally {
				thread.setContextClassLoader(testClassLoader);
			}
		}
	}

	/**
	 * Returns the live threads, leaving out the pools that start and stop threads on
	 * their own schedule: the JVM's, and that of ElasticMQ, which runs in the test JVM
	 * for all tests.
	 * @return the threads
	 */
	private static Set<Thread> applicationThreads() {
		Set<Thread> threads = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			String name = thread.getName();
			if (thread.isAlive() && !name.startsWith("ForkJoinPool.commonPool-worker-")
					&& !name.equals("Attach Listener") && !name.startsWith("elasticmq-")) {
				threads.add(thread);
			}
		}
		return threads;
	}

	private static Set<Thread> startedSince(Set<Thread> before) {
		Set<Thread> started = applicationThreads();
		started.removeAll(before);
		return started;
	}

	private static Set<Thread> stoppedSince(Set<Thread> before) {
		Set<Thread> stopped = new HashSet<>(before);
		stopped.removeAll(applicationThreads());
		return stopped;
	}

	private static List<String> names(Set<Thread> threads) {
		return threads.stream().map(Thread::getName).sorted().toList();
	}

	private static int threadsNamed(String name) {
		return (int) Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().equals(name))
			.count();
	}

	private static Map<String, Integer> counts(InMemorySpanExporter exporter) {
		Map<String, Integer> counts = new TreeMap<>();
		for (SpanData span : exporter.getFinishedSpanItems()) {
			counts.merge(span.getName(), 1, Integer::sum);
		}
		return counts;
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@Import(InMemoryOpenTelemetryConfiguration.class)
	static class Application {

		@Bean
		SqsClient sqsClient() {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build();
		}

		@Bean
		DynamoDbClient dynamoDbClient() {
			return LocalAws.configure(DynamoDbClient.builder(), LocalAws.dynamoDb()).build();
		}

		// With a call timeout: the starter watches its calls on a thread of its own.
		@Bean
		SqsAsyncClient sqsAsyncClient() {
			return LocalAws.configure(SqsAsyncClient.builder(), LocalAws.sqs())
				.overrideConfiguration((override) -> override.apiCallTimeout(Duration.ofSeconds(30)))
				.build();
		}

	}

	/**
	 * Defines the starter's classes itself, and leaves every other class to its parent,
	 * as a restart class loader does for the directories of the workspace.
	 */
	static final class StarterFirstClassLoader extends URLClassLoader {

		StarterFirstClassLoader(URL starterClasses, ClassLoader parent) {
			super(new URL[] { starterClasses }, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null && name.startsWith("dev.awsotel.spring.autoconfigure.")) {
					try {
						loaded = findClass(name);
					}
					catch (ClassNotFoundException ex) {
						// A test class: the parent's.
					}
				}
				return (loaded != null) ? loaded : super.loadClass(name, resolve);
			}
		}

	}

}
