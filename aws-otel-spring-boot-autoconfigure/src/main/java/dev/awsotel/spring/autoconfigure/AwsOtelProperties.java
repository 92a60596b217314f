/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.awsotel.spring.autoconfigure.messaging.ProcessSpanParent;
import dev.awsotel.spring.autoconfigure.trace.AttemptMode;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of OpenTelemetry tracing for AWS SDK clients.
 *
 * @author aws-otel-spring-boot authors
 */
@ConfigurationProperties("otel.aws")
public class AwsOtelProperties {

	/**
	 * Whether to trace AWS SDK clients. When false, every client stays exactly as the
	 * application built it.
	 */
	private boolean enabled = true;

	/**
	 * Whether to add OpenTelemetry's experimental AWS span attributes, such as
	 * aws.dynamodb.table_names, aws.s3.bucket and aws.queue.url.
	 */
	private boolean experimentalSpanAttributes = false;

	/**
	 * Whether to also trace AWS SDK clients that are not beans, such as clients that
	 * application code or a library builds and keeps for itself.
	 */
	private boolean includeNonBeanClients = false;

	/**
	 * Names of AWS SDK client or client builder beans to leave untraced.
	 */
	private Set<String> excludedBeans = new LinkedHashSet<>();

	/**
	 * How the HTTP attempts of a call that needed more than one show: 'spans' (a child
	 * span per attempt), 'events' (an event per attempt on the call's span) or 'none'.
	 */
	private AttemptMode attempts = AttemptMode.SPANS;

	private final Metrics metrics = new Metrics();

	private final Async async = new Async();

	private final Sqs sqs = new Sqs();

	private final Sns sns = new Sns();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isExperimentalSpanAttributes() {
		return this.experimentalSpanAttributes;
	}

	public void setExperimentalSpanAttributes(boolean experimentalSpanAttributes) {
		this.experimentalSpanAttributes = experimentalSpanAttributes;
	}

	public boolean isIncludeNonBeanClients() {
		return this.includeNonBeanClients;
	}

	public void setIncludeNonBeanClients(boolean includeNonBeanClients) {
		this.includeNonBeanClients = includeNonBeanClients;
	}

	public Set<String> getExcludedBeans() {
		return this.excludedBeans;
	}

	public void setExcludedBeans(Set<String> excludedBeans) {
		this.excludedBeans = excludedBeans;
	}

	public AttemptMode getAttempts() {
		return this.attempts;
	}

	public void setAttempts(AttemptMode attempts) {
		this.attempts = attempts;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Async getAsync() {
		return this.async;
	}

	public Sqs getSqs() {
		return this.sqs;
	}

	public Sns getSns() {
		return this.sns;
	}

	/**
	 * Call metrics.
	 */
	public static class Metrics {

		/**
		 * Whether to record call duration and attempt, retry and throttle counts through
		 * the application's meter provider (and, with the stable messaging semantic
		 * conventions, the process duration and consumed message count of received
		 * messages).
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Async clients.
	 */
	public static class Async {

		/**
		 * Whether the completion callbacks of an async client's calls run in the context
		 * of the code that made the call. Needs a thin proxy on the SDK's async client
		 * beans; when false, callbacks that run on the SDK's completion thread see no
		 * context.
		 */
		private boolean callbackContext = true;

		public boolean isCallbackContext() {
			return this.callbackContext;
		}

		public void setCallbackContext(boolean callbackContext) {
			this.callbackContext = callbackContext;
		}

	}

	/**
	 * Trace context across SQS.
	 */
	public static class Sqs {

		/**
		 * Whether to carry trace context in the messages SQS clients send (W3C message
		 * attributes and the AWSTraceHeader system attribute), ask for it on receive, and
		 * give each received message a process span that continues the producer's trace.
		 * When false, no attribute is added or requested.
		 */
		private boolean propagation = true;

		// 'producer' in every semantic-conventions mode, the stable messaging one
		// included (where the Java agent uses the 'caller' layout): the opt-in is
		// OpenTelemetry's key for names and attributes, often set for other domains,
		// while this changes the shape of every consumer trace, so it changes only
		// when asked for (see README, "Semantic conventions").
		/**
		 * What the process span of a received message is the child of: 'producer' (the
		 * producer's context the message carries), 'receive' (the receive call's span,
		 * with a link to the producer) or 'caller' (the context the application received
		 * the message in, with a link to the producer: what the OpenTelemetry Java agent
		 * does with the stable messaging conventions).
		 */
		private ProcessSpanParent processSpanParent = ProcessSpanParent.PRODUCER;

		public boolean isPropagation() {
			return this.propagation;
		}

		public void setPropagation(boolean propagation) {
			this.propagation = propagation;
		}

		public ProcessSpanParent getProcessSpanParent() {
			return this.processSpanParent;
		}

		public void setProcessSpanParent(ProcessSpanParent processSpanParent) {
			this.processSpanParent = processSpanParent;
		}

	}

	/**
	 * Trace context across SNS.
	 */
	public static class Sns {

		/**
		 * Whether to carry trace context in the message attributes of the messages SNS
		 * clients publish, so that subscribed queues continue the trace. When false, no
		 * attribute is added.
		 */
		private boolean propagation = true;

		public boolean isPropagation() {
			return this.propagation;
		}

		public void setPropagation(boolean propagation) {
			this.propagation = propagation;
		}

	}

}
