/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.lang.reflect.InvocationHandler;
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
final class TracingClientProxy extends ClientProxy {

	private final SdkClient target;

	private final TracingPlugin plugin;

	// Set once, right after the proxy is made and before it is handed out: a default
	// method of the client interface runs on the proxy so that the request it builds goes
	// through the plugin too.
	private Object proxy;

	private final Map<Method, Boolean> implementedByTarget = new ConcurrentHashMap<>();

	private TracingClientProxy(SdkClient target, TracingPlugin plugin) {
		super(target);
		this.target = target;
		this.plugin = plugin;
	}

	static SdkClient create(SdkClient client, TracingPlugin plugin) {
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(client.getClass(),
				client.getClass().getClassLoader());
		TracingClientProxy handler = new TracingClientProxy(client, plugin);
		SdkClient proxy = (SdkClient) Proxy.newProxyInstance(client.getClass().getClassLoader(), interfaces, handler);
		handler.proxy = proxy;
		return proxy;
	}

	static boolean isProxy(Object bean) {
		return Proxy.isProxyClass(bean.getClass()) && Proxy.getInvocationHandler(bean) instanceof TracingClientProxy;
	}

	@Override
	protected Object call(Method method, Object[] args) throws Throwable {
		if (args != null && args.length > 0 && args[0] instanceof AwsRequest request) {
			args[0] = withPlugin(request);
			return invokeTarget(method, args);
		}
		// Convenience overloads (Consumer<Builder>, no-argument) that the client
		// interface implements itself end in a request-taking method: run them on the
		// proxy so that the request they build gets the plugin too.
		if (method.isDefault() && !isImplementedByTarget(method)) {
			return InvocationHandler.invokeDefault(this.proxy, method, args);
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

}
