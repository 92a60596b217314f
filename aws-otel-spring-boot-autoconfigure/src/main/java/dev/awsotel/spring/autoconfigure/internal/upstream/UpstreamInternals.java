/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.upstream;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.internal.SemconvStability;
import io.opentelemetry.instrumentation.awssdk.v2_2.AwsSdkTelemetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import org.springframework.util.ClassUtils;

/**
 * The one place that relies on what the AWS SDK or OpenTelemetry's instrumentation does
 * not publish. Each reliance is checked once, when the application starts: one that the
 * versions on the class path do not honour turns its feature off, with one WARN line
 * saying which and why, and {@code /actuator/awsclients} lists it; calls are never failed
 * for it.
 * <ul>
 * <li>{@link Reliance#CALL_SPAN}: the execution attribute in which OpenTelemetry's
 * interceptor keeps a call's span, found by its name on a probe call (no
 * reflection).</li>
 * <li>{@link Reliance#ORIGINAL_REQUEST}: the execution attribute in which it keeps the
 * request as the application made it, found the same way.</li>
 * <li>{@link Reliance#RETRY_BACKOFF}: the SDK's execution attribute holding the back-off
 * before an attempt, a public constant of an SDK {@code internal} class.</li>
 * <li>{@link Reliance#SEMCONV_STABILITY}: the conventions OpenTelemetry's instrumentation
 * decided on, read from its {@code internal} class {@code SemconvStability}.</li>
 * <li>{@link Reliance#SQS_MESSAGES_HANDOVER}: the received messages' list inside the
 * SDK's {@code ReceiveMessageResponse}, replaced by the list that opens each message's
 * process span. The SDK copies any list given to its builder, so that no public API can
 * hand such a list over: this is the starter's one write into an SDK object. A JDK that
 * refuses writes to final fields (JEP 500) turns it off.</li>
 * <li>{@link Reliance#INTERCEPTOR_NAME}: the name of OpenTelemetry's interceptor, by
 * which a client that the Java agent (or a library) already instruments is recognised and
 * left alone. The interceptor that {@code AwsSdkTelemetry} makes is recognised by its
 * class whatever its name.</li>
 * <li>{@link Reliance#GENERATED_ASYNC_CLIENTS}: the names of the SDK's generated async
 * clients ({@code Default<Service>AsyncClient}), the only clients whose futures get the
 * caller's context back: a client of another kind is left as it is.</li>
 * </ul>
 * <p>
 * The OpenTelemetry Java agent is recognised by a class on its bootstrap class path and
 * by the package of its interceptor; neither can be checked without the agent, and the
 * java-agent compatibility tests run the agent in CI.
 * <p>
 * Internal: not for public use; it may change in any release.
 *
 * @author aws-otel-spring-boot authors
 */
public final class UpstreamInternals {

	/** The name of the upstream interceptor, of which its attribute names are made. */
	static final String UPSTREAM_INTERCEPTOR = "io.opentelemetry.instrumentation.awssdk.v2_2.internal.TracingExecutionInterceptor";

	static final String CALL_SPAN_ATTRIBUTE = UPSTREAM_INTERCEPTOR + ".Context";

	static final String ORIGINAL_REQUEST_ATTRIBUTE = UPSTREAM_INTERCEPTOR + ".SdkRequest";

	static final String RETRYABLE_STAGE_HELPER = "software.amazon.awssdk.core.internal.http.pipeline.stages.utils.RetryableStageHelper";

	static final String RECEIVE_MESSAGE_RESPONSE = "software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse";

	static final String JAVA_AGENT_PACKAGE = "io.opentelemetry.javaagent.";

	static final String JAVA_AGENT_BOOTSTRAP = "io.opentelemetry.javaagent.bootstrap.AgentInitializer";

	static final String GENERATED_CLIENTS_PACKAGE = "software.amazon.awssdk.services.";

	// Services whose async client interface, when present, must have its generated
	// implementation beside it.
	private static final List<String> ASYNC_CLIENTS = List.of("sqs.SqsAsyncClient", "sns.SnsAsyncClient",
			"s3.S3AsyncClient", "dynamodb.DynamoDbAsyncClient", "kinesis.KinesisAsyncClient",
			"lambda.LambdaAsyncClient", "bedrockruntime.BedrockRuntimeAsyncClient");

	private static final Log logger = LogFactory.getLog(UpstreamInternals.class);

	// The check made ahead on the starter's background thread (preinitialize), until the
	// application's check takes it; TAKEN once taken, so that it is used at most once.
	private static final AtomicReference<@Nullable Object> checkedAhead = new AtomicReference<>();

	private static final Object TAKEN = new Object();

	// How long the application's check waits for the one made ahead before making its
	// own: the check takes milliseconds, so only a thread that is stuck waits this long.
	private static final long AHEAD_WAIT_SECONDS = 10;

	private final @Nullable ExecutionAttribute<Context> callSpan;

	private final @Nullable ExecutionAttribute<SdkRequest> originalRequest;

	private final @Nullable ExecutionAttribute<Duration> retryBackoff;

	private final @Nullable Field sqsMessages;

	private final @Nullable Class<?> upstreamInterceptorType;

	private final boolean interceptorNamed;

	private final boolean generatedAsyncClientsNamed;

	private final List<Unavailable> unavailable;

	// What the probes found off: one WARN line each, logged when the check is taken.
	private final List<Unavailable> warnings;

	/**
	 * Checks every reliance; a reliance in {@code simulatedUnavailable} is taken as
	 * missing, as if its lookup had failed (for tests).
	 * @param classLoader the class loader of the application
	 * @param simulatedUnavailable the reliances to take as missing
	 */
	UpstreamInternals(@Nullable ClassLoader classLoader, Set<Reliance> simulatedUnavailable) {
		this(classLoader, simulatedUnavailable, true);
	}

	private UpstreamInternals(@Nullable ClassLoader classLoader, Set<Reliance> simulatedUnavailable, boolean warnNow) {
		List<Unavailable> unavailable = new ArrayList<>();
		Probe probe = new Probe(unavailable, simulatedUnavailable);
		ProbeCall probeCall = new ProbeCall();
		this.callSpan = probe.check(Reliance.CALL_SPAN, () -> probeCall.attributeNamed(CALL_SPAN_ATTRIBUTE), null);
		this.originalRequest = probe.check(Reliance.ORIGINAL_REQUEST,
				() -> probeCall.attributeNamed(ORIGINAL_REQUEST_ATTRIBUTE), null);
		this.retryBackoff = probe.check(Reliance.RETRY_BACKOFF, () -> retryBackoff(classLoader), null);
		this.sqsMessages = ClassUtils.isPresent(RECEIVE_MESSAGE_RESPONSE, classLoader)
				? probe.check(Reliance.SQS_MESSAGES_HANDOVER, SqsMessages::field, null) : null;
		this.upstreamInterceptorType = probeCall.interceptorType();
		this.interceptorNamed = Boolean.TRUE.equals(probe.check(Reliance.INTERCEPTOR_NAME, () -> {
			if (this.upstreamInterceptorType == null || !isNamedAsUpstream(this.upstreamInterceptorType)) {
				throw new IllegalStateException("AwsSdkTelemetry made " + this.upstreamInterceptorType);
			}
			return true;
		}, false));
		this.generatedAsyncClientsNamed = Boolean.TRUE.equals(probe.check(Reliance.GENERATED_ASYNC_CLIENTS, () -> {
			for (String client : ASYNC_CLIENTS) {
				String type = GENERATED_CLIENTS_PACKAGE + client;
				if (isClassFile(type, classLoader)) {
					String generated = type.substring(0, type.lastIndexOf('.') + 1) + "Default"
							+ type.substring(type.lastIndexOf('.') + 1);
					if (!isClassFile(generated, classLoader)) {
						throw new ClassNotFoundException(generated);
					}
				}
			}
			return true;
		}, false));
		this.warnings = List.copyOf(unavailable);
		// Logged where the conventions are chosen (SemconvOptIn), with what they fall
		// back to: listed here only.
		if (simulatedUnavailable.contains(Reliance.SEMCONV_STABILITY) || librarySemconv() == null) {
			unavailable.add(new Unavailable(Reliance.SEMCONV_STABILITY, "SemconvStability is missing or changed"));
		}
		this.unavailable = Collections.unmodifiableList(unavailable);
		if (warnNow) {
			warn();
		}
	}

	private void warn() {
		this.warnings.forEach((off) -> logger.warn(off.message()));
	}

	/**
	 * Checks every reliance against the versions on the class path, logging one WARN line
	 * for each that is not honoured.
	 * @param classLoader the class loader of the application
	 * @return what was found
	 */
	public static UpstreamInternals check(@Nullable ClassLoader classLoader) {
		return check(classLoader, checkedAhead);
	}

	static UpstreamInternals check(@Nullable ClassLoader classLoader, AtomicReference<@Nullable Object> ahead) {
		if (ahead.getAndSet(TAKEN) instanceof CheckedAhead checked && checked.classLoader() == classLoader) {
			try {
				UpstreamInternals internals = checked.result().get(AHEAD_WAIT_SECONDS, TimeUnit.SECONDS);
				// Its WARN lines, here rather than on the background thread, which
				// runs before the application's logging is set up.
				internals.warn();
				return internals;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				// Checked again below, on this thread, where a failure is reported.
			}
		}
		return new UpstreamInternals(classLoader, EnumSet.noneOf(Reliance.class), true);
	}

	/**
	 * Makes the check ahead of the beans, without logging, for the application's
	 * {@link #check} to take (its WARN lines are logged then). It loads and initialises
	 * the classes of OpenTelemetry's AWS SDK instrumentation that the starter's own
	 * {@code AwsSdkTelemetry} uses too, as its probe builds one on a no-op OpenTelemetry.
	 * Does nothing once the application has checked. For the starter's background thread;
	 * to be called once the semantic conventions are passed on ({@code SemconvOptIn}), as
	 * OpenTelemetry's instrumentation reads them once per JVM.
	 * @param classLoader the class loader of the application
	 */
	public static void preinitialize(@Nullable ClassLoader classLoader) {
		preinitialize(classLoader, checkedAhead, EnumSet.noneOf(Reliance.class));
	}

	static void preinitialize(@Nullable ClassLoader classLoader, AtomicReference<@Nullable Object> ahead,
			Set<Reliance> simulatedUnavailable) {
		CheckedAhead checked = new CheckedAhead(classLoader, new CompletableFuture<>());
		if (!ahead.compareAndSet(null, checked)) {
			return;
		}
		try {
			checked.result().complete(new UpstreamInternals(classLoader, simulatedUnavailable, false));
		}
		catch (Throwable ex) {
			// The application's check then makes its own, and reports what fails.
			checked.result().completeExceptionally(ex);
			throw ex;
		}
	}

	/**
	 * Returns the features that are off, with why.
	 * @return the features off, empty when every reliance holds
	 */
	public List<Unavailable> unavailable() {
		return this.unavailable;
	}

	/**
	 * Returns whether a reliance holds.
	 * @param reliance the reliance
	 * @return whether its feature is on
	 */
	public boolean available(Reliance reliance) {
		return this.unavailable.stream().noneMatch((off) -> off.reliance() == reliance);
	}

	/**
	 * Returns the context that OpenTelemetry's interceptor made for a call: its span in
	 * the caller's context.
	 * @param executionAttributes the call's attributes
	 * @return the context, or {@code null} when the call is not traced or the reliance
	 * does not hold
	 */
	public @Nullable Context callContext(ExecutionAttributes executionAttributes) {
		return (this.callSpan != null) ? executionAttributes.getAttribute(this.callSpan) : null;
	}

	/**
	 * Returns the request as the application made it, before OpenTelemetry's interceptor
	 * changed it.
	 * @param executionAttributes the call's attributes
	 * @return the request, or {@code null} when unknown
	 */
	public @Nullable SdkRequest originalRequest(ExecutionAttributes executionAttributes) {
		return (this.originalRequest != null) ? executionAttributes.getAttribute(this.originalRequest) : null;
	}

	/**
	 * Returns the back-off the SDK waited before the current attempt.
	 * @param executionAttributes the call's attributes
	 * @return the back-off, or {@code null} when unknown
	 */
	public @Nullable Duration retryBackoff(ExecutionAttributes executionAttributes) {
		return (this.retryBackoff != null) ? executionAttributes.getAttribute(this.retryBackoff) : null;
	}

	/**
	 * Puts the list that opens each message's process span into a received response, in
	 * place of the SDK's own list of the same messages.
	 * @param response the {@code ReceiveMessageResponse} the SDK returned
	 * @param messages the same messages, in a list of the starter's
	 * @return whether the list was handed over
	 */
	public boolean handOverMessages(Object response, List<?> messages) {
		if (this.sqsMessages == null) {
			return false;
		}
		try {
			SqsMessages.write(this.sqsMessages, response, messages);
			return true;
		}
		catch (IllegalAccessException | RuntimeException ex) {
			logger.debug("Could not hand over received messages with their process spans", ex);
			return false;
		}
	}

	/**
	 * Returns whether an interceptor is OpenTelemetry's own AWS SDK interceptor: added by
	 * the application ({@code AwsSdkTelemetry.createExecutionInterceptor()}), by the Java
	 * agent or by OpenTelemetry's library auto-configuration. A client with one is traced
	 * already; tracing it again would double every span.
	 * @param interceptor an interceptor of a client
	 * @return whether it is OpenTelemetry's
	 */
	public boolean isOpenTelemetryInterceptor(ExecutionInterceptor interceptor) {
		Class<?> type = interceptor.getClass();
		return type == this.upstreamInterceptorType || (this.interceptorNamed && isNamedAsUpstream(type));
	}

	private static boolean isNamedAsUpstream(Class<?> type) {
		return type.getName().startsWith("io.opentelemetry.") && type.getSimpleName()
			.equals(UPSTREAM_INTERCEPTOR.substring(UPSTREAM_INTERCEPTOR.lastIndexOf('.') + 1));
	}

	/**
	 * Returns whether an interceptor was put into a client by the OpenTelemetry Java
	 * agent.
	 * @param interceptor an interceptor of a client
	 * @return whether the agent's
	 */
	public static boolean isJavaAgentInterceptor(ExecutionInterceptor interceptor) {
		return interceptor.getClass().getName().startsWith(JAVA_AGENT_PACKAGE);
	}

	/**
	 * Returns whether the OpenTelemetry Java agent is attached with its AWS SDK
	 * instrumentation on, so that it puts its interceptor into every client the SDK
	 * builds.
	 * @return whether the agent traces AWS SDK clients
	 */
	public static boolean javaAgentTracesAwsSdk() {
		try {
			// On the bootstrap class path only when the agent is attached.
			Class.forName(JAVA_AGENT_BOOTSTRAP, false, null);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
		String enabled = agentSetting("otel.instrumentation.aws-sdk.enabled");
		if (enabled == null) {
			enabled = agentSetting("otel.instrumentation.common.default-enabled");
		}
		return enabled == null || Boolean.parseBoolean(enabled.trim());
	}

	private static @Nullable String agentSetting(String property) {
		String value = System.getProperty(property);
		if (value == null) {
			value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
		}
		return value;
	}

	/**
	 * Returns whether a client class is one of the SDK's generated async clients.
	 * @param type the class of a client
	 * @return whether it is, as far as this reliance holds
	 */
	public boolean isGeneratedAsyncClient(Class<?> type) {
		return this.generatedAsyncClientsNamed && type.getName().startsWith(GENERATED_CLIENTS_PACKAGE)
				&& type.getSimpleName().startsWith("Default") && type.getSimpleName().endsWith("AsyncClient");
	}

	/**
	 * Returns the conventions OpenTelemetry's instrumentation decided on in this JVM.
	 * @return them, or {@code null} when this version of it does not tell
	 */
	public static @Nullable LibrarySemconv librarySemconv() {
		try {
			return new LibrarySemconv(SemconvStability.emitOldMessagingSemconv(),
					SemconvStability.emitStableMessagingSemconv(), SemconvStability.emitOldRpcSemconv(),
					SemconvStability.emitStableRpcSemconv(), SemconvStability.emitOldDatabaseSemconv(),
					SemconvStability.emitStableDatabaseSemconv());
		}
		catch (LinkageError | RuntimeException ex) {
			return null;
		}
	}

	// Whether a class is there, by its class file: loading the generated clients to see
	// them (DefaultS3AsyncClient alone is thousands of lines) cost startup time for
	// classes that an application without async clients never uses.
	private static boolean isClassFile(String type, @Nullable ClassLoader classLoader) {
		ClassLoader loader = (classLoader != null) ? classLoader : ClassLoader.getSystemClassLoader();
		return loader
			.getResource(ClassUtils.convertClassNameToResourcePath(type) + ClassUtils.CLASS_FILE_SUFFIX) != null;
	}

	@SuppressWarnings("unchecked")
	private static ExecutionAttribute<Duration> retryBackoff(@Nullable ClassLoader classLoader) throws Exception {
		// A public constant: read, never made accessible.
		return (ExecutionAttribute<Duration>) Class.forName(RETRYABLE_STAGE_HELPER, false, classLoader)
			.getField("LAST_BACKOFF_DELAY_DURATION")
			.get(null);
	}

	/**
	 * What the starter relies on, and the feature each one carries.
	 */
	public enum Reliance {

		/** The execution attribute holding a call's span. */
		CALL_SPAN("span-enrichment",
				"OpenTelemetry's AWS SDK interceptor no longer keeps a call's span in the execution attribute "
						+ CALL_SPAN_ATTRIBUTE,
				"AWS spans lack aws.region, cloud.region, thread details, failure details and attempt details,"
						+ " and messages sent carry no trace context from the starter"),

		/** The execution attribute holding the request as the application made it. */
		ORIGINAL_REQUEST("original-request",
				"OpenTelemetry's AWS SDK interceptor no longer keeps the application's request in the execution"
						+ " attribute " + ORIGINAL_REQUEST_ATTRIBUTE,
				"with propagation off, what OpenTelemetry's interceptor adds to SQS, SNS and Lambda requests is"
						+ " no longer taken off"),

		/** The SDK's execution attribute holding the back-off before an attempt. */
		RETRY_BACKOFF("attempt-backoff",
				"the AWS SDK no longer has " + RETRYABLE_STAGE_HELPER + ".LAST_BACKOFF_DELAY_DURATION",
				"an attempt that got no response is shown ending where the next attempt starts"),

		/** The conventions OpenTelemetry's instrumentation decided on. */
		SEMCONV_STABILITY("semconv-detection",
				"io.opentelemetry.instrumentation.api.internal.SemconvStability is missing or changed",
				"the starter's own spans and metrics follow the conventions the environment asks for"),

		/** The received messages' list inside the SDK's response. */
		SQS_MESSAGES_HANDOVER("sqs-process-spans",
				"the list of messages inside " + RECEIVE_MESSAGE_RESPONSE + " cannot be replaced",
				"SQS messages received through the SDK are not handled inside process spans that continue their"
						+ " producers' traces (Spring Cloud AWS listeners still are)"),

		/** The name of OpenTelemetry's interceptor. */
		INTERCEPTOR_NAME("already-instrumented-detection",
				"OpenTelemetry's AWS SDK interceptor is no longer named " + UPSTREAM_INTERCEPTOR,
				"a client whose interceptor the OpenTelemetry Java agent or a library added is traced by the starter"
						+ " too (only the interceptor AwsSdkTelemetry makes is still recognised)"),

		/** The names of the SDK's generated async clients. */
		GENERATED_ASYNC_CLIENTS("async-callback-context",
				"the AWS SDK's generated async clients are no longer named Default<Service>AsyncClient",
				"futures of async clients complete on SDK threads without the caller's context");

		private final String feature;

		private final String reason;

		private final String effect;

		Reliance(String feature, String reason, String effect) {
			this.feature = feature;
			this.reason = reason;
			this.effect = effect;
		}

		/**
		 * Returns the name of the feature the reliance carries.
		 * @return the feature
		 */
		public String feature() {
			return this.feature;
		}

		/**
		 * Returns what the versions on the class path no longer do, in words.
		 * @return the reason
		 */
		public String reason() {
			return this.reason;
		}

		/**
		 * Returns what the application loses, in words.
		 * @return the effect
		 */
		public String effect() {
			return this.effect;
		}

	}

	/**
	 * A feature that is off, and why.
	 *
	 * @param reliance what it relies on
	 * @param detail what the check found
	 */
	public record Unavailable(Reliance reliance, String detail) {

		/**
		 * Returns the line logged for it.
		 * @return the WARN line
		 */
		public String message() {
			return "Feature '" + this.reliance.feature() + "' is off: " + this.reliance.reason() + " (" + this.detail
					+ "); " + this.reliance.effect() + ".";
		}

	}

	/**
	 * The conventions OpenTelemetry's instrumentation emits.
	 *
	 * @param oldMessaging the old messaging conventions
	 * @param stableMessaging the stable messaging conventions
	 * @param oldRpc the old RPC conventions
	 * @param stableRpc the stable RPC conventions
	 * @param oldDatabase the old database conventions
	 * @param stableDatabase the stable database conventions
	 */
	public record LibrarySemconv(boolean oldMessaging, boolean stableMessaging, boolean oldRpc, boolean stableRpc,
			boolean oldDatabase, boolean stableDatabase) {
	}

	@FunctionalInterface
	private interface Lookup<T> {

		T find() throws Exception;

	}

	/**
	 * A check made ahead of the application's, for its class loader.
	 *
	 * @param classLoader the class loader it was made for
	 * @param result the check, when made
	 */
	private record CheckedAhead(@Nullable ClassLoader classLoader, CompletableFuture<UpstreamInternals> result) {
	}

	private static final class Probe {

		private final List<Unavailable> unavailable;

		private final Set<Reliance> simulated;

		Probe(List<Unavailable> unavailable, Set<Reliance> simulated) {
			this.unavailable = unavailable;
			this.simulated = simulated;
		}

		<T> @Nullable T check(Reliance reliance, Lookup<T> lookup, @Nullable T fallback) {
			if (!available(reliance)) {
				return fallback;
			}
			String detail;
			try {
				if (this.simulated.contains(reliance)) {
					throw new IllegalStateException("made unavailable for a test");
				}
				return lookup.find();
			}
			catch (Exception | LinkageError ex) {
				detail = ex.getClass().getName() + ": " + ex.getMessage();
			}
			this.unavailable.add(new Unavailable(reliance, detail));
			return fallback;
		}

		private boolean available(Reliance reliance) {
			return this.unavailable.stream().noneMatch((off) -> off.reliance() == reliance);
		}

	}

	/**
	 * The SQS part, loaded only when the SQS SDK is on the class path.
	 */
	private static final class SqsMessages {

		private SqsMessages() {
		}

		static Field field() throws ReflectiveOperationException {
			Field field = software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse.class
				.getDeclaredField("messages");
			field.setAccessible(true);
			// Tried once on a response of the starter's own: a JDK that refuses writes to
			// final fields refuses here, not on an application's call.
			var probe = software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse.builder().build();
			List<Object> list = new ArrayList<>();
			write(field, probe, list);
			if ((Object) probe.messages() != list) {
				throw new IllegalStateException("the list written is not the list read");
			}
			return field;
		}

		// The starter's one write into an SDK object (NoPrivateStateWritesTests names
		// it).
		static void write(Field field, Object response, List<?> messages) throws IllegalAccessException {
			field.set(response, messages);
		}

	}

	/**
	 * OpenTelemetry's interceptor run once on a request of no service, with a no-op
	 * OpenTelemetry (nothing is recorded), to see which execution attributes it keeps.
	 */
	private static final class ProbeCall {

		private @Nullable ExecutionAttributes attributes;

		private @Nullable RuntimeException failure;

		private @Nullable Class<?> interceptorType;

		@Nullable Class<?> interceptorType() {
			try {
				attributes();
			}
			catch (RuntimeException ex) {
				// Reported by the attribute checks.
			}
			return this.interceptorType;
		}

		@SuppressWarnings("unchecked")
		<T> ExecutionAttribute<T> attributeNamed(String name) {
			for (ExecutionAttribute<?> attribute : attributes().getAttributes().keySet()) {
				if (attribute.toString().equals(name)) {
					return (ExecutionAttribute<T>) attribute;
				}
			}
			throw new IllegalStateException("no execution attribute of that name on a call");
		}

		private ExecutionAttributes attributes() {
			if (this.attributes == null && this.failure == null) {
				try {
					ExecutionInterceptor upstream = AwsSdkTelemetry.create(OpenTelemetry.noop())
						.createExecutionInterceptor();
					this.interceptorType = upstream.getClass();
					ExecutionAttributes attributes = new ExecutionAttributes();
					attributes.putAttribute(SdkExecutionAttribute.SERVICE_NAME, "AwsOtelProbe");
					attributes.putAttribute(SdkExecutionAttribute.OPERATION_NAME, "Probe");
					upstream.modifyRequest(() -> ProbeRequest.INSTANCE, attributes);
					this.attributes = attributes;
				}
				catch (RuntimeException ex) {
					this.failure = ex;
				}
			}
			if (this.failure != null) {
				throw this.failure;
			}
			return this.attributes;
		}

	}

	/**
	 * A request of no service, for the probe call.
	 */
	private static final class ProbeRequest extends SdkRequest {

		static final ProbeRequest INSTANCE = new ProbeRequest();

		@Override
		public Optional<? extends RequestOverrideConfiguration> overrideConfiguration() {
			return Optional.empty();
		}

		@Override
		public Builder toBuilder() {
			throw new UnsupportedOperationException();
		}

		@Override
		public List<SdkField<?>> sdkFields() {
			return List.of();
		}

	}

}
