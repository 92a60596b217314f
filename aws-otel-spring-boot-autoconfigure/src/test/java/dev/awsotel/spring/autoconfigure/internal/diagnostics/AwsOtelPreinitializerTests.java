/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AwsOtelPreinitializer}: its work runs once, in the background, and
 * nothing it does can fail the application.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsOtelPreinitializerTests {

	private final List<String> done = new CopyOnWriteArrayList<>();

	@Test
	void whenStartedTwiceThenTheWorkRunsOnceOnADaemonThread() throws InterruptedException {
		AtomicBoolean started = new AtomicBoolean();
		AtomicReference<Thread> ranOn = new AtomicReference<>();
		Thread thread = AwsOtelPreinitializer.start(started, () -> {
			ranOn.set(Thread.currentThread());
			this.done.add("work");
		});
		assertThat(thread).isNotNull();
		thread.join(10_000);
		assertThat(AwsOtelPreinitializer.start(started, () -> this.done.add("again"))).isNull();
		assertThat(this.done).containsExactly("work");
		assertThat(ranOn.get()).isSameAs(thread).isNotSameAs(Thread.currentThread());
		assertThat(thread.isDaemon()).isTrue();
		assertThat(thread.getName()).isEqualTo(AwsOtelPreinitializer.THREAD_NAME);
	}

	@Test
	void whenIgnoredAsSpringBootsPreinitializerThenNothingRuns() {
		AtomicBoolean started = new AtomicBoolean();
		System.setProperty(AwsOtelPreinitializer.IGNORE, "true");
		try {
			assertThat(AwsOtelPreinitializer.start(started, () -> this.done.add("work"))).isNull();
		}
		finally {
			System.clearProperty(AwsOtelPreinitializer.IGNORE);
		}
		assertThat(this.done).isEmpty();
		assertThat(started).isFalse();
	}

	@Test
	void whenAStepThrowsThenTheNextStepsStillRunAndNothingEscapes() throws InterruptedException {
		AtomicReference<Throwable> uncaught = new AtomicReference<>();
		Thread thread = AwsOtelPreinitializer.start(new AtomicBoolean(), () -> {
			throw new IllegalStateException("changed upstream");
		}, () -> {
			throw new NoClassDefFoundError("io/opentelemetry/Missing");
		}, () -> this.done.add("last"));
		assertThat(thread).isNotNull();
		thread.setUncaughtExceptionHandler((t, ex) -> uncaught.set(ex));
		thread.join(10_000);
		assertThat(this.done).containsExactly("last");
		assertThat(uncaught.get()).isNull();
	}

	@Test
	void withoutOpenTelemetrysInstrumentationThenNoThreadIsStarted() {
		FilteredClassLoader classLoader = new FilteredClassLoader(AwsOtelPreinitializer.INSTRUMENTATION);
		assertThat(AwsOtelPreinitializer.start(classLoader, true)).isFalse();
	}

}
