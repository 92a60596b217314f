/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.httpclient;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.internal.registry.AwsClientRegistry;
import dev.awsotel.spring.autoconfigure.internal.registry.TracingMode;
import dev.awsotel.spring.autoconfigure.support.AwsSpans;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same calls through each HTTP client the AWS SDK offers, against real servers on
 * loopback: a client bean is traced the same way whatever HTTP client it was built with.
 * Sync clients: Apache, Apache 5, URLConnection and AWS CRT, each with DynamoDB
 * (dynalite) and S3 (S3Proxy). Async clients: Netty and AWS CRT, with SQS (ElasticMQ) and
 * S3. And the CRT-based S3 client ({@code S3AsyncClient.crtBuilder()}) under
 * {@code S3TransferManager}.
 *
 * @author aws-otel-spring-boot authors
 */
class HttpClientsIntegrationTests {

	private static final int MIB = 1024 * 1024;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class);

	@Test
	void apacheHttpClient() {
		assertSyncClientTraced("apache", ApacheHttpClient::create);
	}

	@Test
	void apache5HttpClient() {
		assertSyncClientTraced("apache5", Apache5HttpClient::create);
	}

	@Test
	void urlConnectionHttpClient() {
		assertSyncClientTraced("urlconnection", UrlConnectionHttpClient::create);
	}

	@Test
	void awsCrtHttpClient() {
		assertSyncClientTraced("crt", AwsCrtHttpClient::create);
	}

	@Test
	void nettyNioAsyncHttpClient() {
		assertAsyncClientTraced("netty", NettyNioAsyncHttpClient::create);
	}

	@Test
	void awsCrtAsyncHttpClient() {
		assertAsyncClientTraced("crt-async", AwsCrtAsyncHttpClient::create);
	}

	/**
	 * The CRT-based S3 client runs each operation through the SDK's interceptors once and
	 * hands the whole transfer to the CRT, which splits it into parts on its own: each
	 * operation is one span, and the parts (ranged GETs here) are not spans. The upload
	 * stays under the CRT's part size: S3Proxy's answer to CreateMultipartUpload is not
	 * one the CRT can read.
	 */
	@Test
	void crtS3ClientUnderTransferManagerGivesOneSpanPerOperation(@TempDir Path directory) throws Exception {
		URI s3Endpoint = LocalAws.s3();
		Path upload = directory.resolve("upload.bin");
		Files.write(upload, content(5 * MIB));
		Path download = directory.resolve("download.bin");
		byte[] large = content(20 * MIB);
		// Written by a plain client outside the application; over the CRT's part size, so
		// the CRT splits its download into ranged GETs of its own.
		try (S3Client plain = LocalAws.configure(S3Client.builder(), s3Endpoint).forcePathStyle(true).build()) {
			plain.createBucket((request) -> request.bucket("http-crt-s3"));
			plain.putObject((request) -> request.bucket("http-crt-s3").key("large.bin"), RequestBody.fromBytes(large));
		}
		Path largeDownload = directory.resolve("large.bin");
		this.contextRunner.withBean(S3AsyncClient.class, () -> crtS3Client(s3Endpoint)).run((context) -> {
			InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
			OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
			S3AsyncClient s3 = context.getBean(S3AsyncClient.class);
			assertThat(context.getBean(AwsClientRegistry.class).client("s3AsyncClient"))
				.hasValueSatisfying((client) -> assertThat(client.mode()).isEqualTo(TracingMode.INTERCEPTOR));
			Span parent = Spans.runInParent(openTelemetry, () -> {
				try (S3TransferManager transferManager = S3TransferManager.builder().s3Client(s3).build()) {
					transferManager
						.uploadFile((request) -> request.source(upload)
							.putObjectRequest((put) -> put.bucket("http-crt-s3").key("upload.bin")))
						.completionFuture()
						.join();
					transferManager
						.downloadFile((request) -> request.destination(download)
							.getObjectRequest((get) -> get.bucket("http-crt-s3").key("upload.bin")))
						.completionFuture()
						.join();
					transferManager
						.downloadFile((request) -> request.destination(largeDownload)
							.getObjectRequest((get) -> get.bucket("http-crt-s3").key("large.bin")))
						.completionFuture()
						.join();
				}
			});
			assertThat(Files.mismatch(upload, download)).isEqualTo(-1L);
			assertThat(Files.readAllBytes(largeDownload)).isEqualTo(large);

			SpanData put = Spans.single(spans, "S3.PutObject");
			AwsSpans.assertChildOf(put, parent);
			AwsSpans.assertSuccessfulCall(put, "S3", "PutObject", SpanKind.CLIENT);
			List<SpanData> gets = Spans.named(spans, "S3.GetObject");
			assertThat(gets).hasSize(2).allSatisfy((get) -> {
				AwsSpans.assertChildOf(get, parent);
				AwsSpans.assertSuccessfulCall(get, "S3", "GetObject", SpanKind.CLIENT);
			});
			assertThat(Spans.names(spans)).containsExactlyInAnyOrder("S3.PutObject", "S3.GetObject", "S3.GetObject",
					"parent");
		});
	}

	/**
	 * An upload over the CRT's part size: the CRT sends it in parts
	 * (CreateMultipartUpload, three UploadParts, CompleteMultipartUpload) below the SDK's
	 * interceptors, and the caller's call is one {@code S3.PutObject} span. On S3Mock,
	 * whose multipart answers the CRT reads.
	 */
	@Test
	void crtS3ClientUploadsInPartsUnderOneSpan(@TempDir Path directory) throws Exception {
		byte[] large = content(20 * MIB);
		Path upload = directory.resolve("upload.bin");
		Files.write(upload, large);
		try (ChildProcessServer s3Mock = ChildProcessServer.s3mock();
				S3Client plain = LocalAws.configure(S3Client.builder(), s3Mock.endpoint())
					.forcePathStyle(true)
					.build()) {
			plain.createBucket((request) -> request.bucket("crt-multipart"));
			this.contextRunner.withBean(S3AsyncClient.class, () -> crtS3Client(s3Mock.endpoint())).run((context) -> {
				InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
				S3AsyncClient s3 = context.getBean(S3AsyncClient.class);
				Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class), () -> {
					try (S3TransferManager transferManager = S3TransferManager.builder().s3Client(s3).build()) {
						transferManager
							.uploadFile((request) -> request.source(upload)
								.putObjectRequest((put) -> put.bucket("crt-multipart").key("large.bin")))
							.completionFuture()
							.join();
					}
				});

				// A multipart object's ETag ends with its number of parts.
				assertThat(plain.headObject((request) -> request.bucket("crt-multipart").key("large.bin")).eTag())
					.endsWith("-3\"");
				assertThat(plain.getObjectAsBytes((request) -> request.bucket("crt-multipart").key("large.bin"))
					.asByteArray()).isEqualTo(large);
				SpanData put = Spans.single(spans, "S3.PutObject");
				AwsSpans.assertChildOf(put, parent);
				AwsSpans.assertSuccessfulCall(put, "S3", "PutObject", SpanKind.CLIENT);
				assertThat(Spans.names(spans)).containsExactlyInAnyOrder("S3.PutObject", "parent");
			});
		}
	}

	/**
	 * A multipart upload that fails inside the CRT (S3Proxy answers CreateMultipartUpload
	 * with nothing the CRT reads as an upload id): the caller gets what an untraced CRT
	 * client gets, and the call's span says it failed.
	 */
	@Test
	void crtS3ClientMultipartUploadThatFailsInTheCrtFailsItsSpan(@TempDir Path directory) throws Exception {
		URI s3Endpoint = LocalAws.s3();
		Path upload = directory.resolve("upload.bin");
		Files.write(upload, content(20 * MIB));
		try (S3Client plain = LocalAws.configure(S3Client.builder(), s3Endpoint).forcePathStyle(true).build();
				S3AsyncClient untraced = crtS3Client(s3Endpoint)) {
			plain.createBucket((request) -> request.bucket("crt-multipart-failing"));
			Throwable expected = uploadFailure(untraced, upload);
			assertThat(expected).isInstanceOf(SdkClientException.class);
			this.contextRunner.withBean(S3AsyncClient.class, () -> crtS3Client(s3Endpoint)).run((context) -> {
				InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
				S3AsyncClient s3 = context.getBean(S3AsyncClient.class);
				Throwable[] failure = new Throwable[1];
				Span parent = Spans.runInParent(context.getBean(OpenTelemetry.class),
						() -> failure[0] = uploadFailure(s3, upload));

				assertThat(failure[0]).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
				SpanData put = Spans.single(spans, "S3.PutObject");
				AwsSpans.assertChildOf(put, parent);
				assertThat(put.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
				assertThat(put.getAttributes().get(AwsSpans.ERROR_TYPE)).isEqualTo(expected.getClass().getName());
			});
		}
	}

	private static Throwable uploadFailure(S3AsyncClient s3, Path upload) {
		try (S3TransferManager transferManager = S3TransferManager.builder().s3Client(s3).build()) {
			transferManager
				.uploadFile((request) -> request.source(upload)
					.putObjectRequest((put) -> put.bucket("crt-multipart-failing").key("large.bin")))
				.completionFuture()
				.join();
			throw new AssertionError("The upload was expected to fail");
		}
		catch (CompletionException ex) {
			return ex.getCause();
		}
	}

	private static S3AsyncClient crtS3Client(URI endpoint) {
		return S3AsyncClient.crtBuilder()
			.endpointOverride(endpoint)
			.region(LocalAws.REGION)
			.credentialsProvider(LocalAws.CREDENTIALS)
			.forcePathStyle(true)
			.minimumPartSizeInBytes(8L * MIB)
			.build();
	}

	private static byte[] content(int size) {
		byte[] content = new byte[size];
		for (int i = 0; i < size; i++) {
			content[i] = (byte) (i % 251);
		}
		return content;
	}

	private void assertSyncClientTraced(String name, Supplier<SdkHttpClient> httpClient) {
		URI dynamoDbEndpoint = LocalAws.dynamoDb();
		URI s3Endpoint = LocalAws.s3();
		this.contextRunner
			.withBean(DynamoDbClient.class,
					() -> LocalAws.configure(DynamoDbClient.builder(), dynamoDbEndpoint)
						.httpClient(httpClient.get())
						.build())
			.withBean(S3Client.class,
					() -> LocalAws.configure(S3Client.builder(), s3Endpoint)
						.forcePathStyle(true)
						.httpClient(httpClient.get())
						.build())
			.run((context) -> {
				InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
				S3Client s3 = context.getBean(S3Client.class);
				String bucket = "http-" + name;
				Span parent = Spans.runInParent(openTelemetry, () -> {
					dynamoDb.listTables();
					assertThatThrownBy(() -> dynamoDb.describeTable((request) -> request.tableName("missing-" + name)))
						.isInstanceOf(ResourceNotFoundException.class);
					s3.createBucket((request) -> request.bucket(bucket));
					s3.putObject((request) -> request.bucket(bucket).key("receipt.txt"),
							RequestBody.fromString("paid by " + name));
					String body = s3
						.getObject((request) -> request.bucket(bucket).key("receipt.txt"),
								ResponseTransformer.toBytes())
						.asUtf8String();
					assertThat(body).isEqualTo("paid by " + name);
				});

				assertCalls(spans, parent,
						List.of("DynamoDb.ListTables", "S3.CreateBucket", "S3.PutObject", "S3.GetObject"));
				SpanData failed = Spans.single(spans, "DynamoDb.DescribeTable");
				AwsSpans.assertChildOf(failed, parent);
				AwsSpans.assertFailedCall(failed, 400, ResourceNotFoundException.class.getName());
			});
	}

	private void assertAsyncClientTraced(String name, Supplier<SdkAsyncHttpClient> httpClient) {
		URI sqsEndpoint = LocalAws.sqs();
		URI s3Endpoint = LocalAws.s3();
		this.contextRunner.withBean(SqsAsyncClient.class,
				() -> LocalAws.configure(SqsAsyncClient.builder(), sqsEndpoint).httpClient(httpClient.get()).build())
			.withBean(S3AsyncClient.class,
					() -> LocalAws.configure(S3AsyncClient.builder(), s3Endpoint)
						.forcePathStyle(true)
						.httpClient(httpClient.get())
						.build())
			.run((context) -> {
				InMemorySpanExporter spans = context.getBean(InMemorySpanExporter.class);
				OpenTelemetry openTelemetry = context.getBean(OpenTelemetry.class);
				SqsAsyncClient sqs = context.getBean(SqsAsyncClient.class);
				S3AsyncClient s3 = context.getBean(S3AsyncClient.class);
				String bucket = "http-" + name;
				Span parent = Spans.runInParent(openTelemetry, () -> {
					String queueUrl = sqs.createQueue((request) -> request.queueName("http-" + name)).join().queueUrl();
					sqs.sendMessage((request) -> request.queueUrl(queueUrl).messageBody("order")).join();
					assertThatThrownBy(() -> sqs.getQueueUrl((request) -> request.queueName("missing-" + name)).join())
						.hasCauseInstanceOf(QueueDoesNotExistException.class);
					s3.createBucket((request) -> request.bucket(bucket)).join();
					s3.putObject((request) -> request.bucket(bucket).key("receipt.txt"),
							AsyncRequestBody.fromString("paid by " + name))
						.join();
					String body = s3
						.getObject((request) -> request.bucket(bucket).key("receipt.txt"),
								AsyncResponseTransformer.toBytes())
						.join()
						.asUtf8String();
					assertThat(body).isEqualTo("paid by " + name);
				});

				assertCalls(spans, parent,
						List.of("Sqs.CreateQueue", "S3.CreateBucket", "S3.PutObject", "S3.GetObject"));
				SpanData send = Spans.single(spans, "http-" + name + " publish");
				AwsSpans.assertChildOf(send, parent);
				assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
				assertThat(send.getAttributes().get(AwsSpans.HTTP_STATUS)).isEqualTo(200L);
				SpanData failed = Spans.single(spans, "Sqs.GetQueueUrl");
				AwsSpans.assertChildOf(failed, parent);
				AwsSpans.assertFailedCall(failed, 400, QueueDoesNotExistException.class.getName());
			});
	}

	private static void assertCalls(InMemorySpanExporter spans, Span parent, List<String> names) {
		for (String name : names) {
			SpanData span = Spans.single(spans, name);
			AwsSpans.assertChildOf(span, parent);
			String[] serviceAndMethod = name.split("\\.");
			AwsSpans.assertSuccessfulCall(span, serviceAndMethod[0], serviceAndMethod[1], SpanKind.CLIENT);
		}
	}

}
