/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.awsotel.spring.autoconfigure.internal.registry.ClientFigures;
import dev.awsotel.spring.autoconfigure.internal.trace.TracingExtension;
import dev.awsotel.spring.autoconfigure.internal.trace.UpstreamSpans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

/**
 * Trace context across a direct Lambda {@code Invoke}, as an extension of the tracing
 * interceptor: Lambda drops the W3C headers of a direct invocation, so the call span's
 * context travels in the {@code custom} object of the client context (the
 * {@code X-Amz-Client-Context} header, base64 JSON), where the OpenTelemetry Lambda
 * layers read it.
 * <p>
 * OpenTelemetry's interceptor does the same through the global propagators, which an
 * application-scoped {@link OpenTelemetry} never reaches: this extension injects with the
 * application's propagators instead, starting again from the client context the
 * application set, so that whatever the global propagators added is replaced rather than
 * left beside it. The application's own fields are kept. A client context that would pass
 * Lambda's limit, or that the application set and is not a JSON object, goes as the
 * application made it: propagation never breaks a call.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class LambdaClientContextPropagation implements TracingExtension {

	/**
	 * The encoded client context must stay below this length (Lambda accepts 3583 bytes;
	 * OpenTelemetry's interceptor keeps the same margin).
	 */
	static final int MAX_CLIENT_CONTEXT_LENGTH = 3583;

	private static final String CUSTOM = "custom";

	private static final Log logger = LogFactory.getLog(LambdaClientContextPropagation.class);

	private final TextMapPropagator propagator;

	private final AtomicBoolean skipLogged = new AtomicBoolean();

	/**
	 * Creates the Lambda extension.
	 * @param openTelemetry the application's OpenTelemetry, whose propagators are used,
	 * or {@code null} when propagation is off (the client context then goes as the
	 * application set it)
	 */
	public LambdaClientContextPropagation(OpenTelemetry openTelemetry) {
		this.propagator = (openTelemetry != null) ? openTelemetry.getPropagators().getTextMapPropagator() : null;
	}

	@Override
	public SdkRequest modifyRequest(software.amazon.awssdk.core.interceptor.Context.ModifyRequest context,
			ExecutionAttributes executionAttributes) {
		if (!(context.request() instanceof InvokeRequest invoke)) {
			return context.request();
		}
		// What the application set, before OpenTelemetry's interceptor added the global
		// propagators' fields (nothing, while no global OpenTelemetry is set).
		String applications = (UpstreamSpans.originalRequest(executionAttributes) instanceof InvokeRequest original)
				? original.clientContext() : invoke.clientContext();
		String clientContext = applications;
		Context callContext = UpstreamSpans.context(executionAttributes);
		if (this.propagator != null && callContext != null) {
			String propagated = withContext(applications, callContext, executionAttributes);
			if (propagated != null) {
				clientContext = propagated;
			}
		}
		return Objects.equals(clientContext, invoke.clientContext()) ? invoke
				: invoke.toBuilder().clientContext(clientContext).build();
	}

	/**
	 * Returns the client context with the call's context in its {@code custom} object, or
	 * {@code null} when it is to go as the application set it.
	 * @param clientContext the client context the application set, base64, or
	 * {@code null}
	 * @param callContext the call's context
	 * @param executionAttributes the call's execution attributes
	 * @return the client context to send, or {@code null}
	 */
	private String withContext(String clientContext, Context callContext, ExecutionAttributes executionAttributes) {
		Map<String, String> fields = new LinkedHashMap<>();
		this.propagator.inject(callContext, fields, Map::put);
		if (fields.isEmpty()) {
			return null;
		}
		Map<String, JsonNode> root = parse(clientContext);
		if (root == null) {
			skipped("the client context the application set is not a base64 JSON object", executionAttributes, false);
			return null;
		}
		JsonNode custom = root.get(CUSTOM);
		if (custom != null && !custom.isObject()) {
			skipped("the client context's custom field is not an object", executionAttributes, false);
			return null;
		}
		String encoded;
		try (JsonWriter writer = JsonWriter.create()) {
			writer.writeStartObject();
			for (Map.Entry<String, JsonNode> entry : root.entrySet()) {
				if (!CUSTOM.equals(entry.getKey())) {
					writer.writeFieldName(entry.getKey());
					write(writer, entry.getValue());
				}
			}
			writer.writeFieldName(CUSTOM);
			writer.writeStartObject();
			if (custom != null) {
				for (Map.Entry<String, JsonNode> entry : custom.asObject().entrySet()) {
					// The call's context replaces any the application put there.
					if (!fields.containsKey(entry.getKey())) {
						writer.writeFieldName(entry.getKey());
						write(writer, entry.getValue());
					}
				}
			}
			fields.forEach((name, value) -> writer.writeFieldName(name).writeValue(value));
			writer.writeEndObject();
			writer.writeEndObject();
			encoded = Base64.getEncoder().encodeToString(writer.getBytes());
		}
		catch (RuntimeException ex) {
			skipped("the client context could not be written (" + ex.getClass().getName() + ")", executionAttributes,
					false);
			return null;
		}
		if (encoded.length() >= MAX_CLIENT_CONTEXT_LENGTH) {
			skipped("with it the client context would be " + encoded.length()
					+ " characters, Lambda accepts fewer than " + MAX_CLIENT_CONTEXT_LENGTH, executionAttributes, true);
			return null;
		}
		return encoded;
	}

	private static Map<String, JsonNode> parse(String clientContext) {
		if (clientContext == null || clientContext.isEmpty()) {
			return Map.of();
		}
		try {
			JsonNode node = JsonNode.parser().parse(Base64.getDecoder().decode(clientContext));
			return node.isObject() ? node.asObject() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static void write(JsonWriter writer, JsonNode node) {
		if (node.isObject()) {
			writer.writeStartObject();
			node.asObject().forEach((name, value) -> {
				writer.writeFieldName(name);
				write(writer, value);
			});
			writer.writeEndObject();
		}
		else if (node.isArray()) {
			writer.writeStartArray();
			List<JsonNode> elements = node.asArray();
			for (JsonNode element : elements) {
				write(writer, element);
			}
			writer.writeEndArray();
		}
		else if (node.isString()) {
			writer.writeValue(node.asString());
		}
		else if (node.isNumber()) {
			// As the application wrote it: no precision lost.
			writer.writeNumber(node.asNumber());
		}
		else if (node.isBoolean()) {
			writer.writeValue(node.asBoolean());
		}
		else if (node.isNull()) {
			writer.writeNull();
		}
		else {
			throw new IllegalArgumentException("Unexpected JSON node " + node.getClass().getName());
		}
	}

	private void skipped(String why, ExecutionAttributes executionAttributes, boolean full) {
		if (full) {
			ClientFigures figures = executionAttributes.getAttribute(ClientFigures.ATTRIBUTE);
			if (figures != null) {
				figures.propagationSkipped();
			}
		}
		if (logger.isDebugEnabled() && this.skipLogged.compareAndSet(false, true)) {
			logger.debug("Trace context not added to the client context of a Lambda Invoke: " + why
					+ ". The request is sent as the application made it; later skips are not logged.");
		}
	}

}
