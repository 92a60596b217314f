/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.semconv;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import dev.awsotel.spring.autoconfigure.internal.upstream.UpstreamInternals;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;

/**
 * Which semantic conventions the starter's own spans and metrics follow, per domain
 * (messaging, RPC, database): the old ones, the new ones, or both ({@code /dup}), the
 * same as OpenTelemetry's instrumentation in this JVM, so that no trace mixes them. The
 * other packages ask this type for names and attribute keys instead of choosing
 * themselves.
 * <p>
 * Internal: not for use outside the starter.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class SemanticConventions {

	/** OpenTelemetry's default: the old conventions in every domain. */
	public static final SemanticConventions OLD = new SemanticConventions(Mode.OLD, Mode.OLD, Mode.OLD);

	/** The system the starter's RPC attributes name, as OpenTelemetry's library does. */
	static final String AWS_API = "aws-api";

	static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation");

	static final AttributeKey<String> MESSAGING_OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");

	static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");

	static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");

	static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");

	static final AttributeKey<String> RPC_SYSTEM_NAME = AttributeKey.stringKey("rpc.system.name");

	private final Mode messaging;

	private final Mode rpc;

	private final Mode database;

	SemanticConventions(Mode messaging, Mode rpc, Mode database) {
		this.messaging = messaging;
		this.rpc = rpc;
		this.database = database;
	}

	/**
	 * Returns the conventions of the given modes.
	 * @param messaging the messaging mode
	 * @param rpc the RPC mode
	 * @param database the database mode
	 * @return the conventions
	 */
	public static SemanticConventions of(Mode messaging, Mode rpc, Mode database) {
		return new SemanticConventions(messaging, rpc, database);
	}

	/**
	 * Returns the conventions OpenTelemetry's instrumentation uses in this JVM, which it
	 * decides once per JVM and tells only through an internal class
	 * ({@link UpstreamInternals#librarySemconv()}).
	 * @return the conventions in force, or {@code null} when this version of the library
	 * does not tell
	 */
	public static SemanticConventions inLibrary() {
		UpstreamInternals.LibrarySemconv library = UpstreamInternals.librarySemconv();
		if (library == null) {
			return null;
		}
		return new SemanticConventions(Mode.of(library.oldMessaging(), library.stableMessaging()),
				Mode.of(library.oldRpc(), library.stableRpc()),
				Mode.of(library.oldDatabase(), library.stableDatabase()));
	}

	/**
	 * Returns the conventions OpenTelemetry's instrumentation uses in this JVM, or the
	 * old ones when this version of it does not tell.
	 * @return the conventions
	 */
	public static SemanticConventions ofLibrary() {
		SemanticConventions inLibrary = inLibrary();
		return (inLibrary != null) ? inLibrary : OLD;
	}

	/**
	 * Returns the conventions that opt-in values select, read as OpenTelemetry's
	 * instrumentation (2.31) reads them: {@code messaging}, {@code rpc} and
	 * {@code database} select the new conventions, with {@code /dup} both.
	 * @param optIn the values of {@code otel.semconv-stability.opt-in}
	 * @param preview the values of {@code otel.semconv-stability.preview} (messaging and
	 * RPC read them too)
	 * @param v3Preview the value of {@code otel.instrumentation.common.v3-preview}
	 * @return the conventions
	 */
	static SemanticConventions fromOptIn(Collection<String> optIn, Collection<String> preview, boolean v3Preview) {
		List<String> previewFlags = new ArrayList<>(preview);
		if (!v3Preview) {
			previewFlags.addAll(optIn);
		}
		Mode database = v3Preview ? Mode.STABLE : Mode.fromFlags("database", optIn);
		Mode messaging = v3Preview ? Mode.STABLE : Mode.fromFlags("messaging", previewFlags);
		return new SemanticConventions(messaging, Mode.fromFlags("rpc", previewFlags), database);
	}

	/**
	 * Returns the messaging mode.
	 * @return the mode
	 */
	public Mode messaging() {
		return this.messaging;
	}

	/**
	 * Returns the RPC mode.
	 * @return the mode
	 */
	public Mode rpc() {
		return this.rpc;
	}

	/**
	 * Returns the database mode.
	 * @return the mode
	 */
	public Mode database() {
		return this.database;
	}

	/**
	 * Returns the name of a messaging span: {@code <destination> <operation>} in the old
	 * conventions, {@code <operation> <destination>} in the new ones (and with
	 * {@code /dup}, as OpenTelemetry names it then).
	 * @param operation the operation, such as {@code process}
	 * @param destination the queue or topic name
	 * @return the span name
	 */
	public String messagingSpanName(String operation, String destination) {
		return this.messaging.stable() ? operation + " " + destination : destination + " " + operation;
	}

	/**
	 * Sets the operation of a messaging span: {@code messaging.operation} in the old
	 * conventions, {@code messaging.operation.type} and {@code messaging.operation.name}
	 * in the new ones. The starter's operations ({@code create}, {@code process}) have
	 * the same name in both.
	 * @param span the span being built
	 * @param operation the operation
	 * @return the builder
	 */
	public SpanBuilder messagingOperation(SpanBuilder span, String operation) {
		if (this.messaging.old()) {
			span.setAttribute(MESSAGING_OPERATION, operation);
		}
		if (this.messaging.stable()) {
			span.setAttribute(MESSAGING_OPERATION_TYPE, operation);
			span.setAttribute(AttributeKeys.MESSAGING_OPERATION_NAME, operation);
		}
		return span;
	}

	/**
	 * Returns whether a process span links to its message's producer even when that is
	 * its parent, as the new messaging conventions ask.
	 * @return whether to link always
	 */
	public boolean linksProducerAlways() {
		return this.messaging.stable();
	}

	/**
	 * Marks a messaging span's failure with {@code error.type}, which only the new
	 * messaging conventions set.
	 * @param span the span
	 * @param failure what the handling threw
	 */
	public void messagingFailed(Span span, Throwable failure) {
		if (this.messaging.stable() && failure != null) {
			span.setAttribute(AttributeKeys.ERROR_TYPE, failure.getClass().getName());
		}
	}

	/**
	 * Adds the RPC attributes of an AWS call to a metric's attributes:
	 * {@code rpc.system}, {@code rpc.service} and {@code rpc.method} (the operation) in
	 * the old conventions; {@code rpc.system.name} and {@code rpc.method} as
	 * {@code <service>/<operation>} (the new conventions' fully qualified method) in the
	 * new ones; with {@code /dup} {@code rpc.method} holds the new value, as it does on
	 * OpenTelemetry's own new metrics then.
	 * @param attributes the metric's attributes
	 * @param service the service, such as {@code DynamoDb}
	 * @param operation the operation, such as {@code GetItem}
	 * @return the attributes
	 */
	public AttributesBuilder rpcAttributes(AttributesBuilder attributes, String service, String operation) {
		if (this.rpc.old()) {
			attributes.put(RPC_SYSTEM, AWS_API);
			attributes.put(RPC_SERVICE, service);
		}
		if (this.rpc.stable()) {
			attributes.put(RPC_SYSTEM_NAME, AWS_API);
			if (service != null && operation != null) {
				attributes.put(RPC_METHOD, service + "/" + operation);
			}
		}
		else {
			attributes.put(RPC_METHOD, operation);
		}
		return attributes;
	}

	/**
	 * Returns these conventions as the opt-in value that selects them.
	 * @return for example {@code messaging/dup,rpc}; empty for the old conventions
	 */
	public String optIn() {
		List<String> flags = new ArrayList<>();
		this.messaging.flag("messaging", flags);
		this.rpc.flag("rpc", flags);
		this.database.flag("database", flags);
		return String.join(",", flags);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SemanticConventions that && this.messaging == that.messaging && this.rpc == that.rpc
				&& this.database == that.database;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.messaging, this.rpc, this.database);
	}

	@Override
	public String toString() {
		String optIn = optIn();
		return optIn.isEmpty() ? "(none: the old conventions)" : optIn;
	}

	/**
	 * The conventions of one domain.
	 */
	public enum Mode {

		/** The old conventions only. */
		OLD,

		/** The new conventions only. */
		STABLE,

		/** Both, for a migration ({@code /dup}). */
		DUP;

		static Mode of(boolean old, boolean stable) {
			if (old && stable) {
				return DUP;
			}
			return stable ? STABLE : OLD;
		}

		static Mode fromFlags(String domain, Collection<String> flags) {
			if (flags.contains(domain + "/dup")) {
				return DUP;
			}
			return flags.contains(domain) ? STABLE : OLD;
		}

		/**
		 * Returns whether the old conventions are emitted.
		 * @return whether old
		 */
		public boolean old() {
			return this != STABLE;
		}

		/**
		 * Returns whether the new conventions are emitted.
		 * @return whether new
		 */
		public boolean stable() {
			return this != OLD;
		}

		void flag(String domain, List<String> flags) {
			if (this != OLD) {
				flags.add(domain + ((this == DUP) ? "/dup" : ""));
			}
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
