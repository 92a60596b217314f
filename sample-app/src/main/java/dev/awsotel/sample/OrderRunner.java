/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.List;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Places an order on the {@code orders} queue, then ships it: takes it off the queue
 * again. The spans of the SQS calls come from the starter; {@code place-order} and
 * {@code ship-order} come from this class.
 *
 * @author aws-otel-spring-boot authors
 */
@Component
class OrderRunner implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(OrderRunner.class);

	private final SqsClient sqs;

	private final Tracer tracer;

	OrderRunner(SqsClient sqs, OpenTelemetry openTelemetry) {
		this.sqs = sqs;
		this.tracer = openTelemetry.getTracer("dev.awsotel.sample");
	}

	@Override
	public void run(ApplicationArguments args) {
		String queueUrl = this.sqs.createQueue((request) -> request.queueName("orders")).queueUrl();
		logger.info("Queue 'orders' is at " + queueUrl);
		inSpan("place-order", () -> placeOrder(queueUrl, "order-1"));
		// ReceiveMessage is only traced inside a span: OpenTelemetry leaves out the
		// receive calls of polling loops, which would each start a trace of their own.
		inSpan("ship-order", () -> shipOrder(queueUrl));
	}

	private void placeOrder(String queueUrl, String orderId) {
		Span.current().setAttribute("order.id", orderId);
		String messageId = this.sqs.sendMessage((request) -> request.queueUrl(queueUrl).messageBody(orderId))
			.messageId();
		logger.info("Sent " + orderId + " as message " + messageId + " in trace "
				+ Span.current().getSpanContext().getTraceId());
	}

	private void shipOrder(String queueUrl) {
		// Long polling: returns as soon as a message is there.
		List<Message> messages = this.sqs
			.receiveMessage((request) -> request.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(5))
			.messages();
		if (messages.isEmpty()) {
			logger.warn("No order arrived within 5 seconds");
		}
		for (Message message : messages) {
			logger.info("Received " + message.body() + " (message " + message.messageId() + ")");
			this.sqs.deleteMessage((request) -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
		}
	}

	private void inSpan(String name, Runnable work) {
		Span span = this.tracer.spanBuilder(name).startSpan();
		// While the span is current, the spans of SDK calls become its children.
		try (Scope scope = span.makeCurrent()) {
			work.run();
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			span.setStatus(StatusCode.ERROR);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
