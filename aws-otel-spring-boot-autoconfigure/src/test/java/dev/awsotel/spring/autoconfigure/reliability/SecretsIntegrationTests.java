/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.reliability;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.awsotel.spring.autoconfigure.actuate.AwsClientsEndpoint;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * An application that handles secrets through traced clients: session credentials, SQS
 * message bodies and attributes, an S3 object and its metadata, a presigned S3 URL used
 * through the SDK, DynamoDB items with OpenTelemetry's experimental attributes on, and
 * Secrets Manager values (WireMock: there is no emulator). Each secret has a distinctive
 * value; then everything the instrumentation put out is scanned: every span's name,
 * attributes, events, links and status, every metric, every log line at debug for
 * {@code dev.awsotel} and {@code io.opentelemetry}, and the {@code awsclients} endpoint
 * as the application's JSON mapper writes it. None may hold any of them.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsIntegrationTests {

	static final String ACCESS_KEY_ID = "AKIDSECRETSCAN0000001";

	static final String SECRET_KEY = "secretScanSecretAccessKey0000000000000001";

	static final String SESSION_TOKEN = "secretScanSessionToken000000000000000000000001";

	static final String MESSAGE_BODY = "secret-scan-message-body-0001";

	static final String MESSAGE_ATTRIBUTE = "secret-scan-message-attribute-0001";

	static final String OBJECT_BODY = "secret-scan-object-body-0001";

	static final String OBJECT_METADATA = "secret-scan-object-metadata-0001";

	static final String ITEM_VALUE = "secret-scan-item-value-0001";

	static final String SECRET_STRING = "secret-scan-secret-string-0001";

	static final String PUT_SECRET_STRING = "secret-scan-put-secret-string-0001";

	static final String ENDPOINT_USER_INFO = "secret-scan-endpoint-password-0001";

	static final String ENDPOINT_QUERY = "secret-scan-endpoint-query-0001";

	// S3Proxy answers 501 to a request with a session token header: S3 clients sign with
	// long-term keys (the presigned URL still carries the session token).
	static final String S3_ACCESS_KEY_ID = "AKIDSECRETSCANS300001";

	static final String S3_SECRET_KEY = "secretScanS3SecretAccessKey00000000000001";

	static final StaticCredentialsProvider S3_CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create(S3_ACCESS_KEY_ID, S3_SECRET_KEY));

	static final StaticCredentialsProvider SESSION_CREDENTIALS = StaticCredentialsProvider
		.create(AwsSessionCredentials.create(ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN));

	private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

	private static WireMockServer secretsManager;

	@BeforeAll
	static void startSecretsManager() {
		secretsManager = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		secretsManager.start();
		secretsManager.stubFor(post(urlEqualTo("/"))
			.withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/x-amz-json-1.1")
				.withHeader("x-amzn-RequestId", "7b1a4b0e-1c41-4f36-9c22-000000000001")
				.withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:000000000000:secret:db-AbCdEf\","
						+ "\"Name\":\"db\",\"VersionId\":\"00000000-0000-0000-0000-000000000001\",\"SecretString\":\""
						+ SECRET_STRING + "\",\"VersionStages\":[\"AWSCURRENT\"],\"CreatedDate\":1.7E9}")));
		secretsManager
			.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.PutSecretValue"))
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "application/x-amz-json-1.1")
					.withHeader("x-amzn-RequestId", "7b1a4b0e-1c41-4f36-9c22-000000000002")
					.withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:000000000000:secret:db-AbCdEf\","
							+ "\"Name\":\"db\",\"VersionId\":\"00000000-0000-0000-0000-000000000002\","
							+ "\"VersionStages\":[\"AWSCURRENT\"]}")));
		stubThrottledOnce();
	}

	/**
	 * A secret whose first read is throttled, so that attempt spans are scanned too.
	 */
	private static void stubThrottledOnce() {
		secretsManager.stubFor(post(urlEqualTo("/")).inScenario("throttled")
			.whenScenarioStateIs(Scenario.STARTED)
			.withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
			.withRequestBody(containing("\"rotating\""))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/x-amz-json-1.1")
				.withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
			.willSetStateTo("answered"));
		secretsManager.stubFor(post(urlEqualTo("/")).inScenario("throttled")
			.whenScenarioStateIs("answered")
			.withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
			.withRequestBody(containing("\"rotating\""))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/x-amz-json-1.1")
				.withBody("{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:000000000000:secret:rotating-AbCdEf\","
						+ "\"Name\":\"rotating\",\"SecretString\":\"" + SECRET_STRING + "-rotated\"}")));
	}

	@AfterAll
	static void stopSecretsManager() {
		secretsManager.stop();
	}

	@Test
	void nothingTheInstrumentationPutsOutHoldsASecret(CapturedOutput output) throws Exception {
		List<String> secrets = new ArrayList<>(List.of(ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, S3_ACCESS_KEY_ID,
				S3_SECRET_KEY, MESSAGE_BODY, MESSAGE_ATTRIBUTE, OBJECT_BODY, OBJECT_METADATA, ITEM_VALUE, SECRET_STRING,
				PUT_SECRET_STRING, ENDPOINT_USER_INFO, ENDPOINT_QUERY));
		StringBuilder exported = new StringBuilder();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("otel.aws.experimental-span-attributes=true",
					"management.endpoints.web.exposure.include=awsclients", "logging.level.dev.awsotel=debug",
					"logging.level.io.opentelemetry=debug", "otel.traces.exporter=none", "otel.metrics.exporter=none",
					"otel.logs.exporter=none", "test.secretsmanager.endpoint=" + secretsManager.baseUrl())
			.run()) {
			String presignedSignature = useEverySecret(context);
			AtomicInteger withSessionToken = new AtomicInteger();
			secrets.add(presignedSignature);
			// Every request signature, and the token in its header, as sent.
			for (SdkHttpRequest request : context.getBean(RecordingInterceptor.class).requests()) {
				request.firstMatchingHeader("Authorization").ifPresent((authorization) -> {
					Matcher signature = SIGNATURE.matcher(authorization);
					assertThat(signature.find()).as(authorization).isTrue();
					secrets.add(signature.group(1));
				});
				request.firstMatchingRawQueryParameter("X-Amz-Signature").ifPresent(secrets::add);
				request.firstMatchingHeader("X-Amz-Security-Token")
					.or(() -> request.firstMatchingRawQueryParameter("X-Amz-Security-Token"))
					.ifPresent((token) -> {
						assertThat(token).isEqualTo(SESSION_TOKEN);
						withSessionToken.incrementAndGet();
					});
			}
			assertThat(withSessionToken).as("requests that carried the session token").hasValueGreaterThan(10);

			List<SpanData> spans = context.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
			for (SpanData span : spans) {
				exported.append(span.getName()).append(' ').append(span.getAttributes()).append(' ');
				span.getEvents()
					.forEach((event) -> exported.append(event.getName()).append(event.getAttributes()).append(' '));
				span.getLinks().forEach((link) -> exported.append(link.getAttributes()).append(' '));
				exported.append(span.getStatus().getDescription()).append('\n');
			}
			for (MetricData metric : context.getBean(InMemoryMetricReader.class).collectAllMetrics()) {
				exported.append(metric).append('\n');
			}
			AwsClientsEndpoint endpoint = context.getBean(AwsClientsEndpoint.class);
			JsonMapper json = context.getBean(JsonMapper.class);
			exported.append(json.writeValueAsString(endpoint.clients())).append('\n');
			for (String bean : List.of("sqsClient", "s3Client", "s3AsyncClient", "dynamoDbClient",
					"secretsManagerClient", "endpointWithSecrets")) {
				exported.append(json.writeValueAsString(endpoint.client(bean))).append('\n');
			}

			// What is scanned is the real thing: spans of every call, figures, debug
			// logs.
			assertThat(exported).contains("secrets publish", "secrets create", "secrets process", "S3.PutObject",
					"S3.GetObject", "S3.PresignedUrlDownload", "DynamoDb.PutItem", "DynamoDb.Query",
					"SecretsManager.GetSecretValue", "SecretsManager.PutSecretValue", "rpc.client.call.duration",
					"\"beanName\":\"endpointWithSecrets\"");
			// The call made with the presigned URL is traced, its URL without what signs
			// it.
			assertThat(spans).filteredOn((span) -> span.getName().equals("S3.PresignedUrlDownload"))
				.singleElement()
				.satisfies((span) -> assertThat(span.getAttributes().get(AttributeKey.stringKey("url.full"))).contains(
						"X-Amz-Signature=REDACTED", "X-Amz-Credential=REDACTED", "X-Amz-Security-Token=REDACTED"));
			assertThat(output).contains("Trace context not added to a message of SendMessage")
				.contains("A message that looked like an SNS notification could not be read");
			assertThat(exported).contains("ConditionalCheckFailedException", "Attempt 2", "ThrottlingException");
		}
		String everything = exported + "\n" + output.getAll();
		for (String secret : secrets) {
			assertThat(everything).as("everything the instrumentation put out").doesNotContain(secret);
		}
		System.out.printf("Scanned %d characters of spans, metrics and endpoint output and %d of logs for %d secrets%n",
				exported.length(), output.getAll().length(), secrets.size());
	}

	/**
	 * Uses every secret through the traced clients, and returns the signature of the
	 * presigned URL it used.
	 */
	private static String useEverySecret(ConfigurableApplicationContext context) throws Exception {
		SqsClient sqs = context.getBean("sqsClient", SqsClient.class);
		String queueUrl = sqs.createQueue((q) -> q.queueName("secrets")).queueUrl();
		sqs.sendMessage((m) -> m.queueUrl(queueUrl)
			.messageBody(MESSAGE_BODY)
			.messageAttributes(Map.of("card",
					MessageAttributeValue.builder().dataType("String").stringValue(MESSAGE_ATTRIBUTE).build())));
		sqs.sendMessageBatch(
				(b) -> b.queueUrl(queueUrl).entries((e) -> e.id("a").messageBody(MESSAGE_BODY + "-batch")));
		// A full message (its trace context is skipped, and logged at debug), and a body
		// that looks like an SNS notification but cannot be read (logged at debug).
		Map<String, MessageAttributeValue> ten = new LinkedHashMap<>();
		for (int i = 0; i < 10; i++) {
			ten.put("card" + i,
					MessageAttributeValue.builder().dataType("String").stringValue(MESSAGE_ATTRIBUTE + i).build());
		}
		sqs.sendMessage((m) -> m.queueUrl(queueUrl).messageBody(MESSAGE_BODY + "-full").messageAttributes(ten));
		// Sent by a client that is not a bean, so with no trace context of its own.
		try (SqsClient untraced = LocalAws.configure(SqsClient.builder(), LocalAws.sqs())
			.credentialsProvider(SESSION_CREDENTIALS)
			.build()) {
			untraced.sendMessage((m) -> m.queueUrl(queueUrl)
				.messageBody("{\"TopicArn\":\"arn:aws:sns:eu-west-1:000000000000:t\",\"MessageAttributes\":{\"card\":"
						+ MESSAGE_BODY + "-envelope"));
		}
		int received = 0;
		while (received < 4) {
			for (Message message : sqs.receiveMessage(
					(r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10).messageAttributeNames("All"))
				.messages()) {
				assertThat(message.body()).contains(MESSAGE_BODY);
				received++;
			}
		}

		S3Client s3 = context.getBean(S3Client.class);
		s3.createBucket((b) -> b.bucket("secrets"));
		s3.putObject((p) -> p.bucket("secrets").key("card.txt").metadata(Map.of("card", OBJECT_METADATA)),
				RequestBody.fromString(OBJECT_BODY));
		assertThat(s3.getObjectAsBytes((g) -> g.bucket("secrets").key("card.txt")).asUtf8String())
			.isEqualTo(OBJECT_BODY);
		URL presigned;
		try (S3Presigner presigner = S3Presigner.builder()
			.endpointOverride(LocalAws.s3())
			.region(LocalAws.REGION)
			.credentialsProvider(SESSION_CREDENTIALS)
			.serviceConfiguration(
					software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
			.build()) {
			presigned = presigner
				.presignGetObject((p) -> p.signatureDuration(Duration.ofMinutes(5))
					.getObjectRequest((g) -> g.bucket("secrets").key("card.txt")))
				.url();
		}
		assertThat(presigned.getQuery()).contains("X-Amz-Signature=", "X-Amz-Security-Token=");
		String fetched = context.getBean(S3AsyncClient.class)
			.presignedUrlExtension()
			.getObject((r) -> r.presignedUrl(presigned), AsyncResponseTransformer.toBytes())
			.get()
			.asUtf8String();
		assertThat(fetched).isEqualTo(OBJECT_BODY);

		DynamoDbClient dynamoDb = context.getBean(DynamoDbClient.class);
		dynamoDb.createTable((t) -> t.tableName("cards")
			.keySchema((k) -> k.attributeName("id").keyType(KeyType.HASH))
			.attributeDefinitions((a) -> a.attributeName("id").attributeType(ScalarAttributeType.S))
			.provisionedThroughput((p) -> p.readCapacityUnits(1L).writeCapacityUnits(1L)));
		dynamoDb.waiter().waitUntilTableExists((t) -> t.tableName("cards"));
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("id", AttributeValue.fromS("order-1"));
		item.put("card", AttributeValue.fromS(ITEM_VALUE));
		dynamoDb.putItem((p) -> p.tableName("cards").item(item));
		assertThat(dynamoDb.getItem((g) -> g.tableName("cards").key(Map.of("id", AttributeValue.fromS("order-1"))))
			.item()
			.get("card")
			.s()).isEqualTo(ITEM_VALUE);
		dynamoDb.query((q) -> q.tableName("cards")
			.keyConditionExpression("id = :id")
			.filterExpression("card = :card")
			.expressionAttributeValues(
					Map.of(":id", AttributeValue.fromS("order-1"), ":card", AttributeValue.fromS(ITEM_VALUE))));
		dynamoDb.updateItem((u) -> u.tableName("cards")
			.key(Map.of("id", AttributeValue.fromS("order-1")))
			.updateExpression("SET card = :card")
			.expressionAttributeValues(Map.of(":card", AttributeValue.fromS(ITEM_VALUE + "-updated"))));

		// A failed call whose exception carries the item it found.
		ConditionalCheckFailedException failed = catchThrowableOfType(ConditionalCheckFailedException.class,
				() -> dynamoDb.putItem((p) -> p.tableName("cards")
					.item(item)
					.conditionExpression("attribute_not_exists(id)")
					.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
		assertThat(failed).isNotNull();

		SecretsManagerClient secrets = context.getBean(SecretsManagerClient.class);
		assertThat(secrets.getSecretValue((g) -> g.secretId("db")).secretString()).isEqualTo(SECRET_STRING);
		secrets.putSecretValue((p) -> p.secretId("db").secretString(PUT_SECRET_STRING));
		assertThat(secrets.getSecretValue((g) -> g.secretId("rotating")).secretString())
			.isEqualTo(SECRET_STRING + "-rotated");

		Matcher signature = Pattern.compile("X-Amz-Signature=([0-9a-f]{64})").matcher(presigned.getQuery());
		assertThat(signature.find()).isTrue();
		return signature.group(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(InMemoryOpenTelemetryConfiguration.class)
	static class Application {

		@Bean
		RecordingInterceptor recordingInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean(destroyMethod = "close")
		SqsClient sqsClient(RecordingInterceptor recording) {
			return secretive(SqsClient.builder(), LocalAws.sqs(), recording).build();
		}

		@Bean(destroyMethod = "close")
		S3Client s3Client(RecordingInterceptor recording) {
			return secretive(S3Client.builder(), LocalAws.s3(), recording).credentialsProvider(S3_CREDENTIALS)
				.forcePathStyle(true)
				// S3Proxy answers 501 to the checksum headers the SDK adds by default.
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.build();
		}

		@Bean(destroyMethod = "close")
		S3AsyncClient s3AsyncClient(RecordingInterceptor recording) {
			return secretive(S3AsyncClient.builder(), LocalAws.s3(), recording).credentialsProvider(S3_CREDENTIALS)
				.forcePathStyle(true)
				// S3Proxy answers 501 to the checksum headers the SDK adds by default.
				.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
				.build();
		}

		@Bean(destroyMethod = "close")
		DynamoDbClient dynamoDbClient(RecordingInterceptor recording) {
			return secretive(DynamoDbClient.builder(), LocalAws.dynamoDb(), recording).build();
		}

		@Bean(destroyMethod = "close")
		SecretsManagerClient secretsManagerClient(RecordingInterceptor recording,
				org.springframework.core.env.Environment environment) {
			return secretive(SecretsManagerClient.builder(),
					URI.create(environment.getRequiredProperty("test.secretsmanager.endpoint")), recording)
				.build();
		}

		/**
		 * A client whose endpoint carries a password and a token: never called, only
		 * listed by the endpoint.
		 */
		@Bean(destroyMethod = "close")
		SqsClient endpointWithSecrets() {
			return SqsClient.builder()
				.endpointOverride(URI.create("http://scan:" + ENDPOINT_USER_INFO + "@127.0.0.1:9/queues?token="
						+ ENDPOINT_QUERY + "#" + ENDPOINT_QUERY))
				.region(LocalAws.REGION)
				.credentialsProvider(SESSION_CREDENTIALS)
				.build();
		}

		private static <B extends AwsClientBuilder<B, ?>> B secretive(B builder, URI endpoint,
				RecordingInterceptor recording) {
			LocalAws.configure(builder, endpoint)
				.credentialsProvider(SESSION_CREDENTIALS)
				.overrideConfiguration((o) -> o.addExecutionInterceptor(recording));
			return builder;
		}

	}

}
