/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every AWS call span must carry, whatever the service.
 *
 * @author aws-otel-spring-boot authors
 */
public final class AwsSpans {

	public static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");

	public static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");

	public static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");

	public static final AttributeKey<String> AWS_REGION = AttributeKey.stringKey("aws.region");

	public static final AttributeKey<String> CLOUD_REGION = AttributeKey.stringKey("cloud.region");

	public static final AttributeKey<String> AWS_REQUEST_ID = AttributeKey.stringKey("aws.request_id");

	public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");

	public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");

	public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

	private AwsSpans() {
	}

	/**
	 * Asserts the attributes of a successful AWS call span, made on a test client.
	 * @param span the span
	 * @param service the expected {@code rpc.service}, for example {@code DynamoDb}
	 * @param method the expected {@code rpc.method}, for example {@code PutItem}
	 * @param kind the expected span kind
	 */
	public static void assertSuccessfulCall(SpanData span, String service, String method, SpanKind kind) {
		assertThat(span.getKind()).as("kind of %s", span.getName()).isEqualTo(kind);
		assertThat(span.getAttributes().get(RPC_SYSTEM)).isEqualTo("aws-api");
		assertThat(span.getAttributes().get(RPC_SERVICE)).isEqualTo(service);
		assertThat(span.getAttributes().get(RPC_METHOD)).isEqualTo(method);
		assertThat(span.getAttributes().get(AWS_REGION)).isEqualTo(LocalAws.REGION.id());
		assertThat(span.getAttributes().get(CLOUD_REGION)).isEqualTo(LocalAws.REGION.id());
		assertThat(span.getAttributes().get(AWS_REQUEST_ID)).as("aws.request_id of %s", span.getName()).isNotBlank();
		assertThat(span.getAttributes().get(HTTP_STATUS)).isEqualTo(200L);
		assertThat(span.getAttributes().get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
		assertNoCredentials(span);
	}

	/**
	 * Asserts that no attribute or event of a span holds the test credentials.
	 * @param span the span
	 */
	public static void assertNoCredentials(SpanData span) {
		StringBuilder recorded = new StringBuilder(span.getAttributes().toString());
		span.getEvents().forEach((event) -> recorded.append(event.getAttributes()));
		assertThat(recorded.toString()).as("what %s recorded", span.getName())
			.doesNotContain(LocalAws.ACCESS_KEY_ID)
			.doesNotContain(LocalAws.SECRET_KEY);
	}

	/**
	 * Asserts that a span is the child of another, in its trace.
	 * @param span the child
	 * @param parent the expected parent
	 */
	public static void assertChildOf(SpanData span, Span parent) {
		assertThat(span.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
		assertThat(span.getParentSpanId()).as("parent of %s", span.getName())
			.isEqualTo(parent.getSpanContext().getSpanId());
	}

	/**
	 * Asserts the status of a failed AWS call span.
	 * @param span the span
	 * @param httpStatus the HTTP status the server answered
	 * @param errorType the expected {@code error.type}
	 */
	public static void assertFailedCall(SpanData span, long httpStatus, String errorType) {
		assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
		assertThat(span.getAttributes().get(HTTP_STATUS)).isEqualTo(httpStatus);
		assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo(errorType);
		assertNoCredentials(span);
	}

}
