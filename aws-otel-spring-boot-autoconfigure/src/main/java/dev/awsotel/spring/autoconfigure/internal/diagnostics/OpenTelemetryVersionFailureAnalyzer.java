/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * {@link AbstractFailureAnalyzer FailureAnalyzer} for an OpenTelemetry API that is older
 * than the OpenTelemetry instrumentation needs: either caught at startup
 * ({@link OpenTelemetryVersionMismatchException}) or met later as a
 * {@link NoSuchMethodError}, {@link NoClassDefFoundError} or {@link AbstractMethodError}
 * in an OpenTelemetry class. Spring Boot's dependency management pins an older
 * OpenTelemetry, so the analysis shows the pom lines that fix the version.
 *
 * @author aws-otel-spring-boot authors
 */
class OpenTelemetryVersionFailureAnalyzer extends AbstractFailureAnalyzer<LinkageError> implements Ordered {

	@Override
	public FailureAnalysis analyze(Throwable failure) {
		OpenTelemetryVersionMismatchException mismatch = findCause(failure,
				OpenTelemetryVersionMismatchException.class);
		if (mismatch != null) {
			String description = String.format(
					"aws-otel-spring-boot needs OpenTelemetry API %s or later, but the application has OpenTelemetry API %s.%n%n"
							+ "Spring Boot's dependency management pins an OpenTelemetry version that is older than the one "
							+ "OpenTelemetry instrumentation %s needs.",
					mismatch.getRequiredVersion(), mismatch.getFoundVersion(),
					OpenTelemetryVersions.instrumentationVersion());
			return new FailureAnalysis(description, action(mismatch.getRequiredVersion()), mismatch);
		}
		return super.analyze(failure);
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LinkageError cause) {
		Throwable error = findOpenTelemetryLinkageError(cause);
		if (error == null) {
			return null;
		}
		String required = OpenTelemetryVersions.requiredApiVersion();
		String found = OpenTelemetryVersions.findApiVersion(getClass().getClassLoader());
		String instrumentation = OpenTelemetryVersions.instrumentationVersion();
		String explanation = OpenTelemetryVersions.isOlder(found, required) ? String.format(
				"aws-otel-spring-boot needs OpenTelemetry API %s or later (for OpenTelemetry instrumentation %s), but the "
						+ "application has OpenTelemetry API %s: Spring Boot's dependency management pins an older OpenTelemetry.",
				required, instrumentation, found)
				: String.format(
						"aws-otel-spring-boot was built with OpenTelemetry API %s and OpenTelemetry instrumentation %s, "
								+ "and the application's OpenTelemetry artifacts do not all match them%s.",
						required, instrumentation,
						(found != null) ? " (OpenTelemetry API " + found + " was found)" : "");
		String description = String.format("An OpenTelemetry class or method is missing:%n%n    %s%n%n%s",
				error.getMessage(), explanation);
		return new FailureAnalysis(description, action(required), error);
	}

	// A LinkageError such as ExceptionInInitializerError can wrap the one that matters.
	private Throwable findOpenTelemetryLinkageError(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if ((candidate instanceof NoSuchMethodError || candidate instanceof NoClassDefFoundError
					|| candidate instanceof AbstractMethodError) && mentionsOpenTelemetry(candidate.getMessage())) {
				return candidate;
			}
		}
		return null;
	}

	private boolean mentionsOpenTelemetry(String message) {
		return message != null && (message.contains("io/opentelemetry") || message.contains("io.opentelemetry"));
	}

	private String action(String requiredVersion) {
		return """
				Make the application use OpenTelemetry %1$s. Either import aws-otel-spring-boot's BOM in the \
				<dependencyManagement> of your pom.xml, before any Spring Boot BOM:

				    <dependency>
				        <groupId>dev.awsotel</groupId>
				        <artifactId>aws-otel-spring-boot-dependencies</artifactId>
				        <version>%2$s</version>
				        <type>pom</type>
				        <scope>import</scope>
				    </dependency>

				or, if your pom's parent is spring-boot-starter-parent, set in its <properties>:

				    <opentelemetry.version>%1$s</opentelemetry.version>""".formatted(requiredVersion,
				OpenTelemetryVersions.starterVersion());
	}

	@Override
	public int getOrder() {
		// Before Spring Boot's NoSuchMethodFailureAnalyzer, which does not know the fix.
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
