/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awsotel.spring.autoconfigure.internal.decorate.DeferredTracingInterceptor;
import dev.awsotel.spring.autoconfigure.internal.trace.CallTimeoutWatch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Places orders in the sample back to back, as a user driving it would, and samples the
 * JVM (heap after a full GC, live threads) and the starter's structures at fixed
 * intervals: every order must be answered and nothing may grow with the number of orders.
 * In CI it runs about 90 seconds; {@code benchmarks/soak.sh} runs it for 30 minutes with
 * {@code -Dsoak.seconds=1800 -Dsoak.sample-seconds=60}.
 *
 * @author aws-otel-spring-boot authors
 */
class SampleSoakIntegrationTests {

	/** Heap after a full GC may move by this much between the first and last sample. */
	private static final long HEAP_BOUND_BYTES = 32L * 1024 * 1024;

	/** Live threads may move by this much (pools that start a thread lazily). */
	private static final int THREAD_BOUND = 4;

	private static final Pattern CALLS = Pattern.compile("\"calls\":(\\d+)");

	private static final Pattern BEAN = Pattern.compile("\"beanName\":\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void whenOrdersArePlacedBackToBackThenEveryOneIsAnsweredAndNothingGrows() throws Exception {
		Duration warmUp = Duration.ofSeconds(Long.getLong("soak.warmup-seconds", 20));
		Duration length = Duration.ofSeconds(Long.getLong("soak.seconds", 75));
		Duration interval = Duration.ofSeconds(Long.getLong("soak.sample-seconds", 15));
		// No span printing: thousands of orders would flood the build's output. Spans are
		// still made, processed (the sample's recent traces) and dropped at export.
		SpringApplication application = SampleApplication.application(Map.of());
		application.addInitializers(SampleSoakIntegrationTests::addWatchedAsyncClient);
		try (ConfigurableApplicationContext context = application.run("--server.port=0", "--otel.traces.exporter=none",
				"--logging.level.dev.awsotel.sample=WARN")) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			CallTimeoutWatch watch = context.getBeanProvider(CallTimeoutWatch.class).getIfAvailable();
			SqsAsyncClient watched = context.getBean(SqsAsyncClient.class);
			long[] counts = new long[2];
			List<String> failures = new ArrayList<>();
			drive(base, warmUp, counts, failures, watched);
			List<Sample> samples = new ArrayList<>();
			long start = System.nanoTime();
			samples.add(sample(base, 0, counts, watch));
			while (System.nanoTime() - start < length.toNanos()) {
				drive(base, interval, counts, failures, watched);
				samples.add(sample(base, (System.nanoTime() - start) / 1_000_000_000L, counts, watch));
			}
			System.out.println(table(samples));
			Sample first = samples.get(0);
			Sample last = samples.get(samples.size() - 1);
			assertThat(failures).as("orders not answered with 201").isEmpty();
			assertThat(last.ordersOk - first.ordersOk).as("orders placed while sampled").isGreaterThan(50);
			assertThat(last.heapAfterGc).as("heap after a full GC, first sample %s MB", first.heapAfterGc >> 20)
				.isLessThanOrEqualTo(first.heapAfterGc + HEAP_BOUND_BYTES);
			assertThat(last.threads).as("live threads").isLessThanOrEqualTo(first.threads + THREAD_BOUND);
			assertThat(last.clients).as("clients in the registry").isEqualTo(first.clients);
			assertThat(last.awsCalls).as("AWS calls counted").isGreaterThan(first.awsCalls);
			assertThat(first.watchQueue).as("the timeout watch's thread runs").isNotNegative();
			assertThat(last.watchQueue).as("calls watched for a timeout").isBetween(0, 100);
			assertThat(last.optedInContexts).as("contexts tracing clients not armed").isLessThanOrEqualTo(1);
		}
	}

	/**
	 * An async client with a call timeout, beside the sample's sync clients: each of its
	 * calls is watched by the starter's {@link CallTimeoutWatch} until it ends, so that a
	 * watch that kept finished calls would show here.
	 */
	private static void addWatchedAsyncClient(ConfigurableApplicationContext context) {
		((GenericApplicationContext) context).registerBean("watchedSqsAsyncClient", SqsAsyncClient.class,
				() -> SqsAsyncClient.builder()
					.endpointOverride(context.getBean(LocalAwsServers.LocalEndpoints.class).sqs())
					.region(Region.US_EAST_1)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
					.httpClientBuilder(NettyNioAsyncHttpClient.builder())
					.overrideConfiguration((override) -> override.apiCallTimeout(Duration.ofSeconds(10)))
					.build());
	}

	private void drive(String base, Duration duration, long[] counts, List<String> failures, SqsAsyncClient watched) {
		long end = System.nanoTime() + duration.toNanos();
		int n = 0;
		while (System.nanoTime() < end) {
			try {
				HttpResponse<String> placed = this.http.send(HttpRequest.newBuilder(URI.create(base + "/orders"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"soak " + (n++) + "\",\"quantity\":1}"))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (placed.statusCode() == 201) {
					counts[0]++;
					// One watched call per order, as the order's queue is looked up.
					watched.getQueueUrl((get) -> get.queueName(OrderService.QUEUE)).join();
				}
				else {
					counts[1]++;
					record(failures, placed.statusCode() + " " + placed.body());
				}
			}
			catch (Exception ex) {
				counts[1]++;
				record(failures, ex.toString());
			}
		}
	}

	private static void record(List<String> failures, String failure) {
		// The first few say why; the count says how many.
		if (failures.size() < 5) {
			failures.add(failure);
		}
	}

	private Sample sample(String base, long seconds, long[] counts, CallTimeoutWatch watch) throws Exception {
		// System.gc() is a full, stop-the-world collection with the default collector.
		System.gc();
		System.gc();
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		int threads = ManagementFactory.getThreadMXBean().getThreadCount();
		String clients = this.http
			.send(HttpRequest.newBuilder(URI.create(base + "/actuator/awsclients")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		long calls = 0;
		Matcher matcher = CALLS.matcher(clients);
		while (matcher.find()) {
			calls += Long.parseLong(matcher.group(1));
		}
		int beans = (int) BEAN.matcher(clients).results().count();
		return new Sample(seconds, heap, threads, counts[0], counts[1], beans, calls, watchQueue(watch),
				DeferredTracingInterceptor.contextsTracingClientsNotArmed());
	}

	/**
	 * The calls the starter's timeout watch holds now; -1 when it has none or its thread
	 * never started.
	 */
	private static int watchQueue(CallTimeoutWatch watch) {
		return (watch != null) ? watch.watchedCalls() : -1;
	}

	private static String table(List<Sample> samples) {
		StringBuilder table = new StringBuilder(String.format("%n| s | heap after GC (MB) | live threads "
				+ "| orders answered | orders failed | AWS clients | AWS calls | timeout watch queue "
				+ "| contexts opted in |%n|---:|---:|---:|---:|---:|---:|---:|---:|---:|%n"));
		for (Sample sample : samples) {
			table.append(String.format("| %d | %.1f | %d | %d | %d | %d | %d | %d | %d |%n", sample.seconds,
					sample.heapAfterGc / 1048576.0, sample.threads, sample.ordersOk, sample.ordersFailed,
					sample.clients, sample.awsCalls, sample.watchQueue, sample.optedInContexts));
		}
		return table.toString();
	}

	private record Sample(long seconds, long heapAfterGc, int threads, long ordersOk, long ordersFailed, int clients,
			long awsCalls, int watchQueue, int optedInContexts) {

	}

}
