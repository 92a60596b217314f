/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.decorate;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.ClientFigures;
import dev.awsotel.spring.autoconfigure.internal.registry.InstrumentedClient;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.ClassUtils;

/**
 * Makes AWS SDK clients and client builders traced, and records what it did in the
 * {@link AwsClientRegistry}.
 * <p>
 * A built client is traced by arming the {@link DeferredTracingInterceptor} the SDK put
 * into it: the bean stays the same instance, with everything the application configured.
 * A client builder gets a {@link TracingPlugin}, so that each client it builds is armed
 * the same way. Only a client whose configuration cannot be read falls back to a proxy.
 * Every step is idempotent, so a client seen twice (two bean names, a second
 * post-processing pass, a client built by a traced builder) is traced once.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public class AwsClientDecorator implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(AwsClientDecorator.class);

	private final ExecutionInterceptor tracing;

	private final TracingPlugin plugin;

	private final AwsClientRegistry registry;

	private final Set<String> excludedBeans;

	private final boolean traceNonBeanClients;

	private final List<TracedClientCustomizer> customizers;

	private final TracingFeatures features;

	private final UpstreamInternals internals;

	/**
	 * Creates a decorator.
	 * @param tracing the interceptor that traces a call
	 * @param registry where to record each client
	 * @param excludedBeans names of beans to leave untraced
	 * @param traceNonBeanClients whether clients that are not beans are traced too
	 * @param customizers applied to each client traced through its interceptor
	 * @param features the features in force, for the registry
	 * @param internals what the versions on the class path honour of what the starter
	 * relies on
	 */
	public AwsClientDecorator(ExecutionInterceptor tracing, AwsClientRegistry registry, Set<String> excludedBeans,
			boolean traceNonBeanClients, List<TracedClientCustomizer> customizers, TracingFeatures features,
			UpstreamInternals internals) {
		this.internals = internals;
		this.features = features;
		this.customizers = List.copyOf(customizers);
		this.tracing = tracing;
		this.plugin = new TracingPlugin(tracing, null, internals);
		this.registry = registry;
		this.excludedBeans = Set.copyOf(excludedBeans);
		this.traceNonBeanClients = traceNonBeanClients;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.traceNonBeanClients) {
			if (UpstreamInternals.javaAgentTracesAwsSdk()) {
				// The agent's interceptor is in every client: tracing the clients that
				// are not beans too would trace each of their calls twice.
				logger.info("otel.aws.include-non-bean-clients is left to the OpenTelemetry Java agent, which "
						+ "already traces every AWS SDK client");
			}
			else {
				DeferredTracingInterceptor.traceClientsNotArmed(this.tracing);
			}
		}
	}

	@Override
	public void destroy() {
		DeferredTracingInterceptor.stopTracingClientsNotArmed(this.tracing);
	}

	/**
	 * Returns the bean to use in place of {@code bean}: the same instance, now traced, in
	 * all but the proxy case.
	 * @param bean a bean
	 * @param beanName its name
	 * @return the bean to expose
	 */
	public Object decorate(Object bean, String beanName) {
		if (bean instanceof SdkClient client) {
			return decorateClient(client, beanName);
		}
		if (bean instanceof SdkClientBuilder<?, ?> builder) {
			decorateBuilder(builder, beanName);
		}
		return bean;
	}

	private SdkClient decorateClient(SdkClient client, String beanName) {
		if (TracingClientProxy.isProxy(client)) {
			return client;
		}
		SdkServiceClientConfiguration configuration = configurationOf(client);
		if (this.excludedBeans.contains(beanName)) {
			record(beanName, client, configuration, TracingMode.EXCLUDED);
			return client;
		}
		if (configuration != null) {
			List<ExecutionInterceptor> interceptors = configuration.overrideConfiguration().executionInterceptors();
			if (interceptors.stream().anyMatch(this.internals::isOpenTelemetryInterceptor)) {
				record(beanName, client, configuration,
						interceptors.stream().anyMatch(UpstreamInternals::isJavaAgentInterceptor)
								? TracingMode.JAVA_AGENT : TracingMode.ALREADY_INSTRUMENTED);
				return client;
			}
			DeferredTracingInterceptor deferred = DeferredTracingInterceptor.in(interceptors);
			if (deferred != null) {
				deferred.arm(this.tracing, configuration.overrideConfiguration().apiCallAttemptTimeout().orElse(null),
						configuration.overrideConfiguration().apiCallTimeout().orElse(null), new ClientFigures());
				// A client seen before (another bean name, a traced builder) keeps its
				// figures.
				record(beanName, client, configuration, TracingMode.INTERCEPTOR, deferred.figures());
				SdkClient customized = client;
				for (TracedClientCustomizer customizer : this.customizers) {
					customized = customizer.customize(customized);
				}
				return customized;
			}
		}
		logger.info("AWS client bean '" + beanName + "' (" + client.getClass().getName()
				+ ") does not expose its configuration: tracing it through a proxy, at a higher cost per call");
		record(beanName, client, configuration, TracingMode.PROXY);
		return TracingClientProxy.create(client, this.plugin);
	}

	private void decorateBuilder(SdkClientBuilder<?, ?> builder, String beanName) {
		if (this.excludedBeans.contains(beanName)) {
			recordBuilder(beanName, builder, TracingMode.EXCLUDED);
			return;
		}
		try {
			List<SdkPlugin> plugins = builder.plugins();
			TracingPlugin existing = (TracingPlugin) plugins.stream()
				.filter(TracingPlugin.class::isInstance)
				.findFirst()
				.orElse(null);
			if (existing == null) {
				existing = new TracingPlugin(this.tracing, new ClientFigures(), this.internals);
				builder.addPlugin(existing);
			}
			recordBuilder(beanName, builder, TracingMode.BUILDER, existing.figures());
		}
		catch (UnsupportedOperationException ex) {
			logger.warn("AWS client builder bean '" + beanName + "' (" + builder.getClass().getName()
					+ ") does not take plugins: the clients it builds are not traced unless they are beans");
		}
	}

	private static SdkServiceClientConfiguration configurationOf(SdkClient client) {
		try {
			return client.serviceClientConfiguration();
		}
		catch (RuntimeException ex) {
			// UnsupportedOperationException from the interface's default method: an
			// implementation of the client interface that is not an SDK client.
			return null;
		}
	}

	private void record(String beanName, SdkClient client, SdkServiceClientConfiguration configuration,
			TracingMode mode) {
		record(beanName, client, configuration, mode, null);
	}

	private void record(String beanName, SdkClient client, SdkServiceClientConfiguration configuration,
			TracingMode mode, ClientFigures figures) {
		Class<?> clientType = clientInterface(client.getClass(), SdkClient.class);
		String region = (configuration instanceof AwsServiceClientConfiguration aws && aws.region() != null)
				? aws.region().id() : null;
		URI endpoint = (configuration != null) ? configuration.endpointOverride().orElse(null) : null;
		String service = client.serviceName();
		this.registry.register(new InstrumentedClient(beanName, service, clientType.getName(), isAsync(clientType),
				region, sanitized(endpoint), mode,
				mode.isTracedByStarter() ? this.features.forService(service) : List.of(), figures));
	}

	private void recordBuilder(String beanName, SdkClientBuilder<?, ?> builder, TracingMode mode) {
		recordBuilder(beanName, builder, mode, null);
	}

	private void recordBuilder(String beanName, SdkClientBuilder<?, ?> builder, TracingMode mode,
			ClientFigures figures) {
		Class<?> builderType = clientInterface(builder.getClass(), SdkClientBuilder.class);
		String service = serviceOf(builderType);
		this.registry.register(new InstrumentedClient(beanName, service, builderType.getName(), isAsync(builderType),
				null, null, mode, mode.isTracedByStarter() ? this.features.forService(service) : List.of(), figures));
	}

	/**
	 * Returns an endpoint without what could hold a secret: user info, query, fragment.
	 * @param endpoint the endpoint, or {@code null}
	 * @return the endpoint to show, or {@code null}
	 */
	static URI sanitized(URI endpoint) {
		if (endpoint == null) {
			return null;
		}
		try {
			return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), endpoint.getPath(), null,
					null);
		}
		catch (java.net.URISyntaxException ex) {
			return null;
		}
	}

	private static Class<?> clientInterface(Class<?> type, Class<?> root) {
		// The most specific public interface, for example SqsClient rather than
		// SdkClient.
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (root.isAssignableFrom(candidate) && candidate != root
					&& candidate.getPackageName().startsWith("software.amazon.awssdk.services.")) {
				return candidate;
			}
		}
		return type;
	}

	private static boolean isAsync(Class<?> type) {
		return type.getSimpleName().contains("Async");
	}

	private static String serviceOf(Class<?> builderType) {
		// software.amazon.awssdk.services.<service>.XxxClientBuilder
		String prefix = "software.amazon.awssdk.services.";
		String name = builderType.getPackageName();
		return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
	}

}
