/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.upstream;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals.Reliance;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the startup check made ahead on the starter's background thread
 * ({@link UpstreamInternals#preinitialize}) and taken by the application's check.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class UpstreamInternalsTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	private final AtomicReference<@Nullable Object> ahead = new AtomicReference<>();

	@Test
	void whenCheckedAheadThenTheApplicationsCheckTakesItAndWarnsOnlyThen(CapturedOutput output) {
		UpstreamInternals.preinitialize(this.classLoader, this.ahead, EnumSet.of(Reliance.RETRY_BACKOFF));
		// The background thread runs before the application's logging is set up.
		assertThat(warnLines(output)).isEmpty();

		UpstreamInternals checked = UpstreamInternals.check(this.classLoader, this.ahead);

		assertThat(checked.available(Reliance.RETRY_BACKOFF)).isFalse();
		assertThat(checked.unavailable()).singleElement()
			.satisfies((off) -> assertThat(off.reliance()).isEqualTo(Reliance.RETRY_BACKOFF));
		assertThat(warnLines(output)).singleElement()
			.satisfies(
					(line) -> assertThat(line).contains("Feature '" + Reliance.RETRY_BACKOFF.feature() + "' is off"));
		// Taken once: a second application in the JVM checks for itself.
		UpstreamInternals again = UpstreamInternals.check(this.classLoader, this.ahead);
		assertThat(again).isNotSameAs(checked);
		assertThat(again.unavailable()).isEmpty();
		assertThat(warnLines(output)).hasSize(1);
	}

	@Test
	void whenTheApplicationHasCheckedThenNothingIsCheckedAhead(CapturedOutput output) {
		UpstreamInternals checked = UpstreamInternals.check(this.classLoader, this.ahead);

		UpstreamInternals.preinitialize(this.classLoader, this.ahead, EnumSet.of(Reliance.RETRY_BACKOFF));

		assertThat(checked.unavailable()).isEmpty();
		assertThat(UpstreamInternals.check(this.classLoader, this.ahead).unavailable()).isEmpty();
		assertThat(warnLines(output)).isEmpty();
	}

	@Test
	void aCheckMadeAheadForAnotherClassLoaderIsNotTaken(CapturedOutput output) throws Exception {
		try (URLClassLoader other = new URLClassLoader(new URL[0], this.classLoader)) {
			UpstreamInternals.preinitialize(other, this.ahead, EnumSet.of(Reliance.RETRY_BACKOFF));

			assertThat(UpstreamInternals.check(this.classLoader, this.ahead).unavailable()).isEmpty();
		}
		assertThat(warnLines(output)).isEmpty();
	}

	@Test
	void theApplicationsCheckWaitsForTheOneInProgressAhead() throws InterruptedException {
		Thread background = new Thread(() -> UpstreamInternals.preinitialize(this.classLoader, this.ahead,
				EnumSet.of(Reliance.RETRY_BACKOFF)));
		background.start();
		// Once the background thread has claimed the check, the application's takes its
		// result, whether it is done yet or not.
		while (this.ahead.get() == null && background.isAlive()) {
			Thread.onSpinWait();
		}

		UpstreamInternals checked = UpstreamInternals.check(this.classLoader, this.ahead);

		background.join();
		assertThat(checked.available(Reliance.RETRY_BACKOFF)).isFalse();
	}

	private static List<String> warnLines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains("WARN")).toList();
	}

}
