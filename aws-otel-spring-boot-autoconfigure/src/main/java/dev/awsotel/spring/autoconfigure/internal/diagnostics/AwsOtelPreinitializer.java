/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.awsotel.spring.autoconfigure.internal.messaging.SqsHandoverPreinitializer;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NativeDetector;
import org.springframework.util.ClassUtils;

/**
 * Gives the starter's beans a head start, as Spring Boot's own
 * {@code BackgroundPreinitializer} does for its expensive classes: on a daemon thread
 * started while the environment is prepared, it loads and initialises the classes that
 * the beans need first (OpenTelemetry's AWS SDK instrumentation, and the SQS hand-over
 * proxy's class, {@link SqsHandoverPreinitializer}), and makes the startup check of what
 * the starter relies on ({@link UpstreamInternals#preinitialize}), which the
 * application's check then takes. It changes no state an application can see: the main
 * thread finds the classes ready and the check made, or does the same work itself.
 * <p>
 * Started once per JVM, as Spring Boot's: a second application in the same JVM (a test
 * suite, a parent context) finds the classes ready. Skipped in a native image (its
 * classes are initialised ahead of time) and, as Spring Boot's, with the system property
 * {@code spring.backgroundpreinitializer.ignore=true}.
 *
 * @author aws-otel-spring-boot authors
 */
final class AwsOtelPreinitializer {

	static final String IGNORE = "spring.backgroundpreinitializer.ignore";

	static final String INSTRUMENTATION = "io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry";

	static final String THREAD_NAME = "aws-otel-preinitializer";

	private static final AtomicBoolean started = new AtomicBoolean();

	private static final Log logger = LogFactory.getLog(AwsOtelPreinitializer.class);

	private AwsOtelPreinitializer() {
	}

	/**
	 * Starts the thread, unless skipped or started before in this JVM.
	 * @param classLoader the class loader of the application
	 * @param sqsHandover whether SQS client beans get the hand-over proxy
	 * @return whether a thread was started
	 */
	static boolean start(@Nullable ClassLoader classLoader, boolean sqsHandover) {
		if (!ClassUtils.isPresent(INSTRUMENTATION, classLoader)) {
			return false;
		}
		Runnable handover = () -> {
			if (sqsHandover) {
				SqsHandoverPreinitializer.preinitialize(classLoader);
			}
		};
		return start(started, () -> UpstreamInternals.preinitialize(classLoader), handover) != null;
	}

	/**
	 * Runs the steps, one after the other, on a daemon thread, unless skipped or
	 * {@code started} already.
	 * @param started whether started before, set by this call
	 * @param steps the work
	 * @return the thread started, or {@code null} when none was
	 */
	static @Nullable Thread start(AtomicBoolean started, Runnable... steps) {
		if (NativeDetector.inNativeImage() || Boolean.getBoolean(IGNORE) || !started.compareAndSet(false, true)) {
			return null;
		}
		Thread thread = new Thread(() -> {
			for (Runnable step : steps) {
				try {
					step.run();
				}
				catch (Throwable ex) {
					// Only a head start: the main thread does the same work when it
					// needs it, and reports what fails there.
					logger.trace("Could not preinitialize a part of the AWS SDK tracing", ex);
				}
			}
		}, THREAD_NAME);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
