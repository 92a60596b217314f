/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.registry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The AWS SDK client beans of an application context and how each is traced.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public class AwsClientRegistry {

	private final Map<String, InstrumentedClient> clients = new ConcurrentSkipListMap<>();

	/**
	 * Records a client bean, replacing what was recorded under its name.
	 * @param client the client
	 */
	public void register(InstrumentedClient client) {
		this.clients.put(client.beanName(), client);
	}

	/**
	 * Returns every recorded client, ordered by bean name.
	 * @return the clients
	 */
	public Collection<InstrumentedClient> clients() {
		return List.copyOf(this.clients.values());
	}

	/**
	 * Returns the client recorded under a bean name.
	 * @param beanName the bean name
	 * @return the client, if any
	 */
	public Optional<InstrumentedClient> client(String beanName) {
		return Optional.ofNullable(this.clients.get(beanName));
	}

}
