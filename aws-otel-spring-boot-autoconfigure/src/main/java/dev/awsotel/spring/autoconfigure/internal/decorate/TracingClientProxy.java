/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkClient;

import org.springframework.util.ClassUtils;

/**
 * The last resort for a client whose configuration cannot be reached (for example an
 * application's own implementation of a client interface that does not expose
 * {@code serviceClientConfiguration()}): a JDK proxy that adds a {@link TracingPlugin} to
 * every request. It costs more per call than the interceptor path, because the SDK copies
 * the client configuration for each request that carries a plugin.
 *
 * @author aws-otel-spring-boot authors
 */
final class TracingClientProxy implements InvocationHandler {

	private final SdkClient target;

	private final TracingPlugin plugin;

	private final Map<Method, Boolean> implementedByTarget = new ConcurrentHashMap<>();

	private TracingClientProxy(SdkClient target, TracingPlugin plugin) {
		this.target = target;
		this.plugin = plugin;
	}

	static SdkClient create(SdkClient client, TracingPlugin plugin) {
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(client.getClass(),
				client.getClass().getClassLoader());
		return (SdkClient) Proxy.newProxyInstance(client.getClass().getClassLoader(), interfaces,
				new TracingClientProxy(client, plugin));
	}

	static boolean isProxy(Object bean) {
		return Proxy.isProxyClass(bean.getClass()) && Proxy.getInvocationHandler(bean) instanceof TracingClientProxy;
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		Object identity = ClientProxy.identity(proxy, method, args);
		if (identity != null) {
			return identity;
		}
		if (args != null && args.length > 0 && args[0] instanceof AwsRequest request) {
			args[0] = withPlugin(request);
			return invokeTarget(method, args);
		}
		// Convenience overloads (Consumer<Builder>, no-argument) that the client
		// interface implements itself end in a request-taking method: run them on the
		// proxy so that the request they build gets the plugin too.
		if (method.isDefault() && !isImplementedByTarget(method)) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		return invokeTarget(method, args);
	}

	private AwsRequest withPlugin(AwsRequest request) {
		AwsRequestOverrideConfiguration override = request.overrideConfiguration()
			.map((existing) -> existing.toBuilder())
			.orElseGet(AwsRequestOverrideConfiguration::builder)
			.addPlugin(this.plugin)
			.build();
		return (AwsRequest) request.toBuilder().overrideConfiguration(override).build();
	}

	private boolean isImplementedByTarget(Method method) {
		return this.implementedByTarget.computeIfAbsent(method, (m) -> {
			try {
				return !this.target.getClass().getMethod(m.getName(), m.getParameterTypes()).isDefault();
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		});
	}

	private Object invokeTarget(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
