/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The servers every run of {@link ComparisonApplication} calls, each behind a
 * {@link RecordingProxy}: ElasticMQ (SQS), fauxqs (SNS), dynalite (DynamoDB), S3Proxy
 * (S3), kinesalite (Kinesis) and WireMock for the services no server here emulates
 * (Lambda, Step Functions, Secrets Manager, Bedrock Runtime, EventBridge) and for the
 * throttled and 5xx calls.
 *
 * @author aws-otel-spring-boot authors
 */
final class Servers implements AutoCloseable {

	private static final String JSON_1_0 = "application/x-amz-json-1.0";

	private static final String JSON_1_1 = "application/x-amz-json-1.1";

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final Map<String, RecordingProxy> proxies = new LinkedHashMap<>();

	Servers() {
		ElasticMqServer sqs = started(ElasticMqServer.start());
		ChildProcessServer sns = started(ChildProcessServer.fauxqs());
		ChildProcessServer dynamoDb = started(ChildProcessServer.dynalite());
		ChildProcessServer s3 = started(ChildProcessServer.s3proxy());
		ChildProcessServer kinesis = started(ChildProcessServer.kinesalite());
		WireMockServer wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		wireMock.start();
		this.closeables.add(wireMock::stop);
		stub(wireMock);
		proxy("sqs", sqs.endpoint());
		proxy("sns", sns.endpoint());
		proxy("dynamodb", dynamoDb.endpoint());
		proxy("s3", s3.endpoint());
		proxy("kinesis", kinesis.endpoint());
		proxy("wiremock", URI.create("http://127.0.0.1:" + wireMock.port()));
	}

	private <T extends AutoCloseable> T started(T server) {
		this.closeables.add(server);
		return server;
	}

	private void proxy(String name, URI target) {
		RecordingProxy proxy = new RecordingProxy(target);
		this.closeables.add(proxy);
		this.proxies.put(name, proxy);
	}

	/**
	 * Returns the system properties that point the application's clients at the proxies.
	 * @return {@code -Dendpoint.<server>=<proxy>} arguments
	 */
	List<String> endpointArguments() {
		return this.proxies.entrySet()
			.stream()
			.map((entry) -> "-Dendpoint." + entry.getKey() + "=" + entry.getValue().endpoint())
			.toList();
	}

	/**
	 * Returns every request the proxies recorded.
	 * @return the requests
	 */
	List<RecordingProxy.RecordedRequest> requests() {
		List<RecordingProxy.RecordedRequest> requests = new ArrayList<>();
		this.proxies.values().forEach((proxy) -> requests.addAll(proxy.requests()));
		return requests;
	}

	private static void stub(WireMockServer wireMock) {
		wireMock.stubFor(
				post(urlPathMatching("/2015-03-31/functions/.*/invocations")).willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/json")
					.withHeader("X-Amz-Executed-Version", "$LATEST")
					.withBody("{\"ok\":true}")));
		wireMock
			.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
				.withRequestBody(containing("stateMachine:orders"))
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", JSON_1_0)
					.withBody("{\"executionArn\":\"arn:aws:states:us-east-1:000000000000:execution:orders:1\","
							+ "\"startDate\":1767225600}")));
		wireMock
			.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution"))
				.withRequestBody(containing("stateMachine:broken"))
				.willReturn(aResponse().withStatus(500)
					.withHeader("Content-Type", JSON_1_0)
					.withBody("{\"__type\":\"InternalFailure\",\"message\":\"broken\"}")));
		wireMock.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
			.withRequestBody(containing("orders-db"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", JSON_1_1)
				.withBody("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:orders-db-AbCdEf\","
						+ "\"Name\":\"orders-db\",\"SecretString\":\"s3cr3t\",\"VersionId\":\"v1\","
						+ "\"CreatedDate\":1767225600}")));
		wireMock.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
			.withRequestBody(containing("throttled"))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", JSON_1_1)
				.withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
		wireMock.stubFor(post(urlPathMatching("/")).withHeader("X-Amz-Target", equalTo("AWSEvents.PutEvents"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", JSON_1_1)
				.withBody("{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}")));
		wireMock.stubFor(post(urlPathMatching("/model/.*/converse")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hi\"}]}},"
					+ "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":3,\"outputTokens\":2,"
					+ "\"totalTokens\":5},\"metrics\":{\"latencyMs\":12}}")));
		wireMock.stubFor(post(urlPathMatching("/model/.*/converse-stream")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/vnd.amazon.eventstream")
			.withBody(eventStream(Map.of("messageStart", "{\"role\":\"assistant\"}", "contentBlockDelta",
					"{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hi\"}}", "contentBlockStop",
					"{\"contentBlockIndex\":0}", "messageStop", "{\"stopReason\":\"end_turn\"}", "metadata",
					"{\"usage\":{\"inputTokens\":3,\"outputTokens\":2,\"totalTokens\":5},"
							+ "\"metrics\":{\"latencyMs\":12}}")))));
		wireMock.stubFor(post(urlPathMatching("/model/.*/invoke")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"inputTextTokenCount\":3,\"results\":[{\"tokenCount\":2,\"outputText\":\"Hi\","
					+ "\"completionReason\":\"FINISH\"}]}")));
	}

	/**
	 * Encodes events as a response of an event-streaming operation
	 * ({@code application/vnd.amazon.eventstream}), in the order given.
	 */
	private static byte[] eventStream(Map<String, String> events) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		List<String> order = List.of("messageStart", "contentBlockDelta", "contentBlockStop", "messageStop",
				"metadata");
		for (String type : order) {
			Map<String, HeaderValue> headers = new LinkedHashMap<>();
			headers.put(":message-type", HeaderValue.fromString("event"));
			headers.put(":event-type", HeaderValue.fromString(type));
			headers.put(":content-type", HeaderValue.fromString("application/json"));
			ByteBuffer encoded = new Message(headers, events.get(type).getBytes(StandardCharsets.UTF_8)).toByteBuffer();
			byte[] bytes = new byte[encoded.remaining()];
			encoded.get(bytes);
			out.writeBytes(bytes);
		}
		return out.toByteArray();
	}

	@Override
	public void close() {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			try {
				this.closeables.get(i).close();
			}
			catch (Exception ex) {
				// Closing the rest anyway.
			}
		}
	}

}
