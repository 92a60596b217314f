/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The handler of a thin proxy that the starter put on a client bean, for a feature the
 * interceptor cannot provide. Such proxies may be stacked; each knows what it wraps, so
 * that a feature is never applied twice, whichever proxy is outermost.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public abstract class ClientProxy implements InvocationHandler {

	private final Object target;

	/**
	 * Creates the handler of a proxy in front of a client or of another proxy.
	 * @param target what the proxy calls
	 */
	protected ClientProxy(Object target) {
		this.target = target;
	}

	/**
	 * Returns what this proxy calls.
	 * @return the client, or the next proxy
	 */
	public final Object target() {
		return this.target;
	}

	@Override
	public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		Object identity = identity(proxy, method, args);
		return (identity != null) ? identity : call(method, args);
	}

	/**
	 * Handles a call made on the proxy, other than {@code equals} and {@code hashCode}.
	 * @param method the method called
	 * @param args the arguments
	 * @return what the call returns
	 * @throws Throwable what the call throws
	 */
	protected abstract Object call(Method method, Object[] args) throws Throwable;

	/**
	 * Makes the call on the target, throwing what the target throws, unwrapped.
	 * @param method the method called
	 * @param args the arguments
	 * @return what the target returns
	 * @throws Throwable what the target throws
	 */
	protected final Object invokeTarget(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Returns whether a client is, or wraps, a proxy with a handler of a type.
	 * @param client a client bean
	 * @param type the handler type
	 * @return whether the feature of that handler is applied already
	 */
	public static boolean applied(Object client, Class<? extends ClientProxy> type) {
		Object current = client;
		while (current != null && Proxy.isProxyClass(current.getClass())) {
			InvocationHandler handler = Proxy.getInvocationHandler(current);
			if (type.isInstance(handler)) {
				return true;
			}
			if (!(handler instanceof ClientProxy proxy)) {
				return false;
			}
			current = proxy.target();
		}
		return false;
	}

	/**
	 * Answers {@code equals} and {@code hashCode} for a proxy itself: a proxy is its own
	 * identity, and the client behind it never equals it, so those calls are not passed
	 * on (a passed-on {@code equals} would find a proxy unequal to itself).
	 * @param proxy the proxy called
	 * @param method the method called
	 * @param args the arguments
	 * @return the answer, or {@code null} when the method is neither
	 */
	public static Object identity(Object proxy, Method method, Object[] args) {
		if (method.getName().equals("equals") && method.getParameterCount() == 1) {
			return proxy == args[0];
		}
		if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
			return System.identityHashCode(proxy);
		}
		return null;
	}

	/**
	 * Returns the client behind every proxy of the starter.
	 * @param client a client bean
	 * @return the client the application built
	 */
	public static Object innermost(Object client) {
		Object current = client;
		while (current != null && Proxy.isProxyClass(current.getClass())
				&& Proxy.getInvocationHandler(current) instanceof ClientProxy proxy) {
			current = proxy.target();
		}
		return current;
	}

}
