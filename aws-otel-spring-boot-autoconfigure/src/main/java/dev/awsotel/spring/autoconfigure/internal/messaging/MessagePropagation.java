/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.awsotel.spring.autoconfigure.internal.registry.ClientFigures;
import dev.awsotel.spring.autoconfigure.internal.semconv.SemanticConventions;
import dev.awsotel.spring.autoconfigure.internal.trace.ThreadDetails;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import io.opentelemetry.instrumentation.api.config.IncludeExclude;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;

/**
 * Carries trace context in messages: what to add to a message being sent, whether it
 * fits, the per-message spans of a batch, and the producer's context of a received
 * message. Shared by SQS and SNS.
 * <p>
 * Context travels twice, so that every consumer users run can continue it: in message
 * attributes through the application's propagators (W3C {@code traceparent} and
 * {@code tracestate}, baggage when configured; what the Node instrumentation reads), and
 * in the X-Ray trace header (what the OpenTelemetry Java agent reads by default).
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public class MessagePropagation {

	/** The most message attributes SQS and SNS accept on one message. */
	public static final int MAX_MESSAGE_ATTRIBUTES = 10;

	/** The largest message SQS and SNS accept everywhere: body and attributes. */
	public static final int MAX_MESSAGE_BYTES = 256 * 1024;

	static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");

	static final AttributeKey<String> MESSAGING_DESTINATION = AttributeKey.stringKey("messaging.destination.name");

	static final AttributeKey<String> MESSAGING_MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

	/**
	 * The experimental attribute OpenTelemetry's AWS SDK instrumentation names itself in.
	 */
	static final AttributeKey<String> AWS_AGENT = AttributeKey.stringKey("aws.agent");

	static final String AWS_AGENT_VALUE = "java-aws-sdk";

	static final AttributeKey<String> BATCH_ENTRY_ID = AttributeKey.stringKey("aws.batch.entry_id");

	static final AttributeKey<Long> MESSAGING_BATCH_MESSAGE_COUNT = AttributeKey
		.longKey("messaging.batch.message_count");

	/** The data type of the attributes that carry context. */
	static final String STRING = "String";

	private static final Log logger = LogFactory.getLog(MessagePropagation.class);

	// The X-Ray header as AwsXrayPropagator writes it: "Root=1-" 8 "-" 24 ";Parent=" 16
	// ";Sampled=" 1, a lineage from the baggage, and no more than 256 characters.
	private static final int XRAY_HEADER_LENGTH = 7 + 8 + 1 + 24 + 8 + 16 + 9 + 1;

	private static final int XRAY_MAX_HEADER_LENGTH = 256;

	private static final String XRAY_LINEAGE = "Lineage";

	private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public String get(Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private final TextMapPropagator propagator;

	// The propagators' fields, read once: looked up in every message received.
	private final String[] fieldNames;

	private final Tracer tracer;

	private final ProcessSpanParent processSpanParent;

	private volatile @Nullable SpanName lastProcessSpanName;

	private final SemanticConventions conventions;

	private final boolean experimentalSpanAttributes;

	private final IncludeExclude headers;

	private final ProcessingMetrics metrics;

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicBoolean skipLogged = new AtomicBoolean();

	/**
	 * Creates a propagation on the application's OpenTelemetry.
	 * @param openTelemetry the application's OpenTelemetry, whose propagators are used
	 * @param processSpanParent what process spans are children of
	 */
	public MessagePropagation(OpenTelemetry openTelemetry, ProcessSpanParent processSpanParent) {
		this(openTelemetry, processSpanParent, SemanticConventions.ofLibrary(), false, null);
	}

	/**
	 * Creates a propagation on the application's OpenTelemetry that records message
	 * attributes on process spans.
	 * @param openTelemetry the application's OpenTelemetry, whose propagators are used
	 * @param processSpanParent what process spans are children of
	 * @param headers the message attributes to record as {@code messaging.header.*}, or
	 * {@code null} (or empty) for none
	 */
	public MessagePropagation(OpenTelemetry openTelemetry, ProcessSpanParent processSpanParent,
			IncludeExclude headers) {
		this(openTelemetry, processSpanParent, SemanticConventions.ofLibrary(), false, headers);
	}

	/**
	 * Creates a propagation on the application's OpenTelemetry whose spans follow the
	 * given semantic conventions.
	 * @param openTelemetry the application's OpenTelemetry, whose propagators are used
	 * @param processSpanParent what process spans are children of
	 * @param conventions the conventions of the spans' names and attributes
	 * @param experimentalSpanAttributes whether process spans carry the experimental
	 * attributes of OpenTelemetry's AWS SDK instrumentation ({@code aws.agent}), as its
	 * own process spans do
	 * @param headers the message attributes to record as {@code messaging.header.*}, or
	 * {@code null} (or empty) for none
	 */
	public MessagePropagation(OpenTelemetry openTelemetry, ProcessSpanParent processSpanParent,
			SemanticConventions conventions, boolean experimentalSpanAttributes, IncludeExclude headers) {
		this(openTelemetry, processSpanParent, conventions, experimentalSpanAttributes, headers, null);
	}

	/**
	 * Creates a propagation on the application's OpenTelemetry whose spans follow the
	 * given semantic conventions and whose process spans record consumer metrics.
	 * @param openTelemetry the application's OpenTelemetry, whose propagators are used
	 * @param processSpanParent what process spans are children of
	 * @param conventions the conventions of the spans' names and attributes
	 * @param experimentalSpanAttributes whether process spans carry the experimental
	 * attributes of OpenTelemetry's AWS SDK instrumentation ({@code aws.agent}), as its
	 * own process spans do
	 * @param headers the message attributes to record as {@code messaging.header.*}, or
	 * {@code null} (or empty) for none
	 * @param metrics the consumer metrics process spans record, or {@code null} for none
	 */
	public MessagePropagation(OpenTelemetry openTelemetry, ProcessSpanParent processSpanParent,
			SemanticConventions conventions, boolean experimentalSpanAttributes, IncludeExclude headers,
			ProcessingMetrics metrics) {
		this.metrics = metrics;
		this.conventions = conventions;
		this.experimentalSpanAttributes = experimentalSpanAttributes;
		this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
		this.fieldNames = this.propagator.fields().toArray(new String[0]);
		this.tracer = openTelemetry.getTracer("dev.awsotel.aws-sdk-messaging");
		this.processSpanParent = processSpanParent;
		// As OpenTelemetry's messaging attributes: an empty selector records nothing.
		this.headers = (headers != null && !headers.isEmpty()) ? headers : null;
	}

	/**
	 * Returns the semantic conventions the spans follow.
	 * @return the conventions
	 */
	SemanticConventions conventions() {
		return this.conventions;
	}

	/**
	 * Returns the message attribute names the application's propagators use.
	 * @return the names, for example {@code traceparent} and {@code tracestate}
	 */
	public Collection<String> fields() {
		return this.propagator.fields();
	}

	/**
	 * Returns the message attribute names the application's propagators use, as
	 * {@link #fields()} does, in an array made once.
	 * @return the names; not to be changed
	 */
	String[] fieldNames() {
		return this.fieldNames;
	}

	/**
	 * Returns the attributes that carry {@code context}.
	 * @param context the producer's context
	 * @return attribute names and values, in the propagators' order
	 */
	Map<String, String> attributesFor(Context context) {
		Map<String, String> carrier = new LinkedHashMap<>();
		this.propagator.inject(context, carrier, Map::put);
		return carrier;
	}

	/**
	 * Adds the attributes that carry {@code context} to a carrier, through the
	 * application's propagators: what {@link #attributesFor(Context)} returns, without
	 * the map.
	 * @param <C> the carrier type
	 * @param context the producer's context
	 * @param carrier where the attributes go
	 * @param setter how they are set on it
	 */
	<C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
		this.propagator.inject(context, carrier, setter);
	}

	/**
	 * Returns the X-Ray trace header that carries {@code context}: what
	 * {@link AwsXrayPropagator} injects as {@code X-Amzn-Trace-Id}, written directly. The
	 * propagator would also copy the context to inject its baggage, which the message's
	 * header does not carry, into a map made for the call: on every message sent, that
	 * was most of what the header cost.
	 * @param context the producer's context
	 * @return the header value, or {@code null} if the context has no valid span
	 */
	String xrayHeaderFor(Context context) {
		SpanContext spanContext = Span.fromContext(context).getSpanContext();
		if (!spanContext.isValid()) {
			return null;
		}
		String traceId = spanContext.getTraceId();
		String lineage = Baggage.fromContext(context).getEntryValue(XRAY_LINEAGE);
		StringBuilder header = new StringBuilder(
				XRAY_HEADER_LENGTH + ((lineage != null) ? XRAY_LINEAGE.length() + 2 + lineage.length() : 0))
			.append("Root=1-")
			.append(traceId, 0, 8)
			.append('-')
			.append(traceId, 8, traceId.length())
			.append(";Parent=")
			.append(spanContext.getSpanId())
			.append(";Sampled=")
			.append(spanContext.isSampled() ? '1' : '0');
		if (lineage != null) {
			header.append(';').append(XRAY_LINEAGE).append('=').append(lineage);
		}
		// The propagator's bound on the header.
		return (header.length() > XRAY_MAX_HEADER_LENGTH) ? header.substring(0, XRAY_MAX_HEADER_LENGTH)
				: header.toString();
	}

	/**
	 * Returns whether {@code added} attributes fit a message beside what it has, and
	 * counts (and logs once) a message they do not fit. Never breaks a send: a message
	 * that is full is sent exactly as the application made it.
	 * @param existingCount the message's attribute count
	 * @param existingBytes the message's size: body and attributes
	 * @param added the attributes to add
	 * @param what the call, for the log
	 * @param executionAttributes the call's attributes, where the client's figures are
	 * @return whether to add them
	 */
	boolean fits(int existingCount, long existingBytes, Map<String, String> added, String what,
			ExecutionAttributes executionAttributes) {
		long addedBytes = 0;
		for (Map.Entry<String, String> attribute : added.entrySet()) {
			addedBytes += attributeBytes(attribute.getKey(), STRING, attribute.getValue());
		}
		return fits(existingCount, existingBytes, added.size(), addedBytes, what, executionAttributes);
	}

	/**
	 * Returns whether attributes to add fit a message beside what it has, as
	 * {@link #fits(int, long, Map, String, ExecutionAttributes)} does, given their count
	 * and size.
	 * @param existingCount the message's attribute count
	 * @param existingBytes the message's size: body and attributes
	 * @param addedCount how many attributes would be added
	 * @param addedBytes their size: names, data types and values
	 * @param what the call, for the log
	 * @param executionAttributes the call's attributes, where the client's figures are
	 * @return whether to add them
	 */
	boolean fits(int existingCount, long existingBytes, int addedCount, long addedBytes, String what,
			ExecutionAttributes executionAttributes) {
		if (existingCount + addedCount <= MAX_MESSAGE_ATTRIBUTES && existingBytes + addedBytes <= MAX_MESSAGE_BYTES) {
			return true;
		}
		this.skipped.incrementAndGet();
		ClientFigures figures = executionAttributes.getAttribute(ClientFigures.ATTRIBUTE);
		if (figures != null) {
			figures.propagationSkipped();
		}
		if (logger.isDebugEnabled() && this.skipLogged.compareAndSet(false, true)) {
			logger.debug("Trace context not added to a message of " + what + ": it has " + existingCount
					+ " attributes and " + existingBytes + " bytes, and " + addedCount
					+ " more would pass the limit of " + MAX_MESSAGE_ATTRIBUTES + " attributes or " + MAX_MESSAGE_BYTES
					+ " bytes. The message is sent as the application made it; later skips are" + " only counted.");
		}
		return false;
	}

	/**
	 * Returns {@code attributes} with the propagators' fields as they are in
	 * {@code original}: present with the same value, or absent.
	 * @param <V> the attribute value type
	 * @param attributes the message's attributes now
	 * @param original the attributes the application gave the message
	 * @return {@code attributes} itself when nothing differs, otherwise a copy
	 */
	<V> Map<String, V> asApplicationSet(Map<String, V> attributes, Map<String, V> original) {
		Map<String, V> restored = null;
		for (String field : this.propagator.fields()) {
			V value = original.get(field);
			if (!java.util.Objects.equals(attributes.get(field), value)) {
				if (restored == null) {
					restored = new LinkedHashMap<>(attributes);
				}
				if (value != null) {
					restored.put(field, value);
				}
				else {
					restored.remove(field);
				}
			}
		}
		return (restored != null) ? restored : attributes;
	}

	/**
	 * Returns how many messages were sent without trace context attributes because they
	 * would not fit.
	 * @return the count since start
	 */
	public long skippedMessages() {
		return this.skipped.get();
	}

	/**
	 * Starts and ends the span of one message of a batch, child of the batch call's span,
	 * so that each message carries a producer context of its own.
	 * @param batchContext the batch call's context
	 * @param system the messaging system, for example {@code aws_sqs}
	 * @param destination the queue or topic name
	 * @param entryId the batch entry id
	 * @return the context to send with that message
	 */
	Context messageContext(Context batchContext, String system, String destination, String entryId) {
		return messageContext(batchContext, system, destination, messageSpanName(destination), entryId);
	}

	/**
	 * Returns the name of the span of one message of a batch sent to a destination.
	 * @param destination the queue or topic name
	 * @return the span name, the same for every message of the batch
	 */
	String messageSpanName(String destination) {
		return this.conventions.messagingSpanName("create", destination);
	}

	/**
	 * Starts and ends the span of one message of a batch, as
	 * {@link #messageContext(Context, String, String, String)} does, with its name made
	 * once for the batch.
	 * @param batchContext the batch call's context
	 * @param system the messaging system, for example {@code aws_sqs}
	 * @param destination the queue or topic name
	 * @param spanName the span's name, from {@link #messageSpanName(String)}
	 * @param entryId the batch entry id
	 * @return the context to send with that message
	 */
	Context messageContext(Context batchContext, String system, String destination, String spanName, String entryId) {
		Span span = ThreadDetails.add(this.conventions.messagingOperation(this.tracer.spanBuilder(spanName), "create"))
			.setParent(batchContext)
			.setSpanKind(SpanKind.PRODUCER)
			.setAttribute(MESSAGING_SYSTEM, system)
			.setAttribute(MESSAGING_DESTINATION, destination)
			.setAttribute(BATCH_ENTRY_ID, entryId)
			.startSpan();
		span.end();
		return batchContext.with(span);
	}

	/**
	 * Returns the producer's context a message carries, from its attributes first, then
	 * its X-Ray trace header. A missing, malformed or foreign header yields {@code null}:
	 * the message is processed in a new trace.
	 * @param attributes the message's string attributes
	 * @param xrayHeader the message's {@code AWSTraceHeader}, or {@code null}
	 * @return the producer's context, or {@code null}
	 */
	Context producerContext(Map<String, String> attributes, String xrayHeader) {
		return producerContext(attributes, MAP_GETTER, xrayHeader);
	}

	/**
	 * Returns the producer's context a message carries, read from its attributes as they
	 * are (no copy), then from its X-Ray trace header.
	 * @param <C> the type of the attributes
	 * @param attributes the message's attributes
	 * @param getter reads the string value of an attribute, {@code null} for none
	 * @param xrayHeader the message's {@code AWSTraceHeader}, or {@code null}
	 * @return the producer's context, or {@code null}
	 * @see #producerContext(Map, String)
	 */
	<C> Context producerContext(C attributes, TextMapGetter<C> getter, String xrayHeader) {
		try {
			Context extracted = this.propagator.extract(Context.root(), attributes, getter);
			if (Span.fromContext(extracted).getSpanContext().isValid()) {
				return extracted;
			}
			if (xrayHeader != null) {
				Context fromXray = AwsXrayPropagator.getInstance()
					.extract(Context.root(), Map.of("X-Amzn-Trace-Id", xrayHeader), MAP_GETTER);
				if (Span.fromContext(fromXray).getSpanContext().isValid()) {
					return fromXray;
				}
			}
		}
		catch (RuntimeException ex) {
			// Not the exception itself: its message may quote what the message carried.
			logger.debug("Could not read the trace context of a received message (" + ex.getClass().getName()
					+ "): it is processed in a new trace");
		}
		return null;
	}

	/**
	 * Starts the process span of a received message and returns the context to handle the
	 * message in: the span, with the producer's baggage.
	 * @param producer the producer's context, or {@code null}
	 * @param receive the receive call's context, or {@code null}
	 * @param system the messaging system
	 * @param destination the queue name
	 * @param messageId the message id
	 * @param messageAttributes the message's string attributes
	 * @return the context holding the started span
	 */
	Context startProcessing(Context producer, Context receive, String system, String destination, String messageId,
			Map<String, String> messageAttributes) {
		return startProcessing(producer, receive, Context.current(), system, destination, messageId, messageAttributes,
				Attributes.empty());
	}

	/**
	 * Starts the process span of a message received by a traced receive call, with that
	 * call's RPC and HTTP attributes (as OpenTelemetry's AWS SDK instrumentation gives
	 * its process spans), and returns the context to handle the message in.
	 * @param producer the producer's context, or {@code null}
	 * @param receive the receive call's context, or {@code null}
	 * @param caller the context the application received the message in (the receive
	 * call's parent)
	 * @param system the messaging system
	 * @param destination the queue name
	 * @param messageId the message id
	 * @param messageAttributes the message's string attributes
	 * @param receiveCall the receive call's attributes
	 * @return the context holding the started span
	 */
	Context startProcessing(Context producer, Context receive, Context caller, String system, String destination,
			String messageId, Map<String, String> messageAttributes, Attributes receiveCall) {
		io.opentelemetry.api.trace.SpanBuilder builder = processSpan(destination).setAllAttributes(receiveCall)
			.setSpanKind(SpanKind.CONSUMER)
			.setAttribute(MESSAGING_SYSTEM, system)
			.setAttribute(MESSAGING_DESTINATION, destination)
			.setAttribute(MESSAGING_MESSAGE_ID, messageId);
		ThreadDetails.add(builder);
		if (this.experimentalSpanAttributes) {
			builder.setAttribute(AWS_AGENT, AWS_AGENT_VALUE);
		}
		if (this.headers != null) {
			headerAttributes(List.of(messageAttributes)).forEach(builder::setAttribute);
		}
		SpanContext producerSpan = (producer != null) ? Span.fromContext(producer).getSpanContext()
				: SpanContext.getInvalid();
		if (this.processSpanParent == ProcessSpanParent.RECEIVE) {
			builder.setParent((receive != null) ? receive : Context.root());
			if (producerSpan.isValid()) {
				builder.addLink(producerSpan);
			}
		}
		else if (this.processSpanParent == ProcessSpanParent.CALLER
				&& Span.fromContext(caller).getSpanContext().isValid()) {
			builder.setParent(caller);
			if (producerSpan.isValid()) {
				builder.addLink(producerSpan);
			}
		}
		else {
			// With 'caller' too when the application received outside any span, as
			// OpenTelemetry's instrumentation does then.
			builder.setParent((producer != null) ? producer : Context.root());
			// The new messaging conventions link the producer even when it is the parent.
			if (producerSpan.isValid() && this.conventions.linksProducerAlways()) {
				builder.addLink(producerSpan);
			}
		}
		Span span = builder.startSpan();
		if (this.metrics != null) {
			this.metrics.started(span, system, destination, receiveCall, 1);
		}
		Context base = Context.current();
		// The producer's baggage travels with its trace context (none replaces the
		// caller's; when neither has any, the handler sees none either way).
		if (producer != null
				&& (Baggage.fromContextOrNull(producer) != null || Baggage.fromContextOrNull(base) != null)) {
			base = base.with(Baggage.fromContext(producer));
		}
		return base.with(span);
	}

	/**
	 * Starts the one process span of messages an application handles together (a batch
	 * listener), as the messaging semantic conventions have it: child of the current
	 * context, linked to each message's producer (a span has one parent; the messages of
	 * a batch may come from as many traces). A link carries the message's id. No
	 * producer's baggage is taken: the messages may carry different ones.
	 * @param producers each message's producer context, {@code null} where it carried
	 * none
	 * @param messageIds each message's id, in the same order
	 * @param messageAttributes each message's string attributes, in the same order
	 * @param system the messaging system
	 * @param destination the queue name
	 * @return the context holding the started span
	 */
	Context startBatchProcessing(List<Context> producers, List<String> messageIds,
			List<Map<String, String>> messageAttributes, String system, String destination) {
		io.opentelemetry.api.trace.SpanBuilder builder = processSpan(destination).setSpanKind(SpanKind.CONSUMER)
			.setParent(Context.current())
			.setAttribute(MESSAGING_SYSTEM, system)
			.setAttribute(MESSAGING_DESTINATION, destination)
			.setAttribute(MESSAGING_BATCH_MESSAGE_COUNT, (long) messageIds.size());
		ThreadDetails.add(builder);
		if (this.experimentalSpanAttributes) {
			builder.setAttribute(AWS_AGENT, AWS_AGENT_VALUE);
		}
		if (this.headers != null) {
			headerAttributes(messageAttributes).forEach(builder::setAttribute);
		}
		for (int i = 0; i < producers.size(); i++) {
			Context producer = producers.get(i);
			SpanContext producerSpan = (producer != null) ? Span.fromContext(producer).getSpanContext()
					: SpanContext.getInvalid();
			if (producerSpan.isValid()) {
				String messageId = messageIds.get(i);
				builder.addLink(producerSpan,
						(messageId != null) ? Attributes.of(MESSAGING_MESSAGE_ID, messageId) : Attributes.empty());
			}
		}
		Span span = builder.startSpan();
		if (this.metrics != null) {
			this.metrics.started(span, system, destination, Attributes.empty(), messageIds.size());
		}
		return Context.current().with(span);
	}

	private io.opentelemetry.api.trace.SpanBuilder processSpan(String destination) {
		return this.conventions.messagingOperation(this.tracer.spanBuilder(processSpanName(destination)), "process");
	}

	// A consumer receives from one queue, or a few, message after message: the name of
	// the last queue's process spans is kept rather than made again for each message.
	private String processSpanName(String destination) {
		SpanName last = this.lastProcessSpanName;
		if (last != null && last.destination().equals(destination)) {
			return last.name();
		}
		String name = this.conventions.messagingSpanName("process", destination);
		this.lastProcessSpanName = new SpanName(destination, name);
		return name;
	}

	/**
	 * Marks a process span failed: status {@code ERROR}, the exception as an event, and
	 * what the semantic conventions in force add.
	 * @param span the process span
	 * @param failure what the handling threw
	 */
	public void processingFailed(Span span, Throwable failure) {
		span.recordException(failure);
		span.setStatus(StatusCode.ERROR);
		this.conventions.messagingFailed(span, failure);
		if (this.metrics != null) {
			this.metrics.failed(span, failure);
		}
	}

	/**
	 * Ends a process span, recording the consumer metrics of its handling.
	 * @param span the process span
	 */
	public void processingEnded(Span span) {
		if (this.metrics != null) {
			this.metrics.ended(span);
		}
		span.end();
	}

	/**
	 * Returns whether message attributes are recorded on process spans.
	 * @return whether {@link #headerAttributes} can return any
	 */
	boolean recordsHeaders() {
		return this.headers != null;
	}

	/**
	 * Returns the {@code messaging.header.<name>} attributes of the selected message
	 * attributes, as OpenTelemetry's messaging attributes name them (dashes as
	 * underscores) and type them (a string array): one value per message that carries the
	 * attribute, in the messages' order.
	 * @param messageAttributes each message's string attributes
	 * @return the span attributes, in the order first seen
	 */
	Map<AttributeKey<List<String>>, List<String>> headerAttributes(List<Map<String, String>> messageAttributes) {
		Map<AttributeKey<List<String>>, List<String>> attributes = new LinkedHashMap<>();
		if (this.headers == null) {
			return attributes;
		}
		for (Map<String, String> message : messageAttributes) {
			message.forEach((name, value) -> {
				if (value != null && this.headers.matches(name)) {
					attributes
						.computeIfAbsent(AttributeKey.stringArrayKey("messaging.header." + name.replace('-', '_')),
								(key) -> new ArrayList<>())
						.add(value);
				}
			});
		}
		return attributes;
	}

	static long attributeBytes(String name, String dataType, String value) {
		return utf8Length(name) + utf8Length(dataType) + utf8Length(value);
	}

	/**
	 * Returns the length of a string in UTF-8, as {@code value.getBytes(UTF_8).length}
	 * gives it, without encoding it: a message body may be 256 KiB.
	 * @param value the string, or {@code null}
	 * @return its length in bytes, 0 for {@code null}
	 */
	static long utf8Length(String value) {
		if (value == null) {
			return 0;
		}
		int length = value.length();
		long bytes = length;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				continue;
			}
			if (c < 0x800) {
				bytes += 1;
			}
			else if (Character.isSurrogate(c)) {
				// A pair is 4 bytes for 2 chars; a lone surrogate is encoded as '?'.
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
					bytes += 2;
					i++;
				}
			}
			else {
				bytes += 2;
			}
		}
		return bytes;
	}

	private record SpanName(String destination, String name) {
	}

}
