/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.awsotel.spring.autoconfigure.internal.semconv.AttributeKeys;
import dev.awsotel.spring.autoconfigure.internal.trace.AwsTracingInterceptor;
import dev.awsotel.spring.autoconfigure.internal.trace.TracingExtension;
import dev.awsotel.spring.autoconfigure.internal.trace.UpstreamSpans;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Trace context across SQS, as an extension of the tracing interceptor: injected into
 * each message sent (one producer context per batch entry), asked for on receive, and
 * continued in a process span per received message while the application handles it
 * (handed over by {@link SqsReceiveHandover}). With propagation off it undoes what the
 * upstream library would add, so that no attribute is added or requested.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class SqsMessagePropagation implements TracingExtension {

	static final String SYSTEM = "aws_sqs";

	private static final String TRACE_HEADER = MessageSystemAttributeName.AWS_TRACE_HEADER.toString();

	private static final Log logger = LogFactory.getLog(SqsMessagePropagation.class);

	private static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");

	private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	// Part of each execution attribute's name: the SDK refuses two attributes of one name
	// in a JVM, and this class is defined again, beside the SDK, by each restart class
	// loader that loads the starter (DevTools with the starter in the workspace) or by a
	// second application in the same server.
	private static final String DEFINITION = "@"
			+ Integer.toHexString(System.identityHashCode(SqsMessagePropagation.class));

	private static final ExecutionAttribute<Context> RECEIVE_CONTEXT = new ExecutionAttribute<>(
			SqsMessagePropagation.class.getName() + ".ReceiveContext" + DEFINITION);

	private static final ExecutionAttribute<SqsReceiveHandover.ReceivedMessages> RECEIVED = new ExecutionAttribute<>(
			SqsMessagePropagation.class.getName() + ".Received" + DEFINITION);

	// The string values of a message's attributes (String and Number types), as the
	// propagators read them; a binary attribute has none.
	private static final TextMapGetter<Map<String, MessageAttributeValue>> STRING_VALUES = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, MessageAttributeValue> carrier) {
			return carrier.keySet();
		}

		@Override
		public @Nullable String get(@Nullable Map<String, MessageAttributeValue> carrier, String key) {
			MessageAttributeValue value = (carrier != null) ? carrier.get(key) : null;
			return (value != null) ? value.stringValue() : null;
		}

	};

	private final MessagePropagation propagation;

	private final boolean enabled;

	/**
	 * Creates the SQS extension.
	 * @param propagation how context is carried, or {@code null} when propagation is off
	 */
	public SqsMessagePropagation(MessagePropagation propagation) {
		this(propagation, propagation != null);
	}

	/**
	 * Creates the SQS extension, on or off.
	 * @param propagation how context is carried; with propagation off, only the
	 * propagators' fields are read from it, to take off what the upstream library adds
	 * @param enabled whether context is carried
	 */
	public SqsMessagePropagation(MessagePropagation propagation, boolean enabled) {
		this.propagation = propagation;
		this.enabled = enabled && propagation != null;
	}

	@Override
	public SdkRequest modifyRequest(software.amazon.awssdk.core.interceptor.Context.ModifyRequest context,
			ExecutionAttributes executionAttributes) {
		SdkRequest request = context.request();
		SdkRequest original = UpstreamSpans.originalRequest(executionAttributes);
		if (!this.enabled) {
			// The upstream library asks for AWSTraceHeader on every receive: give SQS the
			// request exactly as the application made it. When it uses the propagators
			// for messaging it injects them on send too: their fields go back to what the
			// application set.
			if (request instanceof ReceiveMessageRequest && original instanceof ReceiveMessageRequest) {
				return original;
			}
			if (this.propagation != null && request instanceof SendMessageRequest send) {
				return asApplicationSent(send, original);
			}
			if (this.propagation != null && request instanceof SendMessageBatchRequest batch) {
				return asApplicationSent(batch, original);
			}
			return request;
		}
		if (request instanceof SendMessageRequest send) {
			send = asApplicationSent(send, original);
			Context callContext = UpstreamSpans.context(executionAttributes);
			return (callContext != null) ? inject(send, callContext, executionAttributes) : send;
		}
		if (request instanceof SendMessageBatchRequest batch) {
			batch = asApplicationSent(batch, original);
			Context callContext = UpstreamSpans.context(executionAttributes);
			return (callContext != null) ? inject(batch, callContext, executionAttributes) : batch;
		}
		if (request instanceof ReceiveMessageRequest receive) {
			SqsReceiveHandover.ReceivedMessages received = SqsReceiveHandover.ReceivedMessages.current();
			if (received != null) {
				executionAttributes.putAttribute(RECEIVED, received);
			}
			return askForContext(receive);
		}
		return request;
	}

	@Override
	public boolean withholdsXrayHeader(SdkRequest request) {
		// SQS turns the X-Ray HTTP header of a send into the message's AWSTraceHeader.
		return !this.enabled && (request instanceof SendMessageRequest || request instanceof SendMessageBatchRequest);
	}

	@Override
	public SdkResponse modifyResponse(software.amazon.awssdk.core.interceptor.Context.ModifyResponse context,
			ExecutionAttributes executionAttributes) {
		if (this.enabled && context.response() instanceof ReceiveMessageResponse) {
			Context receive = UpstreamSpans.context(executionAttributes);
			if (receive != null) {
				executionAttributes.putAttribute(RECEIVE_CONTEXT, receive);
			}
		}
		return context.response();
	}

	@Override
	public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
			ExecutionAttributes executionAttributes) {
		SqsReceiveHandover.ReceivedMessages received = executionAttributes.getAttribute(RECEIVED);
		if (!this.enabled || received == null || !(context.response() instanceof ReceiveMessageResponse response)
				|| response.messages().isEmpty() || !(context.request() instanceof ReceiveMessageRequest request)) {
			return;
		}
		String queue = queueName(request.queueUrl());
		Context receive = executionAttributes.getAttribute(RECEIVE_CONTEXT);
		Attributes receiveCall = receiveCallAttributes(context, executionAttributes);
		received.set(new ProcessingMessages<>(response.messages(),
				(message) -> startProcessing(message, receive, received.caller(), queue, receiveCall),
				this.propagation::processingFailed, this.propagation::processingEnded));
	}

	/**
	 * Returns the RPC and HTTP attributes of the receive call, which OpenTelemetry's AWS
	 * SDK instrumentation (and so the Java agent) puts on each process span as well, and
	 * its region ({@code aws.region} and {@code cloud.region}, as on the starter's call
	 * spans). Made once per receive call and given to each process span as it starts: set
	 * on each span after its start, the region took two keys made anew and two writes
	 * under the span's lock per message.
	 * @param context the receive call's context after execution
	 * @param executionAttributes the receive call's execution attributes
	 * @return the attributes to copy onto each process span
	 */
	private Attributes receiveCallAttributes(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
			ExecutionAttributes executionAttributes) {
		// The RPC keys of the conventions in force, as on the receive call's own span.
		AttributesBuilder attributes = this.propagation.conventions()
			.rpcAttributes(Attributes.builder(), executionAttributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
					executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
		SdkHttpRequest http = context.httpRequest();
		if (http != null) {
			attributes.put(HTTP_REQUEST_METHOD, http.method().name())
				.put(AttributeKeys.SERVER_ADDRESS, http.host())
				.put(AttributeKeys.SERVER_PORT, (long) http.port())
				.put(URL_FULL, http.getUri().toString());
		}
		if (context.httpResponse() != null) {
			attributes.put(AttributeKeys.HTTP_RESPONSE_STATUS_CODE, (long) context.httpResponse().statusCode());
		}
		Region region = executionAttributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
		if (region != null) {
			attributes.put(AttributeKeys.AWS_REGION, region.id()).put(AwsTracingInterceptor.CLOUD_REGION, region.id());
		}
		return attributes.build();
	}

	/**
	 * Starts the process span of a message that a framework received and hands to the
	 * application itself (Spring Cloud AWS's listener containers), child of the
	 * producer's context the message carries. With
	 * {@code otel.aws.sqs.process-span-parent=receive} the span starts a trace of its
	 * own, linked to the producer: the framework's receive call is not known here; with
	 * {@code caller} it is the child of the current context, linked to the producer (the
	 * producer's child when no span is current).
	 * @param message the received message
	 * @param queue the queue's name, or {@code null}
	 * @return the context holding the started span, to handle the message in, or
	 * {@code null} when propagation is off and no span was started
	 */
	public Context startProcessing(Message message, String queue) {
		if (!this.enabled) {
			return null;
		}
		return startProcessing(message, null, Context.current(), (queue != null) ? queue : "unknown",
				Attributes.empty());
	}

	/**
	 * Starts the one process span of messages a framework hands to the application
	 * together (a Spring Cloud AWS batch listener): child of the current context, linked
	 * to the producer each message carries.
	 * @param messages the received messages
	 * @param queue the queue's name, or {@code null}
	 * @return the context holding the started span, to handle the messages in, or
	 * {@code null} when propagation is off and no span was started
	 */
	public Context startBatchProcessing(List<Message> messages, String queue) {
		if (!this.enabled) {
			return null;
		}
		List<Context> producers = new ArrayList<>(messages.size());
		List<String> ids = new ArrayList<>(messages.size());
		List<Map<String, String>> attributes = new ArrayList<>(messages.size());
		for (Message message : messages) {
			producers.add(producerContext(message));
			ids.add(message.messageId());
			attributes.add(headerValues(message));
		}
		return this.propagation.startBatchProcessing(producers, ids, attributes, SYSTEM,
				(queue != null) ? queue : "unknown");
	}

	/**
	 * Marks a process span that {@link #startProcessing(Message, String)} or
	 * {@link #startBatchProcessing(List, String)} started as failed.
	 * @param span the process span
	 * @param failure what the handling threw
	 */
	public void processingFailed(Span span, Throwable failure) {
		if (this.enabled) {
			this.propagation.processingFailed(span, failure);
		}
	}

	/**
	 * Ends a process span that {@link #startProcessing(Message, String)} or
	 * {@link #startBatchProcessing(List, String)} started, recording its consumer
	 * metrics.
	 * @param span the process span
	 */
	public void processingEnded(Span span) {
		if (this.enabled) {
			this.propagation.processingEnded(span);
		}
		else {
			span.end();
		}
	}

	private Context startProcessing(Message message, Context receive, Context caller, String queue,
			Attributes receiveCall) {
		Context producer = producerContext(message);
		return this.propagation.startProcessing(producer, receive, caller, SYSTEM, queue, message.messageId(),
				headerValues(message), receiveCall);
	}

	private SendMessageRequest inject(SendMessageRequest send, Context context,
			ExecutionAttributes executionAttributes) {
		// The message's producer is the call itself, whose X-Ray header the HTTP request
		// carries (OpenTelemetry's interceptor adds it, as the agent's does): SQS turns
		// it into the message's AWSTraceHeader, so the message needs no system attribute
		// of its own, nor the SDK its MD5.
		Map<String, MessageAttributeValue> attributes = withContext(send.messageAttributes(), send.messageBody(),
				context, "SendMessage", executionAttributes);
		return (attributes != null) ? send.toBuilder().messageAttributes(attributes).build() : send;
	}

	private SendMessageBatchRequest inject(SendMessageBatchRequest batch, Context batchContext,
			ExecutionAttributes executionAttributes) {
		String queue = queueName(batch.queueUrl());
		String spanName = this.propagation.messageSpanName(queue);
		List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.entries().size());
		for (SendMessageBatchRequestEntry entry : batch.entries()) {
			Context context = this.propagation.messageContext(batchContext, SYSTEM, queue, spanName, entry.id());
			Map<String, MessageAttributeValue> attributes = withContext(entry.messageAttributes(), entry.messageBody(),
					context, "SendMessageBatch", executionAttributes);
			Map<String, MessageSystemAttributeValue> systemAttributes = withTraceHeader(
					entry.messageSystemAttributesAsStrings(), context);
			if (attributes != null || systemAttributes != null) {
				SendMessageBatchRequestEntry.Builder builder = entry.toBuilder();
				if (attributes != null) {
					builder.messageAttributes(attributes);
				}
				if (systemAttributes != null) {
					builder.messageSystemAttributesWithStrings(systemAttributes);
				}
				entry = builder.build();
			}
			entries.add(entry);
		}
		return batch.toBuilder().entries(entries).build();
	}

	/**
	 * Returns a message's attributes with those that carry {@code context}, or
	 * {@code null} when they stay as they are: nothing to add, or the message has no room
	 * for it (counted and logged once).
	 * @param existing the message's attributes
	 * @param body the message's body
	 * @param context the producer's context
	 * @param what the call, for the log
	 * @param executionAttributes the call's attributes
	 * @return the attributes to send, or {@code null}
	 */
	private Map<String, MessageAttributeValue> withContext(Map<String, MessageAttributeValue> existing, String body,
			Context context, String what, ExecutionAttributes executionAttributes) {
		ContextAttributes added = new ContextAttributes();
		this.propagation.inject(context, added, ContextAttributes.SETTER);
		if (!this.propagation.fits(existing.size(), MessagePropagation.utf8Length(body) + attributesBytes(existing),
				added.count, added.bytes, what, executionAttributes) || added.count == 0) {
			return null;
		}
		if (existing.isEmpty() && added.count == 1) {
			// The SDK copies the map it is given: the smallest will do.
			return Map.of(added.names[0], stringValue(added.values[0]));
		}
		Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>(
				(int) ((existing.size() + added.count) / 0.75f) + 1);
		attributes.putAll(existing);
		for (int i = 0; i < added.count; i++) {
			attributes.put(added.names[i], stringValue(added.values[i]));
		}
		return attributes;
	}

	/**
	 * Returns a message's system attributes with the X-Ray trace header that carries
	 * {@code context}, or {@code null} when they stay as they are: the application set
	 * the header itself, or the context has no valid span.
	 * @param existing the message's system attributes
	 * @param context the producer's context
	 * @return the system attributes to send, or {@code null}
	 */
	private Map<String, MessageSystemAttributeValue> withTraceHeader(Map<String, MessageSystemAttributeValue> existing,
			Context context) {
		if (existing.containsKey(TRACE_HEADER)) {
			return null;
		}
		String header = this.propagation.xrayHeaderFor(context);
		if (header == null) {
			return null;
		}
		MessageSystemAttributeValue value = MessageSystemAttributeValue.builder()
			.dataType(MessagePropagation.STRING)
			.stringValue(header)
			.build();
		if (existing.isEmpty()) {
			return Map.of(TRACE_HEADER, value);
		}
		Map<String, MessageSystemAttributeValue> attributes = new LinkedHashMap<>(existing);
		attributes.put(TRACE_HEADER, value);
		return attributes;
	}

	private static MessageAttributeValue stringValue(String value) {
		return MessageAttributeValue.builder().dataType(MessagePropagation.STRING).stringValue(value).build();
	}

	/**
	 * Returns the send with the propagators' fields as the application set them. When it
	 * uses the propagators for messaging, OpenTelemetry's interceptor has injected them
	 * already: with the batch's context in every entry and with no regard for the size
	 * limit. The starter injects them again, once, within the limits.
	 * @param send the send as it is about to go
	 * @param original the request the application made
	 * @return the send with the application's own attributes
	 */
	private SendMessageRequest asApplicationSent(SendMessageRequest send, SdkRequest original) {
		if (original instanceof SendMessageRequest made && made != send) {
			Map<String, MessageAttributeValue> attributes = this.propagation.asApplicationSet(send.messageAttributes(),
					made.messageAttributes());
			if (attributes != send.messageAttributes()) {
				return send.toBuilder().messageAttributes(attributes).build();
			}
		}
		return send;
	}

	private SendMessageBatchRequest asApplicationSent(SendMessageBatchRequest batch, SdkRequest original) {
		if (!(original instanceof SendMessageBatchRequest made) || made == batch
				|| made.entries().size() != batch.entries().size()) {
			return batch;
		}
		List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.entries().size());
		boolean changed = false;
		for (int i = 0; i < batch.entries().size(); i++) {
			SendMessageBatchRequestEntry entry = batch.entries().get(i);
			Map<String, MessageAttributeValue> attributes = this.propagation.asApplicationSet(entry.messageAttributes(),
					made.entries().get(i).messageAttributes());
			if (attributes != entry.messageAttributes()) {
				entry = entry.toBuilder().messageAttributes(attributes).build();
				changed = true;
			}
			entries.add(entry);
		}
		return changed ? batch.toBuilder().entries(entries).build() : batch;
	}

	private ReceiveMessageRequest askForContext(ReceiveMessageRequest receive) {
		List<String> attributeNames = new ArrayList<>(receive.messageAttributeNames());
		boolean all = attributeNames.contains("All") || attributeNames.contains(".*");
		boolean changed = false;
		if (!all) {
			for (String field : this.propagation.fields()) {
				if (!attributeNames.contains(field)) {
					attributeNames.add(field);
					changed = true;
				}
			}
		}
		List<String> systemNames = new ArrayList<>(receive.messageSystemAttributeNamesAsStrings());
		if (!systemNames.contains("All") && !systemNames.contains(TRACE_HEADER)) {
			systemNames.add(TRACE_HEADER);
			changed = true;
		}
		if (!changed) {
			return receive;
		}
		return receive.toBuilder()
			.messageAttributeNames(attributeNames)
			.messageSystemAttributeNamesWithStrings(systemNames)
			.build();
	}

	/**
	 * Returns the producer's context a message carries: in its string attributes, read
	 * where they are; for a notification SNS delivered in its JSON envelope (no string
	 * attribute of its own), in the envelope's; then in its X-Ray trace header.
	 * @param message a received message
	 * @return the producer's context, or {@code null}
	 */
	private Context producerContext(Message message) {
		String xrayHeader = message.attributesAsStrings().get(TRACE_HEADER);
		Map<String, MessageAttributeValue> attributes = message.messageAttributes();
		if (hasStringValue(attributes)) {
			return this.propagation.producerContext(attributes, STRING_VALUES, xrayHeader);
		}
		Map<String, String> envelope = new HashMap<>();
		SnsEnvelope.attributes(message.body(), envelope);
		return this.propagation.producerContext(envelope, xrayHeader);
	}

	/**
	 * Returns whether any of a message's attributes has a string value. The propagators'
	 * own fields are looked up first: a message that carries context has one, and is
	 * answered without the views and iterator that walking the attributes takes (they
	 * escape, once per message).
	 * @param attributes the message's attributes
	 * @return whether the propagators read its attributes (otherwise, an SNS envelope)
	 */
	private boolean hasStringValue(Map<String, MessageAttributeValue> attributes) {
		if (attributes.isEmpty()) {
			return false;
		}
		for (String field : this.propagation.fieldNames()) {
			MessageAttributeValue value = attributes.get(field);
			if (value != null && value.stringValue() != null) {
				return true;
			}
		}
		for (MessageAttributeValue value : attributes.values()) {
			if (value.stringValue() != null) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the message's attributes that have a string value (String and Number
	 * types), as OpenTelemetry reads them for {@code messaging.header.*}; none when no
	 * attribute is recorded.
	 * @param message a received message
	 * @return the header values to record, by attribute name
	 */
	private Map<String, String> headerValues(Message message) {
		if (!this.propagation.recordsHeaders() || message.messageAttributes().isEmpty()) {
			return Map.of();
		}
		Map<String, String> values = new LinkedHashMap<>();
		message.messageAttributes().forEach((name, value) -> {
			if (value.stringValue() != null) {
				values.put(name, value.stringValue());
			}
		});
		return values;
	}

	private static long attributesBytes(Map<String, MessageAttributeValue> attributes) {
		long bytes = 0;
		for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
			MessageAttributeValue value = attribute.getValue();
			bytes += MessagePropagation.attributeBytes(attribute.getKey(), value.dataType(), value.stringValue());
			if (value.binaryValue() != null) {
				bytes += value.binaryValue().asByteArrayUnsafe().length;
			}
		}
		return bytes;
	}

	static String queueName(String queueUrl) {
		if (queueUrl == null) {
			return "unknown";
		}
		int slash = queueUrl.lastIndexOf('/');
		return (slash >= 0) ? queueUrl.substring(slash + 1) : queueUrl;
	}

	/**
	 * The attributes the propagators set for one message, in their order, with their size
	 * as SQS counts it: a carrier with no map, read once.
	 */
	static final class ContextAttributes {

		static final TextMapSetter<ContextAttributes> SETTER = ContextAttributes::set;

		String[] names = new String[2];

		String[] values = new String[2];

		int count;

		long bytes;

		private void set(String name, String value) {
			if (name == null || value == null) {
				return;
			}
			for (int i = 0; i < this.count; i++) {
				if (this.names[i].equals(name)) {
					// Set again: the last value counts, as in a map.
					this.bytes += MessagePropagation.utf8Length(value) - MessagePropagation.utf8Length(this.values[i]);
					this.values[i] = value;
					return;
				}
			}
			if (this.count == this.names.length) {
				this.names = Arrays.copyOf(this.names, this.count * 2);
				this.values = Arrays.copyOf(this.values, this.count * 2);
			}
			this.names[this.count] = name;
			this.values[this.count] = value;
			this.count++;
			this.bytes += MessagePropagation.attributeBytes(name, MessagePropagation.STRING, value);
		}

	}

	/**
	 * Reads the attributes of a notification that SNS delivered in its JSON envelope
	 * (delivery without raw message delivery).
	 */
	static final class SnsEnvelope {

		private SnsEnvelope() {
		}

		static void attributes(String body, Map<String, String> into) {
			// A cheap look before parsing: most bodies are not SNS envelopes.
			if (body == null || !body.startsWith("{") || !body.contains("\"TopicArn\"")
					|| !body.contains("\"MessageAttributes\"")) {
				return;
			}
			try {
				JsonNode envelope = JsonNode.parser().parse(body);
				envelope.field("MessageAttributes")
					.filter(JsonNode::isObject)
					.ifPresent((attributes) -> attributes.asObject()
						.forEach((name, attribute) -> attribute.field("Value")
							.filter(JsonNode::isString)
							.ifPresent((value) -> into.put(name, value.asString()))));
			}
			catch (RuntimeException ex) {
				// Not the exception itself: a parser's message quotes the body it read.
				logger.debug("A message that looked like an SNS notification could not be read ("
						+ ex.getClass().getName() + "): it is processed in a new trace");
			}
		}

	}

}
