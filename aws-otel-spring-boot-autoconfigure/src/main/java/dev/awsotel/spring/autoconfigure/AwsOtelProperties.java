/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
	 * Whether to add OpenTelemetry's experimental AWS span attributes: aws.agent (on
	 * process spans too), aws.queue.name on SQS calls by queue name, and
	 * aws.lambda.function.name and aws.lambda.function.arn on Lambda calls.
	 */
	private boolean experimentalSpanAttributes = false;

	/**
	 * Whether OpenTelemetry's interceptor also uses the application's propagators for
	 * messages: it then asks for their fields on receive and reads them for the links of
	 * receive spans. The starter's own SQS and SNS propagation injects them either way,
	 * once per message.
	 */
	private boolean experimentalUsePropagatorForMessaging = false;

	/**
	 * Whether to record each failed HTTP attempt of a call as an event on its span, with
	 * the status code and the error response body the service sent.
	 */
	private boolean recordIndividualHttpError = false;

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

	private final Lambda lambda = new Lambda();

	private final Messaging messaging = new Messaging();

	private final Genai genai = new Genai();

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

	public boolean isExperimentalUsePropagatorForMessaging() {
		return this.experimentalUsePropagatorForMessaging;
	}

	public void setExperimentalUsePropagatorForMessaging(boolean experimentalUsePropagatorForMessaging) {
		this.experimentalUsePropagatorForMessaging = experimentalUsePropagatorForMessaging;
	}

	public boolean isRecordIndividualHttpError() {
		return this.recordIndividualHttpError;
	}

	public void setRecordIndividualHttpError(boolean recordIndividualHttpError) {
		this.recordIndividualHttpError = recordIndividualHttpError;
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

	public Lambda getLambda() {
		return this.lambda;
	}

	public Messaging getMessaging() {
		return this.messaging;
	}

	public Genai getGenai() {
		return this.genai;
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
		// when asked for (see docs/configuration.md, "Semantic conventions").
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

	/**
	 * Trace context across Lambda invocations.
	 */
	public static class Lambda {

		/**
		 * Whether to carry trace context in the client context (custom fields) of a
		 * Lambda Invoke, through the application's propagators, so that the function
		 * continues the caller's trace. When false, the client context goes as the
		 * application set it.
		 */
		private boolean propagation = true;

		public boolean isPropagation() {
			return this.propagation;
		}

		public void setPropagation(boolean propagation) {
			this.propagation = propagation;
		}

	}

	/**
	 * Messaging telemetry (SQS).
	 */
	public static class Messaging {

		/**
		 * Whether OpenTelemetry's interceptor records a receive span for each SQS receive
		 * that returned messages, beside the receive call's span. Process spans stay the
		 * starter's: one per message.
		 */
		private boolean receiveTelemetry = false;

		private final Headers headers = new Headers();

		public boolean isReceiveTelemetry() {
			return this.receiveTelemetry;
		}

		public void setReceiveTelemetry(boolean receiveTelemetry) {
			this.receiveTelemetry = receiveTelemetry;
		}

		public Headers getHeaders() {
			return this.headers;
		}

	}

	/**
	 * Message attributes recorded on messaging spans.
	 */
	public static class Headers {

		/**
		 * Names of message attributes to record on SQS send spans and on process spans as
		 * 'messaging.header.{name}' (a string array). Glob patterns: '*' matches any run
		 * of characters, '?' one character. Empty: none, unless excluded names are set
		 * (then every other attribute).
		 */
		private List<String> included = new ArrayList<>();

		/**
		 * Names of message attributes never to record, glob patterns as for 'included'.
		 */
		private List<String> excluded = new ArrayList<>();

		public List<String> getIncluded() {
			return this.included;
		}

		public void setIncluded(List<String> included) {
			this.included = included;
		}

		public List<String> getExcluded() {
			return this.excluded;
		}

		public void setExcluded(List<String> excluded) {
			this.excluded = excluded;
		}

	}

	/**
	 * Generative AI calls (Bedrock Runtime).
	 */
	public static class Genai {

		/**
		 * Whether to record the content of GenAI prompts and completions (message text,
		 * tool call arguments and results) in the events of Bedrock Runtime calls. When
		 * false, the events carry no message content.
		 */
		private boolean captureMessageContent = false;

		public boolean isCaptureMessageContent() {
			return this.captureMessageContent;
		}

		public void setCaptureMessageContent(boolean captureMessageContent) {
			this.captureMessageContent = captureMessageContent;
		}

	}

	/**
	 * How the HTTP attempts of a call that needed more than one show.
	 */
	public enum AttemptMode {

		/**
		 * A child span per attempt, under the call's span.
		 */
		SPANS,

		/**
		 * An event per attempt, on the call's span.
		 */
		EVENTS,

		/**
		 * The call's span alone (it still carries the resend count and throttle flag).
		 */
		NONE

	}

	/**
	 * What the process span of a received SQS message is the child of.
	 */
	public enum ProcessSpanParent {

		/**
		 * The producer's context carried by the message: the consumer's work continues
		 * the producer's trace.
		 */
		PRODUCER,

		/**
		 * The span of the receive call, with a link to the producer's context: each poll
		 * is a trace of its own, linked to the traces that sent its messages.
		 */
		RECEIVE,

		/**
		 * The context current where the application received the message, with a link to
		 * the producer's context (the producer's context where that one has no span):
		 * what the OpenTelemetry Java agent does with the stable messaging conventions.
		 */
		CALLER

	}

}
