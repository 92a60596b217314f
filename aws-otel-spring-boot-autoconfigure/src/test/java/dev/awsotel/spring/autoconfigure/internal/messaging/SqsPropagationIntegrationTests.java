/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.awsotel.spring.autoconfigure.AwsOtelAutoConfiguration;
import dev.awsotel.spring.autoconfigure.support.InMemoryOpenTelemetryConfiguration;
import dev.awsotel.spring.autoconfigure.support.LocalAws;
import dev.awsotel.spring.autoconfigure.support.RecordingInterceptor;
import dev.awsotel.spring.autoconfigure.support.Spans;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trace context across SQS on ElasticMQ: a message sent inside a trace is processed
 * inside the same trace, on another client, with no code in the application.
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class SqsPropagationIntegrationTests {

	private static final String TRACE_ID = "5759e988bd862e3fe1be46a994272793";

	private static final String SPAN_ID = "53995c3f42cd8ad8";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
		.withUserConfiguration(InMemoryOpenTelemetryConfiguration.class, SqsClients.class);

	@Test
	void whenMessageIsSentInATraceThenItsProcessSpanOnAnotherClientIsTheSendSpansChild() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "orders");
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 1")));
			SpanData send = Spans.single(exporter(context), "orders publish");

			List<String> handled = handleAll(context, receive(consumer(context), queueUrl));

			assertThat(handled).containsExactly("order 1");
			SpanData process = Spans.single(exporter(context), "orders process");
			assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
			assertThat(process.getAttributes().get(MessagePropagation.MESSAGING_SYSTEM)).isEqualTo("aws_sqs");
			assertThat(process.getAttributes().get(MessagePropagation.MESSAGING_MESSAGE_ID)).isNotBlank();
			SpanData handle = Spans.single(exporter(context), "handle order 1");
			assertThat(handle.getParentSpanId()).isEqualTo(process.getSpanId());
			assertThat(handle.getTraceId()).isEqualTo(send.getTraceId());
		});
	}

	@Test
	void whenAMessageIsSentThenItsXrayHeaderGoesAsTheCallsHttpHeaderWhichSqsGivesTheMessage() {
		// As the Java agent sends it: SQS turns the call's X-Ray header into the
		// message's
		// AWSTraceHeader, so the message carries no system attribute of its own.
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "xray-header");
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order x")));
			SpanData send = Spans.single(exporter(context), "xray-header publish");

			RecordingInterceptor producerRequests = context.getBean("producerInterceptor", RecordingInterceptor.class);
			SendMessageRequest sent = last(producerRequests.sdkRequests(), SendMessageRequest.class);
			assertThat(sent.messageSystemAttributes()).isEmpty();
			assertThat(sent.messageAttributes().get("traceparent").stringValue()).contains(send.getSpanId());
			assertThat(producerRequests.requests()).last()
				.satisfies((request) -> assertThat(request.firstMatchingHeader("X-Amzn-Trace-Id"))
					.hasValue("Root=1-" + send.getTraceId().substring(0, 8) + "-" + send.getTraceId().substring(8)
							+ ";Parent=" + send.getSpanId() + ";Sampled=1"));
			List<Message> messages = receive(consumer(context), queueUrl);
			assertThat(messages).singleElement()
				.satisfies((message) -> assertThat(message.attributesAsStrings().get("AWSTraceHeader"))
					.isEqualTo(producerRequests.requests()
						.get(producerRequests.requests().size() - 1)
						.firstMatchingHeader("X-Amzn-Trace-Id")
						.orElseThrow()));
		});
	}

	@Test
	void whenAMessageIsProcessedThenItsSpanCarriesTheReceiveCallsAttributesAndItsThreadAsTheJavaAgentGives() {
		// The Java agent's process spans carry the receive call's RPC and HTTP attributes
		// (its library builds them with the same extractors as the call's span), the
		// experimental aws.agent when asked for, and, as every span the agent makes,
		// thread.id and thread.name.
		this.contextRunner.withPropertyValues("otel.aws.experimental-span-attributes=true").run((context) -> {
			String queueUrl = createQueue(context, "agent-shaped");
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 9")));
			Thread thread = Thread.currentThread();

			// Received inside a trace: a receive call with no parent makes no span.
			Spans.runInParent(openTelemetry(context), () -> handleAll(context, receive(consumer(context), queueUrl)));

			SpanData send = Spans.single(exporter(context), "agent-shaped publish");
			SpanData receiveCall = Spans.single(exporter(context), "Sqs.ReceiveMessage");
			SpanData process = Spans.single(exporter(context), "agent-shaped process");
			assertThat(process.getAttributes().asMap()).containsEntry(stringKey("rpc.system"), "aws-api")
				.containsEntry(stringKey("rpc.service"), "Sqs")
				.containsEntry(stringKey("rpc.method"), "ReceiveMessage")
				.containsEntry(stringKey("http.request.method"), "POST")
				.containsEntry(longKey("http.response.status_code"), 200L)
				.containsEntry(stringKey("aws.agent"), "java-aws-sdk")
				.containsEntry(longKey("thread.id"), thread.getId())
				.containsEntry(stringKey("thread.name"), thread.getName());
			// The region as on the call spans: given with the receive call's attributes.
			for (String key : List.of("server.address", "url.full", "aws.region", "cloud.region")) {
				assertThat(process.getAttributes().get(stringKey(key))).as(key)
					.isNotBlank()
					.isEqualTo(receiveCall.getAttributes().get(stringKey(key)));
			}
			assertThat(process.getAttributes().get(longKey("server.port")))
				.isEqualTo(receiveCall.getAttributes().get(longKey("server.port")))
				.isEqualTo(LocalAws.sqs().getPort());
			for (SpanData call : List.of(send, receiveCall)) {
				assertThat(call.getAttributes().asMap()).as(call.getName())
					.containsEntry(longKey("thread.id"), thread.getId())
					.containsEntry(stringKey("thread.name"), thread.getName());
			}
		});
	}

	@Test
	void whenExperimentalAttributesAreOffThenProcessSpansHaveNoAwsAgent() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "plain-process");
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 10")));

			handleAll(context, receive(consumer(context), queueUrl));

			SpanData process = Spans.single(exporter(context), "plain-process process");
			assertThat(process.getAttributes().get(stringKey("aws.agent"))).isNull();
			assertThat(process.getAttributes().get(stringKey("rpc.method"))).isEqualTo("ReceiveMessage");
		});
	}

	@Test
	void whenProcessSpanParentIsReceiveThenItIsTheReceiveSpansChildLinkedToTheProducer() {
		this.contextRunner.withPropertyValues("otel.aws.sqs.process-span-parent=receive").run((context) -> {
			String queueUrl = createQueue(context, "linked");
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order 2")));
			SpanData send = Spans.single(exporter(context), "linked publish");

			Span poll = Spans.runInParent(openTelemetry(context),
					() -> handleAll(context, receive(consumer(context), queueUrl)));

			SpanData receiveCall = Spans.single(exporter(context), "Sqs.ReceiveMessage");
			assertThat(receiveCall.getParentSpanId()).isEqualTo(poll.getSpanContext().getSpanId());
			SpanData process = Spans.single(exporter(context), "linked process");
			assertThat(process.getParentSpanId()).isEqualTo(receiveCall.getSpanId());
			assertThat(process.getLinks()).singleElement()
				.satisfies((link) -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanId()));
		});
	}

	@Test
	void whenBatchOfThreeIsSentThenEachMessageHasItsOwnProducerContextAndProcessSpan() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "batch");
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessageBatch((b) -> b.queueUrl(queueUrl)
						.entries((e) -> e.id("a").messageBody("order a"), (e) -> e.id("b").messageBody("order b"),
								(e) -> e.id("c").messageBody("order c"))));
			SpanData batch = Spans.single(exporter(context), "batch publish");
			List<SpanData> creates = Spans.named(exporter(context), "batch create");
			assertThat(creates).hasSize(3).allSatisfy((create) -> {
				assertThat(create.getParentSpanId()).isEqualTo(batch.getSpanId());
				assertThat(create.getKind()).isEqualTo(SpanKind.PRODUCER);
			});
			Map<String, String> createByEntry = new HashMap<>();
			creates.forEach((create) -> createByEntry.put(create.getAttributes().get(MessagePropagation.BATCH_ENTRY_ID),
					create.getSpanId()));

			// Each receive call hands over its own messages, in as many calls as SQS
			// needs.
			List<String> handled = new ArrayList<>();
			Map<String, String> traceHeaderByBody = new HashMap<>();
			while (handled.size() < 3) {
				List<Message> messages = receive(consumer(context), queueUrl);
				// Index access is plain: the first iteration, below, is the traced one.
				for (int i = 0; i < messages.size(); i++) {
					traceHeaderByBody.put(messages.get(i).body(),
							messages.get(i).attributesAsStrings().get("AWSTraceHeader"));
				}
				handled.addAll(handleAll(context, messages));
			}
			// What the Java agent reads: each entry's X-Ray header names its own
			// producer.
			for (String entry : List.of("a", "b", "c")) {
				assertThat(traceHeaderByBody.get("order " + entry)).contains("Parent=" + createByEntry.get(entry));
			}

			assertThat(handled).containsExactlyInAnyOrder("order a", "order b", "order c");
			for (String entry : List.of("a", "b", "c")) {
				SpanData handle = Spans.single(exporter(context), "handle order " + entry);
				SpanData process = exporter(context).getFinishedSpanItems()
					.stream()
					.filter((span) -> span.getSpanId().equals(handle.getParentSpanId()))
					.findFirst()
					.orElseThrow();
				assertThat(process.getName()).isEqualTo("batch process");
				assertThat(process.getParentSpanId()).as("producer of entry %s", entry)
					.isEqualTo(createByEntry.get(entry));
			}
		});
	}

	@Test
	void whenMessageAlreadyHasTenAttributesThenItIsSentUnchangedAndContextTravelsInTheTraceHeader() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "full");
			Map<String, MessageAttributeValue> ten = new LinkedHashMap<>();
			for (int i = 0; i < 10; i++) {
				ten.put("attribute" + i,
						MessageAttributeValue.builder().dataType("String").stringValue("v" + i).build());
			}
			Spans.runInParent(openTelemetry(context), () -> producer(context)
				.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order full").messageAttributes(ten)));
			SpanData send = Spans.single(exporter(context), "full publish");

			List<Message> messages = consumer(context)
				.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).messageAttributeNames("All"))
				.messages();
			handleAll(context, messages);

			assertThat(messages).singleElement()
				.satisfies((message) -> assertThat(message.messageAttributes()).isEqualTo(ten));
			assertThat(context.getBean(MessagePropagation.class).skippedMessages()).isEqualTo(1);
			SpanData process = Spans.single(exporter(context), "full process");
			assertThat(process.getTraceId()).isEqualTo(send.getTraceId());
			assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
		});
	}

	@Test
	void whenAddedAttributesWouldPassTheSizeLimitThenTheMessageIsSentUnchanged() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "large");
			// Fits alone; traceparent and tracestate would take it past 256 KiB.
			String body = "x".repeat(MessagePropagation.MAX_MESSAGE_BYTES - 40);
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody(body)));
			SpanData send = Spans.single(exporter(context), "large publish");

			List<Message> messages = consumer(context)
				.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).messageAttributeNames("All"))
				.messages();

			assertThat(messages).hasSize(1);
			assertThat(messages.get(0).body()).isEqualTo(body);
			assertThat(messages.get(0).messageAttributes()).isEmpty();
			assertThat(context.getBean(MessagePropagation.class).skippedMessages()).isEqualTo(1);
			handleAll(context, messages);
			assertThat(Spans.single(exporter(context), "large process").getParentSpanId()).isEqualTo(send.getSpanId());
		});
	}

	@Test
	void whenBaggagePropagatorIsConfiguredThenBaggageReachesTheHandler() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AwsOtelAutoConfiguration.class))
			.withUserConfiguration(BaggageOpenTelemetry.class, SqsClients.class)
			.run((context) -> {
				String queueUrl = createQueue(context, "baggage");
				try (Scope scope = Baggage.builder().put("tenant", "acme").build().makeCurrent()) {
					Spans.runInParent(openTelemetry(context), () -> producer(context)
						.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order with baggage")));
				}

				List<String> tenants = new ArrayList<>();
				for (Message message : receive(consumer(context), queueUrl)) {
					tenants.add(Baggage.current().getEntryValue("tenant"));
				}

				assertThat(tenants).containsExactly("acme");
				assertThat(Baggage.current().isEmpty()).isTrue();
			});
	}

	@Test
	void whenMessageCarriesOnlyAnXrayTraceHeaderThenTheTraceContinues() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "from-agent");
			try (SqsClient untraced = LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build()) {
				untraced.sendMessage((m) -> m.queueUrl(queueUrl)
					.messageBody("order x")
					.messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
							MessageSystemAttributeValue.builder()
								.dataType("String")
								.stringValue(
										"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=" + SPAN_ID + ";Sampled=1")
								.build())));
			}

			handleAll(context, receive(consumer(context), queueUrl));

			SpanData process = Spans.single(exporter(context), "from-agent process");
			assertThat(process.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(process.getParentSpanId()).isEqualTo(SPAN_ID);
		});
	}

	@Test
	void whenMessageCarriesOnlyATraceparentAttributeThenTheTraceContinues() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "from-node");
			sendUntraced(queueUrl, "traceparent", "00-" + TRACE_ID + "-" + SPAN_ID + "-01");

			handleAll(context, receive(consumer(context), queueUrl));

			SpanData process = Spans.single(exporter(context), "from-node process");
			assertThat(process.getTraceId()).isEqualTo(TRACE_ID);
			assertThat(process.getParentSpanId()).isEqualTo(SPAN_ID);
		});
	}

	@Test
	void whenTraceparentIsMalformedThenMessageIsDeliveredInANewTraceWithNothingLogged(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "malformed");
			sendUntraced(queueUrl, "traceparent", "00-not-a-trace-context");

			List<String> handled = handleAll(context, receive(consumer(context), queueUrl));

			assertThat(handled).containsExactly("order malformed");
			SpanData process = Spans.single(exporter(context), "malformed process");
			assertThat(process.getParentSpanContext().isValid()).isFalse();
		});
		assertThat(output).doesNotContain("WARN dev.awsotel").doesNotContain("ERROR dev.awsotel");
	}

	@Test
	void whenPropagationIsOffThenNoAttributeIsAddedOrRequested() {
		this.contextRunner.withPropertyValues("otel.aws.sqs.propagation=false", "otel.aws.sns.propagation=false")
			.run((context) -> {
				String queueUrl = createQueue(context, "quiet");
				Spans.runInParent(openTelemetry(context),
						() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order quiet")));
				List<Message> messages = receive(consumer(context), queueUrl);
				handleAll(context, messages);

				RecordingInterceptor producerRequests = context.getBean("producerInterceptor",
						RecordingInterceptor.class);
				SendMessageRequest sent = last(producerRequests.sdkRequests(), SendMessageRequest.class);
				assertThat(sent.messageAttributes()).isEmpty();
				assertThat(sent.messageSystemAttributes()).isEmpty();
				assertThat(producerRequests.requests()).last()
					.satisfies((request) -> assertThat(request.firstMatchingHeader("X-Amzn-Trace-Id")).isEmpty());
				ReceiveMessageRequest asked = last(
						context.getBean("consumerInterceptor", RecordingInterceptor.class).sdkRequests(),
						ReceiveMessageRequest.class);
				assertThat(asked.messageAttributeNames()).isEmpty();
				assertThat(asked.messageSystemAttributeNamesAsStrings()).isEmpty();
				assertThat(asked.attributeNamesAsStrings()).isEmpty();
				assertThat(messages).singleElement().satisfies((message) -> {
					assertThat(message.messageAttributes()).isEmpty();
					assertThat(message.attributes()).isEmpty();
				});
				assertThat(Spans.named(exporter(context), "quiet process")).isEmpty();
			});
	}

	@Test
	void whenAppAsksForItsOwnAttributesThenTheyAreKeptAndContextIsAskedForToo() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "own-attributes");
			sendUntraced(queueUrl, "tenant", "acme");

			List<Message> messages = consumer(context)
				.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).messageAttributeNames("tenant"))
				.messages();

			assertThat(messages).hasSize(1);
			// Index access, so that the traced iteration is not taken by the assertion.
			assertThat(messages.get(0)).satisfies(
					(message) -> assertThat(message.messageAttributes().get("tenant").stringValue()).isEqualTo("acme"));
			ReceiveMessageRequest asked = last(
					context.getBean("consumerInterceptor", RecordingInterceptor.class).sdkRequests(),
					ReceiveMessageRequest.class);
			assertThat(asked.messageAttributeNames()).contains("tenant", "traceparent");
			assertThat(asked.messageSystemAttributeNamesAsStrings()).contains("AWSTraceHeader");
		});
	}

	@Test
	void whenAReceiveLoopIsLeftEarlyThenTheNextReceiveRestoresTheThreadsContext() {
		this.contextRunner.run((context) -> {
			String queueUrl = createQueue(context, "left-early");
			Spans.runInParent(openTelemetry(context),
					() -> producer(context).sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order early")));
			List<Message> messages = receive(consumer(context), queueUrl);

			// A loop that breaks after the first message: its span stays current...
			messages.iterator().next();
			assertThat(Span.current().getSpanContext().isValid()).isTrue();
			// ...until the thread's next receive, whose span must not be its child.
			consumer(context).receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(0));

			assertThat(Span.current().getSpanContext().isValid()).isFalse();
			assertThat(Spans.single(exporter(context), "left-early process").hasEnded()).isTrue();
		});
	}

	@Test
	void whenAsyncClientsSendAndReceiveThenTheTraceContinuesInTheCallback() {
		this.contextRunner.run((context) -> {
			SqsAsyncClient producer = context.getBean("asyncProducer", SqsAsyncClient.class);
			SqsAsyncClient consumer = context.getBean("asyncConsumer", SqsAsyncClient.class);
			String queueUrl = producer.createQueue((q) -> q.queueName("async")).join().queueUrl();
			Spans
				.inParent(openTelemetry(context),
						() -> producer.sendMessage((m) -> m.queueUrl(queueUrl).messageBody("order async")))
				.result()
				.get(10, TimeUnit.SECONDS);
			SpanData send = Spans.single(exporter(context), "async publish");

			List<String> handled = consumer.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5))
				.thenApply((response) -> handleAll(context, response.messages()))
				.get(10, TimeUnit.SECONDS);

			assertThat(handled).containsExactly("order async");
			// An async call's span shows the thread that made the call, as the Java
			// agent's does (it starts the span on that thread).
			assertThat(send.getAttributes().get(stringKey("thread.name"))).isEqualTo(Thread.currentThread().getName());
			SpanData process = Spans.single(exporter(context), "async process");
			assertThat(process.getParentSpanId()).isEqualTo(send.getSpanId());
			assertThat(Spans.single(exporter(context), "handle order async").getParentSpanId())
				.isEqualTo(process.getSpanId());
		});
	}

	/**
	 * What an application does with received messages: a span of its own per message.
	 */
	static List<String> handleAll(AssertableApplicationContext context, List<Message> messages) {
		Tracer tracer = openTelemetry(context).getTracer("app");
		List<String> handled = new ArrayList<>();
		for (Message message : messages) {
			tracer.spanBuilder("handle " + message.body()).startSpan().end();
			handled.add(message.body());
		}
		return handled;
	}

	static List<Message> receive(SqsClient client, String queueUrl) {
		return client.receiveMessage((r) -> r.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10)).messages();
	}

	static void sendUntraced(String queueUrl, String attribute, String value) {
		try (SqsClient untraced = LocalAws.configure(SqsClient.builder(), LocalAws.sqs()).build()) {
			untraced.sendMessage((m) -> m.queueUrl(queueUrl)
				.messageBody("order " + queueUrl.substring(queueUrl.lastIndexOf('/') + 1).replace("from-", ""))
				.messageAttributes(Map.of(attribute,
						MessageAttributeValue.builder().dataType("String").stringValue(value).build())));
		}
	}

	static String createQueue(AssertableApplicationContext context, String name) {
		String url = producer(context).createQueue((q) -> q.queueName(name)).queueUrl();
		exporter(context).reset();
		return url;
	}

	static <T extends SdkRequest> T last(List<SdkRequest> requests, Class<T> type) {
		return requests.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
	}

	static SqsClient producer(AssertableApplicationContext context) {
		return context.getBean("producer", SqsClient.class);
	}

	static SqsClient consumer(AssertableApplicationContext context) {
		return context.getBean("consumer", SqsClient.class);
	}

	static OpenTelemetry openTelemetry(AssertableApplicationContext context) {
		return context.getBean(OpenTelemetry.class);
	}

	static InMemorySpanExporter exporter(AssertableApplicationContext context) {
		return context.getBean(InMemorySpanExporter.class);
	}

	@Configuration(proxyBeanMethods = false)
	static class BaggageOpenTelemetry {

		@Bean
		InMemorySpanExporter spanExporter() {
			return InMemorySpanExporter.create();
		}

		@Bean(destroyMethod = "close")
		OpenTelemetrySdk openTelemetry(InMemorySpanExporter spanExporter) {
			return OpenTelemetrySdk.builder()
				.setTracerProvider(
						SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spanExporter)).build())
				.setPropagators(ContextPropagators.create(TextMapPropagator
					.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance())))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SqsClients {

		@Bean
		RecordingInterceptor producerInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean
		RecordingInterceptor consumerInterceptor() {
			return new RecordingInterceptor();
		}

		@Bean(destroyMethod = "close")
		SqsClient producer(RecordingInterceptor producerInterceptor) {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs())
				.overrideConfiguration((o) -> o.addExecutionInterceptor(producerInterceptor))
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsClient consumer(RecordingInterceptor consumerInterceptor) {
			return LocalAws.configure(SqsClient.builder(), LocalAws.sqs())
				.overrideConfiguration((o) -> o.addExecutionInterceptor(consumerInterceptor))
				.build();
		}

		@Bean(destroyMethod = "close")
		SqsAsyncClient asyncProducer() {
			return LocalAws.configure(SqsAsyncClient.builder(), LocalAws.sqs()).build();
		}

		@Bean(destroyMethod = "close")
		SqsAsyncClient asyncConsumer() {
			return LocalAws.configure(SqsAsyncClient.builder(), LocalAws.sqs()).build();
		}

	}

}
