/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.upstream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the AWS SDK and OpenTelemetry's instrumentation are at or above
 * {@link UpstreamFloors}. Otherwise the starter's auto-configuration backs off: the
 * application starts and its AWS calls work, untraced, and one WARN line names what to
 * upgrade (rather than a {@code NoSuchMethodError} in a call or at startup).
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class OnSupportedUpstreamVersionsCondition extends SpringBootCondition {

	private static final Log logger = LogFactory.getLog(OnSupportedUpstreamVersionsCondition.class);

	// Conditions are evaluated more than once per context, and contexts come and go in
	// one JVM: each finding is logged once.
	private static final Set<String> logged = ConcurrentHashMap.newKeySet();

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		List<String> below = UpstreamFloors.belowFloors(context.getClassLoader());
		if (below.isEmpty()) {
			return ConditionOutcome.match("AWS SDK and OpenTelemetry instrumentation at or above their floors");
		}
		String message = String.join("; ", below);
		if (logged.add(message)) {
			logger.warn(message + ". AWS clients are not traced by aws-otel-spring-boot.");
		}
		return ConditionOutcome.noMatch(message);
	}

}
