/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.lang.reflect.Proxy;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Makes the class of the SQS hand-over proxy ({@link SqsReceiveHandover}), on the
 * starter's background thread while the application context is still being prepared. On
 * Java 17 (not on Java 25) the JDK initialises the class of every parameter of every
 * method of a proxied interface when the proxy class is initialised: for
 * {@code SqsClient}, every request class of the service with its field descriptions
 * (about 230 classes), a large part of the starter's own startup time on the main thread.
 * The proxy class is the same one {@link SqsReceiveHandover} then finds in the JDK's
 * cache; nothing else is done, and nothing is kept.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class SqsHandoverPreinitializer {

	static final String SQS_CLIENT = "software.amazon.awssdk.services.sqs.DefaultSqsClient";

	static final String RECEIVE_MESSAGE_RESPONSE = "software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse";

	private static final Log logger = LogFactory.getLog(SqsHandoverPreinitializer.class);

	private SqsHandoverPreinitializer() {
	}

	/**
	 * Makes the proxy class, when the SQS SDK is on the class path; any failure is left
	 * to the main thread, which does the same work when it needs it.
	 * @param classLoader the class loader of the application
	 * @return the proxy class made, or {@code null} when none was
	 */
	public static @Nullable Class<?> preinitialize(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(SQS_CLIENT, classLoader)) {
			return null;
		}
		try {
			Class<?> client = Class.forName(SQS_CLIENT, false, classLoader);
			// The interfaces SqsReceiveHandover gives the JDK, in the same order: the
			// JDK's cache of proxy classes is keyed by them.
			Class<?>[] interfaces = SqsReceiveHandover.interfacesOf(client);
			Class<?> proxyClass = Proxy
				.newProxyInstance(client.getClassLoader(), interfaces, (proxy, method, args) -> null)
				.getClass();
			// What the startup check of the hand-over (UpstreamInternals) builds.
			Class.forName(RECEIVE_MESSAGE_RESPONSE, true, classLoader);
			return proxyClass;
		}
		catch (Throwable ex) {
			// Only a head start: the main thread does the same work when it needs it.
			logger.trace("Could not preinitialize the SQS hand-over proxy", ex);
			return null;
		}
	}

}
