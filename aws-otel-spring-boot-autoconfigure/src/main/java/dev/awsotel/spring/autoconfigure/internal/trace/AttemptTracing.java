/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.trace;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.awsotel.spring.autoconfigure.internal.semconv.AttributeKeys;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Makes the HTTP attempts of a call visible: child spans or events per attempt, and on
 * the operation span the resend count and whether any attempt was throttled. A call that
 * succeeded at its first attempt gets no attempt span or event (it is its own attempt),
 * so the common path costs nothing more than two attributes.
 *
 * @author aws-otel-spring-boot authors
 */
final class AttemptTracing {

	static final AttributeKey<Long> RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");

	static final AttributeKey<Boolean> THROTTLED = AttributeKey.booleanKey("aws.throttled");

	static final AttributeKey<Long> ATTEMPT_NUMBER = AttributeKey.longKey("aws.attempt.number");

	static final AttributeKey<Double> DURATION = AttributeKey.doubleKey("aws.attempt.duration");

	private static final int MAX_ERROR_BODY = 64 * 1024;

	private static final Pattern JSON_TYPE = Pattern.compile("\"(?:__type|code|Code)\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]+)</Code>");

	private static final Pattern ATTEMPT_FAILURE = Pattern.compile("^Request attempt (\\d+) failure");

	// Error codes are few; the bound keeps a service that makes them up from growing it.
	private static final int MAX_KNOWN_CODES = 256;

	private static final Map<String, Boolean> throttlingCodes = new ConcurrentHashMap<>();

	private final AttemptMode mode;

	private final Tracer tracer;

	AttemptTracing(AttemptMode mode, Tracer tracer) {
		this.mode = mode;
		this.tracer = tracer;
	}

	void responded(Attempts attempts, SdkHttpResponse response) {
		int status = response.statusCode();
		if (status < 400) {
			attempts.responded(status, null, false);
			return;
		}
		String code = headerCode(response);
		attempts.responded(status, (code != null) ? code : "HTTP " + status, status == 429 || isThrottling(code));
	}

	Optional<InputStream> readErrorCode(Attempts attempts, SdkHttpResponse response, Optional<InputStream> content) {
		// Error bodies are small; the SDK reads the same bytes after this.
		if (response.statusCode() < 400 || content.isEmpty() || headerCode(response) != null) {
			return content;
		}
		try {
			byte[] body = content.get().readNBytes(MAX_ERROR_BODY);
			refine(attempts, attempts.current(), body);
			InputStream rest = content.get();
			return Optional.of(new java.io.SequenceInputStream(new ByteArrayInputStream(body), rest));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Optional<Publisher<ByteBuffer>> readErrorCodeAsync(Attempts attempts, SdkHttpResponse response,
			Optional<Publisher<ByteBuffer>> content) {
		if (response.statusCode() < 400 || content.isEmpty() || headerCode(response) != null) {
			return content;
		}
		Attempts.Attempt attempt = attempts.current();
		return Optional.of(new ErrorBodyPublisher(content.get(), (body) -> refine(attempts, attempt, body)));
	}

	private static void refine(Attempts attempts, Attempts.Attempt attempt, byte[] body) {
		String code = bodyCode(new String(body, StandardCharsets.UTF_8));
		if (code != null) {
			attempts.errorType(attempt, code, isThrottling(code));
		}
	}

	void finish(Attempts attempts, Span span, Context callContext, Throwable failure) {
		attempts.finish((failure != null) ? failureType(failure) : null);
		if (failure != null) {
			refineFromFailure(attempts, attempts.list(), failure);
		}
		if (span == null || !span.isRecording()) {
			return;
		}
		// Only what the common call lacks: the HTTP conventions set the resend count only
		// on a request that was resent, and a call that took one attempt keeps the span
		// OpenTelemetry's library makes, as small as it was.
		int count = attempts.count();
		if (count > 1) {
			span.setAttribute(RESEND_COUNT, count - 1);
		}
		if (attempts.throttledCount() > 0) {
			span.setAttribute(THROTTLED, true);
		}
		if (this.mode == AttemptMode.NONE || (count <= 1 && failure == null)) {
			return;
		}
		for (Attempts.Attempt attempt : attempts.list()) {
			Attributes attributes = attributes(attempt);
			if (this.mode == AttemptMode.EVENTS) {
				span.addEvent("aws.attempt", attributes, attempt.endEpochNanos(), TimeUnit.NANOSECONDS);
			}
			else {
				Span attemptSpan = this.tracer.spanBuilder("Attempt " + attempt.number())
					.setParent(callContext)
					.setSpanKind(SpanKind.CLIENT)
					.setStartTimestamp(attempt.startEpochNanos(), TimeUnit.NANOSECONDS)
					.setAllAttributes(attributes)
					.startSpan();
				if (attempt.errorType() != null) {
					attemptSpan.setStatus(StatusCode.ERROR);
				}
				attemptSpan.end(attempt.endEpochNanos(), TimeUnit.NANOSECONDS);
			}
		}
	}

	private static Attributes attributes(Attempts.Attempt attempt) {
		AttributesBuilder builder = Attributes.builder()
			.put(ATTEMPT_NUMBER, attempt.number())
			.put(RESEND_COUNT, attempt.number() - 1)
			.put(THROTTLED, attempt.throttled())
			.put(DURATION, attempt.durationNanos() / 1e9);
		if (attempt.status() != null) {
			builder.put(AttributeKeys.HTTP_RESPONSE_STATUS_CODE, attempt.status());
		}
		if (attempt.errorType() != null) {
			builder.put(AttributeKeys.ERROR_TYPE, attempt.errorType());
		}
		return builder.build();
	}

	private static void refineFromFailure(Attempts attempts, List<Attempts.Attempt> list, Throwable failure) {
		// The SDK keeps each failed attempt's exception on the final one.
		for (Throwable suppressed : failure.getSuppressed()) {
			Matcher matcher = ATTEMPT_FAILURE.matcher(String.valueOf(suppressed.getMessage()));
			if (matcher.find()) {
				int number = Integer.parseInt(matcher.group(1));
				if (number >= 1 && number <= list.size()) {
					Attempts.Attempt attempt = list.get(number - 1);
					if (attempt.withoutResponse()) {
						attempt.refineError(failureType(suppressed), false);
					}
				}
			}
		}
		if (failure instanceof AwsServiceException serviceException && serviceException.awsErrorDetails() != null
				&& !list.isEmpty()) {
			String code = serviceException.awsErrorDetails().errorCode();
			if (code != null) {
				list.get(list.size() - 1).refineError(code, serviceException.isThrottlingException());
			}
		}
	}

	static String failureType(Throwable failure) {
		// An I/O failure says more through its cause (java.net.SocketException) than
		// through the SDK's wrapper.
		Throwable cause = failure;
		while (cause instanceof SdkClientException && cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getName();
	}

	private static String headerCode(SdkHttpResponse response) {
		Optional<String> type = response.firstMatchingHeader("x-amzn-ErrorType");
		if (type.isPresent()) {
			String value = type.get();
			int colon = value.indexOf(':');
			return (colon >= 0) ? value.substring(0, colon) : value;
		}
		Optional<String> queryError = response.firstMatchingHeader("x-amzn-query-error");
		if (queryError.isPresent()) {
			String value = queryError.get();
			int semicolon = value.indexOf(';');
			return (semicolon >= 0) ? value.substring(0, semicolon) : value;
		}
		return null;
	}

	static String bodyCode(String body) {
		Matcher json = JSON_TYPE.matcher(body);
		if (json.find()) {
			String type = json.group(1);
			int hash = type.lastIndexOf('#');
			return (hash >= 0) ? type.substring(hash + 1) : type;
		}
		Matcher xml = XML_CODE.matcher(body);
		return xml.find() ? xml.group(1) : null;
	}

	private static boolean isThrottling(String code) {
		if (code == null) {
			return false;
		}
		Boolean known = throttlingCodes.get(code);
		if (known == null) {
			// The SDK's own list, through its public API (the list itself is internal):
			// an
			// exception of that code, never thrown. Only error responses get here, and
			// each code is asked once.
			known = AwsServiceException.builder()
				.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
				.build()
				.isThrottlingException();
			if (throttlingCodes.size() < MAX_KNOWN_CODES) {
				throttlingCodes.put(code, known);
			}
		}
		return known;
	}

	/**
	 * Passes an async error body through unchanged, and reads its first bytes on the way
	 * for the error code.
	 */
	private static final class ErrorBodyPublisher implements Publisher<ByteBuffer> {

		private final Publisher<ByteBuffer> body;

		private final Consumer<byte[]> onBody;

		ErrorBodyPublisher(Publisher<ByteBuffer> body, Consumer<byte[]> onBody) {
			this.body = body;
			this.onBody = onBody;
		}

		@Override
		public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
			ByteArrayOutputStream seen = new ByteArrayOutputStream();
			this.body.subscribe(new Subscriber<ByteBuffer>() {

				@Override
				public void onSubscribe(Subscription subscription) {
					subscriber.onSubscribe(subscription);
				}

				@Override
				public void onNext(ByteBuffer buffer) {
					ByteBuffer copy = buffer.duplicate();
					int room = MAX_ERROR_BODY - seen.size();
					if (room > 0) {
						byte[] bytes = new byte[Math.min(room, copy.remaining())];
						copy.get(bytes);
						seen.write(bytes, 0, bytes.length);
					}
					subscriber.onNext(buffer);
				}

				@Override
				public void onError(Throwable failure) {
					subscriber.onError(failure);
				}

				@Override
				public void onComplete() {
					ErrorBodyPublisher.this.onBody.accept(seen.toByteArray());
					subscriber.onComplete();
				}

			});
		}

	}

}
