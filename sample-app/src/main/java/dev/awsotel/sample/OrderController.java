/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.util.Map;

import io.opentelemetry.api.trace.Span;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /orders} places an order; {@code GET /orders/{id}} tells its status.
 *
 * @author aws-otel-spring-boot authors
 */
@RestController
class OrderController {

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping("/orders")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> place(@RequestBody OrderRequest order) {
		if (order.item() == null || order.item().isBlank() || order.quantity() < 1) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"An order needs an item and a quantity of 1 or more");
		}
		String orderId = this.orders.place(order.item(), order.quantity());
		// The trace id lets the page (and a person) find the order's trace.
		return Map.of("orderId", orderId, "traceId", Span.current().getSpanContext().getTraceId());
	}

	@GetMapping("/orders/{orderId}")
	Map<String, String> status(@PathVariable String orderId) {
		String status = this.orders.status(orderId);
		if (status == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return Map.of("orderId", orderId, "status", status);
	}

	record OrderRequest(String item, int quantity) {

	}

}
