/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.awsotel.spring.autoconfigure.internal.trace.TracingExtension;
import dev.awsotel.spring.autoconfigure.internal.trace.UpstreamSpans;
import io.opentelemetry.context.Context;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Trace context across SNS, as an extension of the tracing interceptor: injected into the
 * message attributes of {@code Publish} and of each entry of {@code PublishBatch} (one
 * producer context per entry), within the limits SNS puts on a message. A queue
 * subscribed to the topic receives them as message attributes (raw delivery) or inside
 * the JSON envelope; {@link SqsMessagePropagation} reads both.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class SnsMessagePropagation implements TracingExtension {

	static final String SYSTEM = "aws_sns";

	private final MessagePropagation propagation;

	private final boolean enabled;

	/**
	 * Creates the SNS extension.
	 * @param propagation how context is carried, or {@code null} when propagation is off
	 */
	public SnsMessagePropagation(MessagePropagation propagation) {
		this(propagation, propagation != null);
	}

	/**
	 * Creates the SNS extension, on or off.
	 * @param propagation how context is carried; with propagation off, only the
	 * propagators' fields are read from it, to take off what the upstream library adds
	 * @param enabled whether context is carried
	 */
	public SnsMessagePropagation(MessagePropagation propagation, boolean enabled) {
		this.propagation = propagation;
		this.enabled = enabled && propagation != null;
	}

	@Override
	public SdkRequest modifyRequest(software.amazon.awssdk.core.interceptor.Context.ModifyRequest context,
			ExecutionAttributes executionAttributes) {
		SdkRequest request = context.request();
		SdkRequest original = UpstreamSpans.originalRequest(executionAttributes);
		if (this.propagation != null && request instanceof PublishRequest publish
				&& original instanceof PublishRequest made && made != publish) {
			// OpenTelemetry's interceptor injects into a Publish when it uses the
			// propagators for messaging, with no regard for the size limit: its fields go
			// back to what the application set (and are injected again below, once,
			// within the limit, unless propagation is off).
			Map<String, MessageAttributeValue> attributes = this.propagation
				.asApplicationSet(publish.messageAttributes(), made.messageAttributes());
			if (attributes != publish.messageAttributes()) {
				request = publish.toBuilder().messageAttributes(attributes).build();
			}
		}
		if (!this.enabled) {
			return request;
		}
		Context callContext = UpstreamSpans.context(executionAttributes);
		if (callContext == null) {
			return request;
		}
		if (request instanceof PublishRequest publish) {
			Map<String, String> added = this.propagation.attributesFor(callContext);
			if (fits(publish.message(), publish.messageAttributes(), added, "Publish", executionAttributes)) {
				return publish.toBuilder().messageAttributes(withStrings(publish.messageAttributes(), added)).build();
			}
			return publish;
		}
		if (request instanceof PublishBatchRequest batch) {
			String topic = topicName(batch.topicArn());
			List<PublishBatchRequestEntry> entries = new ArrayList<>(batch.publishBatchRequestEntries().size());
			for (PublishBatchRequestEntry entry : batch.publishBatchRequestEntries()) {
				Context messageContext = this.propagation.messageContext(callContext, SYSTEM, topic, entry.id());
				Map<String, String> added = this.propagation.attributesFor(messageContext);
				entries.add(fits(entry.message(), entry.messageAttributes(), added, "PublishBatch", executionAttributes)
						? entry.toBuilder().messageAttributes(withStrings(entry.messageAttributes(), added)).build()
						: entry);
			}
			return batch.toBuilder().publishBatchRequestEntries(entries).build();
		}
		return request;
	}

	@Override
	public boolean withholdsXrayHeader(SdkRequest request) {
		// SNS hands the X-Ray HTTP header of a publish on to its subscribers.
		return !this.enabled && (request instanceof PublishRequest || request instanceof PublishBatchRequest);
	}

	private boolean fits(String message, Map<String, MessageAttributeValue> existing, Map<String, String> added,
			String what, ExecutionAttributes executionAttributes) {
		long bytes = MessagePropagation.utf8Length(message);
		for (Map.Entry<String, MessageAttributeValue> attribute : existing.entrySet()) {
			bytes += MessagePropagation.attributeBytes(attribute.getKey(), attribute.getValue().dataType(),
					attribute.getValue().stringValue());
			if (attribute.getValue().binaryValue() != null) {
				bytes += attribute.getValue().binaryValue().asByteArrayUnsafe().length;
			}
		}
		return this.propagation.fits(existing.size(), bytes, added, what, executionAttributes);
	}

	private static Map<String, MessageAttributeValue> withStrings(Map<String, MessageAttributeValue> existing,
			Map<String, String> added) {
		Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>(existing);
		added.forEach((name, value) -> attributes.put(name,
				MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
		return attributes;
	}

	static String topicName(String topicArn) {
		if (topicArn == null) {
			return "unknown";
		}
		int colon = topicArn.lastIndexOf(':');
		return (colon >= 0) ? topicArn.substring(colon + 1) : topicArn;
	}

}
