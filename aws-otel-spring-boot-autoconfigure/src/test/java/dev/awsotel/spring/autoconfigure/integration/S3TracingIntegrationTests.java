/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.integration;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.internal.multipart.MultipartS3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedUpload;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * S3 calls on S3Proxy through client beans the starter traced: settings the application
 * chose (path-style, checksums, multipart) stay in force, and the transfer manager built
 * on a traced client is traced.
 *
 * @author aws-otel-spring-boot authors
 */
class S3TracingIntegrationTests {

	private static final AttributeKey<String> BUCKET = AttributeKey.stringKey("aws.s3.bucket");

	private static final int MIB = 1024 * 1024;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, S3Clients.class);

	@Test
	void whenSyncClientPutsAndGetsObjectThenSpansCarryBucketAndAppSettingsStayInForce() {
		this.contextRunner.run((context) -> {
			S3Client s3 = context.getBean(S3Client.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			s3.createBucket((b) -> b.bucket("receipts-sync"));
			exporter.reset();

			Spans.InParent<ResponseBytes<GetObjectResponse>> read = Spans.inParent(context.getBean(OpenTelemetry.class),
					() -> {
						s3.putObject((p) -> p.bucket("receipts-sync").key("r-1.json"),
								RequestBody.fromString("{\"order\":1}"));
						return s3.getObjectAsBytes((g) -> g.bucket("receipts-sync").key("r-1.json"));
					});

			assertThat(read.result().asUtf8String()).isEqualTo("{\"order\":1}");
			for (String method : List.of("PutObject", "GetObject")) {
				SpanData span = Spans.single(exporter, "S3." + method);
				AwsSpans.assertSuccessfulCall(span, "S3", method, SpanKind.CLIENT);
				AwsSpans.assertChildOf(span, read.span());
				assertThat(span.getAttributes().get(BUCKET)).isEqualTo("receipts-sync");
			}
			SdkHttpRequest put = context.getBean("syncInterceptor", RecordingInterceptor.class)
				.requests()
				.stream()
				.filter((request) -> request.method().name().equals("PUT"))
				.reduce((first, second) -> second)
				.orElseThrow();
			// Path-style addressing and "checksums only when required" are the
			// application's settings: the request on the wire must still follow them.
			assertThat(put.encodedPath()).isEqualTo("/receipts-sync/r-1.json");
			assertThat(put.headers().keySet()).noneMatch((name) -> name.startsWith("x-amz-checksum-"));
		});
	}

	@Test
	void whenAsyncClientPutsObjectThenSpanIsChildOfCallerSpan() {
		this.contextRunner.run((context) -> {
			S3AsyncClient s3 = context.getBean(S3AsyncClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			s3.createBucket((b) -> b.bucket("receipts-async")).join();
			exporter.reset();

			Span parent = Spans
				.inParent(context.getBean(OpenTelemetry.class),
						() -> s3
							.putObject((p) -> p.bucket("receipts-async").key("r-2.json"),
									AsyncRequestBody.fromString("{\"order\":2}"))
							.orTimeout(10, TimeUnit.SECONDS)
							.join())
				.span();

			SpanData span = Spans.single(exporter, "S3.PutObject");
			AwsSpans.assertSuccessfulCall(span, "S3", "PutObject", SpanKind.CLIENT);
			AwsSpans.assertChildOf(span, parent);
			assertThat(span.getAttributes().get(BUCKET)).isEqualTo("receipts-async");
		});
	}

	@Test
	void whenObjectIsMissingThenCallerGetsNoSuchKeyAndSpanIsAnError() {
		this.contextRunner.run((context) -> {
			S3Client s3 = context.getBean(S3Client.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			s3.createBucket((b) -> b.bucket("receipts-missing"));

			assertThatExceptionOfType(NoSuchKeyException.class)
				.isThrownBy(() -> s3.getObjectAsBytes((g) -> g.bucket("receipts-missing").key("absent")))
				.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(404));

			AwsSpans.assertFailedCall(Spans.single(exporter, "S3.GetObject"), 404, NoSuchKeyException.class.getName());
		});
	}

	@Test
	void whenListingWithPaginatorThenEachPageIsASpan() {
		this.contextRunner.run((context) -> {
			S3Client s3 = context.getBean(S3Client.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			s3.createBucket((b) -> b.bucket("receipts-paged"));
			for (int i = 0; i < 5; i++) {
				String key = "r-" + i;
				s3.putObject((p) -> p.bucket("receipts-paged").key(key), RequestBody.fromString("x"));
			}
			exporter.reset();

			long keys = s3.listObjectsV2Paginator((l) -> l.bucket("receipts-paged").maxKeys(2))
				.contents()
				.stream()
				.count();

			assertThat(keys).isEqualTo(5);
			assertThat(Spans.named(exporter, "S3.ListObjectsV2")).hasSize(3)
				.allSatisfy((span) -> assertThat(span.getAttributes().get(BUCKET)).isEqualTo("receipts-paged"));
		});
	}

	@Test
	void whenTransferManagerUploadsOnTracedMultipartClientThenEveryPartIsTracedUnderTheCaller() {
		this.contextRunner.run((context) -> {
			S3AsyncClient s3 = context.getBean(S3AsyncClient.class);
			InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
			// The bean is still the SDK's multipart client, not a wrapper that would hide
			// it from the transfer manager.
			assertThat(s3).isInstanceOf(MultipartS3AsyncClient.class);
			s3.createBucket((b) -> b.bucket("uploads")).join();
			exporter.reset();
			byte[] content = new byte[12 * MIB];
			content[content.length - 1] = 7;

			Spans.InParent<CompletedUpload> upload;
			try (S3TransferManager transferManager = S3TransferManager.builder().s3Client(s3).build()) {
				upload = Spans.inParent(context.getBean(OpenTelemetry.class),
						() -> transferManager
							.upload((u) -> u.putObjectRequest((p) -> p.bucket("uploads").key("big.bin"))
								.requestBody(AsyncRequestBody.fromBytes(content)))
							.completionFuture()
							.orTimeout(60, TimeUnit.SECONDS)
							.join());
			}

			assertThat(upload.result().response().eTag()).isNotBlank();
			AwsSpans.assertChildOf(Spans.single(exporter, "S3.CreateMultipartUpload"), upload.span());
			// The SDK sends the parts and the completion from its own threads, after the
			// caller's call returned: they are traced, each in its own trace.
			assertThat(Spans.named(exporter, "S3.UploadPart")).hasSize(3)
				.allSatisfy((span) -> AwsSpans.assertSuccessfulCall(span, "S3", "UploadPart", SpanKind.CLIENT));
			AwsSpans.assertSuccessfulCall(Spans.single(exporter, "S3.CompleteMultipartUpload"), "S3",
					"CompleteMultipartUpload", SpanKind.CLIENT);
			// Read back with the sync client: S3Proxy cannot serve the part-wise GET that
			// the multipart async client makes.
			byte[] stored = context.getBean(S3Client.class)
				.getObjectAsBytes((g) -> g.bucket("uploads").key("big.bin"))
				.asByteArray();
			assertThat(stored).isEqualTo(content);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class S3Clients {

		@Bean
		RecordingInterceptor syncInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean(destroyMethod = "close")
		S3Client s3Client(RecordingInterceptor syncInterceptor) {
			return LocalAws.configure(S3Client.builder(), LocalAws.s3())
				.forcePathStyle(true)
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.overrideConfiguration((o) -> o.addExecutionInterceptor(syncInterceptor))
				.build();
		}

		@Bean(destroyMethod = "close")
		S3AsyncClient s3AsyncClient() {
			return LocalAws.configure(S3AsyncClient.builder(), LocalAws.s3())
				.forcePathStyle(true)
				// S3Proxy answers 501 to the checksum headers the SDK adds by default.
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.overrideConfiguration((o) -> o.addExecutionInterceptor(new WithoutObjectSizeHeader()))
				.multipartEnabled(true)
				.multipartConfiguration((m) -> m.minimumPartSizeInBytes(5L * MIB).thresholdInBytes(8L * MIB))
				.build();
		}

	}

	/**
	 * S3Proxy answers 501 to the {@code x-amz-mp-object-size} header the SDK's multipart
	 * client sends with CompleteMultipartUpload; real S3 accepts it.
	 */
	static class WithoutObjectSizeHeader implements ExecutionInterceptor {

		@Override
		public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
				ExecutionAttributes executionAttributes) {
			return context.httpRequest().toBuilder().removeHeader("x-amz-mp-object-size").build();
		}

	}

}
