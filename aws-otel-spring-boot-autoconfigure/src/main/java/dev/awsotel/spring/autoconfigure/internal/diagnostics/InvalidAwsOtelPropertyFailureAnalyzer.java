/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * {@link AbstractFailureAnalyzer FailureAnalyzer} for an
 * {@link InvalidAwsOtelPropertyException}: names the key, what was set under it and
 * where, and the values the key accepts.
 *
 * @author aws-otel-spring-boot authors
 */
class InvalidAwsOtelPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAwsOtelPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAwsOtelPropertyException cause) {
		StringBuilder description = new StringBuilder(String.format("Invalid value for '%s':%n%n", cause.getKey()));
		description.append(String.format("    Not understood: %s = \"%s\"%n", cause.getProperty(), cause.getValue()));
		if (cause.getOrigin() != null) {
			description.append(String.format("    Origin: %s%n", cause.getOrigin()));
		}
		description.append(String.format("    Accepted: %s", cause.getAccepted()));
		String action = String.format("Set '%s' itself to %s, and remove '%s'.", cause.getKey(), cause.getAccepted(),
				cause.getProperty());
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
