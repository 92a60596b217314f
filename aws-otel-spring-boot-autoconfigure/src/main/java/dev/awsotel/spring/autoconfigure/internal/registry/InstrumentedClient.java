/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.registry;

import java.net.URI;

/**
 * What the starter did with one AWS SDK client (or client builder) bean.
 *
 * @param beanName the bean's name
 * @param service the service as spans name it in {@code rpc.service}'s SDK form, for
 * example {@code sqs}
 * @param clientType the client or builder interface, for example
 * {@code software.amazon.awssdk.services.sqs.SqsClient}
 * @param async whether the client is asynchronous
 * @param region the client's region, or {@code null} if unknown
 * @param endpointOverride the client's endpoint override, or {@code null}
 * @param mode how the client is traced, or why not
 * @param features the features active for the client, for example {@code sqs-propagation}
 * @param figures the client's live figures, or {@code null} when its calls are not
 * counted (not traced, or traced through a proxy)
 * <p>
 * Internal: not for public use; it may change in any release.
 * @author aws-otel-spring-boot authors
 */
public record InstrumentedClient(String beanName, String service, String clientType, boolean async, String region,
		URI endpointOverride, TracingMode mode, java.util.List<String> features, ClientFigures figures) {

}
