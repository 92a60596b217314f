/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

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
 * proxy's class, {@link SqsHandoverPreinitializer}). It keeps nothing and changes no
 * state: the main thread finds the classes ready, or does the same work itself.
 * <p>
 * Skipped in a native image (its classes are initialised ahead of time) and, as Spring
 * Boot's, with the system property {@code spring.backgroundpreinitializer.ignore=true}.
 *
 * @author aws-otel-spring-boot authors
 */
final class AwsOtelPreinitializer {

	static final String IGNORE = "spring.backgroundpreinitializer.ignore";

	static final String INSTRUMENTATION = "io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry";

	private static final Log logger = LogFactory.getLog(AwsOtelPreinitializer.class);

	private AwsOtelPreinitializer() {
	}

	/**
	 * Starts the thread, unless skipped.
	 * @param classLoader the class loader of the application
	 * @param sqsHandover whether SQS client beans get the hand-over proxy
	 * @return whether a thread was started
	 */
	static boolean start(@Nullable ClassLoader classLoader, boolean sqsHandover) {
		if (NativeDetector.inNativeImage() || Boolean.getBoolean(IGNORE)
				|| !ClassUtils.isPresent(INSTRUMENTATION, classLoader)) {
			return false;
		}
		Thread thread = new Thread(() -> {
			try {
				UpstreamInternals.preinitialize();
			}
			catch (Throwable ex) {
				// Only a head start: the main thread does the same work when it needs it.
				logger.trace("Could not preinitialize OpenTelemetry's AWS SDK instrumentation", ex);
			}
			if (sqsHandover) {
				SqsHandoverPreinitializer.preinitialize(classLoader);
			}
		}, "aws-otel-preinitializer");
		thread.setDaemon(true);
		thread.start();
		return true;
	}

}
