/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.util.List;

import dev.awsotel.spring.autoconfigure.internal.decorate.DeferredTracingInterceptor;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.util.ClassUtils;

/**
 * {@link RuntimeHintsRegistrar} for what the starter reaches reflectively, through JDK
 * proxies or as a resource, so that a native image keeps it:
 * <ul>
 * <li>the SDK's global interceptors resource, and the no-argument constructor of the
 * {@link DeferredTracingInterceptor} it names (the SDK instantiates it reflectively),
 * with its field {@code armed} (an atomic field updater);</li>
 * <li>the SDK's last back-off attribute (OpenTelemetry's interceptor's attributes are
 * found by name, without reflection);</li>
 * <li>the {@code messages} field of SQS receive responses, and JDK proxies of
 * {@code SqsClient} and {@code SqsAsyncClient} (the hand-over of received messages);</li>
 * <li>JDK proxies of {@code BedrockRuntimeAsyncClient} (the starter's and OpenTelemetry's
 * wrappers of streaming calls);</li>
 * <li>the OpenTelemetry API's and the starter's version files, read by the startup
 * version check.</li>
 * </ul>
 * A client the application implemented itself is traced through a JDK proxy of its own
 * interfaces, which no hint can name in advance: such an application registers that proxy
 * itself.
 *
 * @author aws-otel-spring-boot authors
 */
class AwsOtelRuntimeHints implements RuntimeHintsRegistrar {

	static final String GLOBAL_INTERCEPTORS_RESOURCE = "software/amazon/awssdk/global/handlers/execution.interceptors";

	static final String RETRYABLE_STAGE_HELPER = "software.amazon.awssdk.core.internal.http.pipeline.stages.utils.RetryableStageHelper";

	static final String SQS_CLIENT = "software.amazon.awssdk.services.sqs.SqsClient";

	static final String SQS_ASYNC_CLIENT = "software.amazon.awssdk.services.sqs.SqsAsyncClient";

	static final String BEDROCK_RUNTIME_ASYNC_CLIENT = "software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient";

	static final String RECEIVE_MESSAGE_RESPONSE = "software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse";

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern(GLOBAL_INTERCEPTORS_RESOURCE);
		hints.resources().registerPattern("io/opentelemetry/api/version.properties");
		hints.resources().registerPattern("dev/awsotel/spring/autoconfigure/internal/diagnostics/versions.properties");
		hints.reflection()
			.registerType(DeferredTracingInterceptor.class,
					(type) -> type.withConstructor(List.of(), ExecutableMode.INVOKE).withField("armed"));
		registerFieldsIfPresent(hints, classLoader, RETRYABLE_STAGE_HELPER, "LAST_BACKOFF_DELAY_DURATION");
		if (ClassUtils.isPresent(SQS_CLIENT, classLoader)) {
			registerFieldsIfPresent(hints, classLoader, RECEIVE_MESSAGE_RESPONSE, "messages");
			hints.proxies().registerJdkProxy(TypeReference.of(SQS_CLIENT));
			hints.proxies().registerJdkProxy(TypeReference.of(SQS_ASYNC_CLIENT));
		}
		if (ClassUtils.isPresent(BEDROCK_RUNTIME_ASYNC_CLIENT, classLoader)) {
			hints.proxies().registerJdkProxy(TypeReference.of(BEDROCK_RUNTIME_ASYNC_CLIENT));
		}
	}

	private static void registerFieldsIfPresent(RuntimeHints hints, ClassLoader classLoader, String className,
			String... fields) {
		if (ClassUtils.isPresent(className, classLoader)) {
			hints.reflection().registerType(TypeReference.of(className), (type) -> {
				for (String field : fields) {
					type.withField(field);
				}
			});
		}
	}

}
