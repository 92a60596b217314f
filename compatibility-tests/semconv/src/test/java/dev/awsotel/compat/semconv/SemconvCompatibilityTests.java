/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.semconv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code otel.semconv-stability.opt-in} set only in the application's YAML (a profile's
 * {@code application-<profile>.yml}): OpenTelemetry's AWS SDK library (2.31.1, messaging
 * conventions 1.43, its RPC and database conventions) and the starter's own process,
 * create and attempt spans and call metrics follow the same conventions in each mode. The
 * library decides once per JVM, so each mode runs {@link SemconvApplication} in a JVM of
 * its own, against ElasticMQ and dynalite.
 *
 * @author aws-otel-spring-boot authors
 */
class SemconvCompatibilityTests {

	private static final String OPT_IN = "otel.semconv-stability.opt-in";

	private static final String LIBRARY = "io.opentelemetry.aws-sdk-2.2";

	private static final String STARTER_MESSAGING = "dev.awsotel.aws-sdk-messaging";

	private static final String STARTER_ATTEMPTS = "dev.awsotel.aws-sdk-attempts";

	private static final String STARTER_METRICS = "dev.awsotel.aws-sdk";

	private static final Map<String, Set<String>> OLD_ONLY = Map.of("messaging",
			Set.of("messaging.operation", "messaging.client_id", "messaging.message.body.size",
					"messaging.message.envelope.size"),
			"rpc", Set.of("rpc.system", "rpc.service"), "database",
			Set.of("db.system", "db.operation", "db.name", "db.statement"));

	private static final Map<String, Set<String>> NEW_ONLY = Map.of("messaging",
			Set.of("messaging.operation.type", "messaging.operation.name", "messaging.client.id",
					"messaging.destination.subscription.name"),
			"rpc", Set.of("rpc.system.name", "rpc.method_original"), "database",
			Set.of("db.system.name", "db.operation.name", "db.collection.name", "db.namespace", "db.query.text"));

	private static ElasticMqServer sqs;

	private static ChildProcessServer dynamoDb;

	@BeforeAll
	static void startServers() {
		sqs = ElasticMqServer.start();
		dynamoDb = ChildProcessServer.dynalite();
	}

	@AfterAll
	static void stopServers() {
		sqs.close();
		dynamoDb.close();
	}

	@Test
	void withNothingSetEverySpanAndMetricFollowsTheOldConventions() throws Exception {
		Run run = run("old", List.of(), "old");
		assertConventions(run.telemetry("old"), Mode.OLD, Mode.OLD, Mode.OLD);
		assertThat(run.warnings()).isEmpty();
	}

	@Test
	void whenTheYamlOptsInToEveryDomainEverySpanAndMetricFollowsTheNewConventions() throws Exception {
		Run run = run("stable", List.of(), "stable");
		assertConventions(run.telemetry("stable"), Mode.STABLE, Mode.STABLE, Mode.STABLE);
		assertThat(run.warnings()).isEmpty();
	}

	@Test
	void whenTheYamlAsksForDupEverySpanAndMetricCarriesBoth() throws Exception {
		Run run = run("dup", List.of(), "dup");
		assertConventions(run.telemetry("dup"), Mode.DUP, Mode.DUP, Mode.DUP);
		assertThat(run.warnings()).isEmpty();
	}

	@Test
	void aSystemPropertyOfTheProcessWinsOverTheYaml() throws Exception {
		// The YAML asks for dup everywhere; the process says messaging only.
		Run run = run("sysprop", List.of("-D" + OPT_IN + "=messaging"), "dup");
		assertConventions(run.telemetry("dup"), Mode.STABLE, Mode.OLD, Mode.OLD);
		assertThat(run.warnings()).isEmpty();
	}

	@Test
	void whenTheJvmAlreadyDecidedTheSecondContextStartsWithOneWarnLineAndTheStarterFollowsTheLibrary()
			throws Exception {
		// Two application contexts in one JVM: the first decides for the whole JVM.
		Run run = run("second", List.of(), "stable", "dup");
		assertConventions(run.telemetry("stable"), Mode.STABLE, Mode.STABLE, Mode.STABLE);
		assertConventions(run.telemetry("dup"), Mode.STABLE, Mode.STABLE, Mode.STABLE);
		assertThat(run.warnings()).as(run.output())
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(OPT_IN + "=messaging/dup,rpc/dup,database/dup")
				.contains("already uses " + OPT_IN + "=messaging,rpc,database"));
	}

	private static void assertConventions(Telemetry telemetry, Mode messaging, Mode rpc, Mode database) {
		String queue = telemetry.queue();
		// No span or point carries a key of conventions not in force.
		Map<String, Mode> modes = Map.of("messaging", messaging, "rpc", rpc, "database", database);
		modes.forEach((domain, mode) -> {
			Set<String> absent = (mode == Mode.OLD) ? NEW_ONLY.get(domain)
					: (mode == Mode.STABLE) ? OLD_ONLY.get(domain) : Set.of();
			assertThat(telemetry.spans()).as("%s %s", domain, mode)
				.allSatisfy((span) -> assertThat(span.attributes()).doesNotContainKeys(absent.toArray(String[]::new)));
			assertThat(telemetry.points()).as("%s %s", domain, mode)
				.allSatisfy(
						(point) -> assertThat(point.attributes()).doesNotContainKeys(absent.toArray(String[]::new)));
		});

		// The library's send spans.
		List<ExportedSpan> sends = telemetry.spans(LIBRARY, messagingName(messaging, "send", "publish", queue));
		assertThat(sends).as(telemetry.toString()).hasSize(2).allSatisfy((send) -> {
			assertThat(send.kind()).isEqualTo("PRODUCER");
			assertMessagingOperation(send, messaging, "send", "publish");
			assertRpc(send, rpc);
		});
		// The starter's create span per batch entry, children of the batch's send span.
		List<ExportedSpan> creates = telemetry.spans(STARTER_MESSAGING, messagingName(messaging, "create", queue));
		assertThat(creates).hasSize(2).allSatisfy((create) -> {
			assertThat(create.kind()).isEqualTo("PRODUCER");
			assertMessagingOperation(create, messaging, "create", "create");
			assertThat(sends).extracting(ExportedSpan::spanId).contains(create.parentSpanId());
		});
		// The starter's process spans, each in its producer's trace.
		List<ExportedSpan> processes = telemetry.spans(STARTER_MESSAGING, messagingName(messaging, "process", queue));
		assertThat(processes).hasSize(3).allSatisfy((process) -> {
			assertThat(process.kind()).isEqualTo("CONSUMER");
			assertMessagingOperation(process, messaging, "process", "process");
			ExportedSpan producer = telemetry.span(process.parentSpanId());
			assertThat(producer.kind()).isEqualTo("PRODUCER");
			assertThat(producer.traceId()).isEqualTo(process.traceId());
			// The new conventions link the producer even when it is the parent.
			assertThat(process.links()).isEqualTo(messaging.stable() ? 1 : 0);
		});
		// The handling of one message failed: its process span says so, with error.type
		// in the new conventions only.
		assertThat(processes).filteredOn((process) -> process.status().equals("ERROR"))
			.singleElement()
			.satisfies((failed) -> assertThat(failed.attributes().get("error.type"))
				.isEqualTo(messaging.stable() ? IllegalStateException.class.getName() : null));
		assertThat(processes).filteredOn((process) -> !process.status().equals("ERROR"))
			.allSatisfy((process) -> assertThat(process.attributes()).doesNotContainKey("error.type"));
		// Every span of those traces (sends, creates, processes, deletes inside them)
		// follows the same messaging conventions.
		telemetry.spans()
			.stream()
			.filter((span) -> span.traceId().equals(processes.get(0).traceId()))
			.filter((span) -> span.attributes().containsKey("messaging.system"))
			.forEach((span) -> assertMessagingKeys(span, messaging));

		// The library's DynamoDB spans.
		for (String operation : List.of("PutItem", "GetItem")) {
			assertThat(telemetry.spans(LIBRARY, "DynamoDb." + operation)).isNotEmpty().allSatisfy((span) -> {
				assertRpc(span, rpc);
				Map<String, String> attributes = span.attributes();
				if (database.old()) {
					assertThat(attributes).containsEntry("db.system", "dynamodb")
						.containsEntry("db.operation", operation);
				}
				if (database.stable()) {
					assertThat(attributes).containsEntry("db.system.name", "aws.dynamodb")
						.containsEntry("db.operation.name", operation)
						.containsKey("db.collection.name");
				}
			});
		}
		// The starter's attempt span of the failed call carries no domain keys: the same
		// in every mode.
		assertThat(telemetry.spans(STARTER_ATTEMPTS, "Attempt 1")).singleElement()
			.satisfies((attempt) -> assertThat(attempt.attributes().keySet())
				.noneMatch((key) -> key.startsWith("rpc.") || key.startsWith("db.") || key.startsWith("messaging."))
				.contains("aws.attempt.number", "error.type"));

		// The starter's call metrics.
		List<Point> calls = telemetry.points(STARTER_METRICS, "rpc.client.call.duration");
		assertThat(calls).isNotEmpty();
		assertThat(calls)
			.filteredOn((point) -> "DynamoDb".equals(point.attributes().get("rpc.service"))
					|| "DynamoDb/PutItem".equals(point.attributes().get("rpc.method"))
					|| "PutItem".equals(point.attributes().get("rpc.method")))
			.isNotEmpty();
		Point putItem = calls.stream()
			.filter((point) -> Set.of("PutItem", "DynamoDb/PutItem").contains(point.attributes().get("rpc.method")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No PutItem point in " + calls));
		if (rpc.old()) {
			assertThat(putItem.attributes()).containsEntry("rpc.system", "aws-api")
				.containsEntry("rpc.service", "DynamoDb");
		}
		if (rpc.stable()) {
			assertThat(putItem.attributes()).containsEntry("rpc.system.name", "aws-api")
				.containsEntry("rpc.method", "DynamoDb/PutItem");
		}
		else {
			assertThat(putItem.attributes()).containsEntry("rpc.method", "PutItem");
		}
		assertThat(calls).allSatisfy((point) -> assertThat(point.attributes()).containsKey("rpc.method"));
		// The starter's consumer metrics, from its process spans, exist in the new
		// messaging conventions only (as OpenTelemetry's instrumentation records them):
		// one series for the handled messages, one with error.type for the failed one.
		for (String consumerMetric : List.of("messaging.process.duration", "messaging.client.consumed.messages")) {
			List<Point> points = telemetry.points(STARTER_MESSAGING, consumerMetric);
			if (!messaging.stable()) {
				assertThat(points).as(consumerMetric).isEmpty();
				continue;
			}
			assertThat(points).as(consumerMetric).hasSize(2).allSatisfy((point) -> {
				assertThat(point.attributes()).containsEntry("messaging.operation.name", "process")
					.containsEntry("messaging.system", "aws_sqs")
					.containsEntry("messaging.destination.name", queue)
					.containsKeys("server.address", "server.port");
				assertThat(point.attributes().keySet()).isSubsetOf("messaging.operation.name", "messaging.system",
						"messaging.destination.name", "server.address", "server.port", "error.type");
			});
			assertThat(points).filteredOn((point) -> point.attributes().containsKey("error.type")).hasSize(1);
		}
		// The library's own database metric exists in the new conventions only.
		assertThat(telemetry.points(LIBRARY, "db.client.operation.duration").isEmpty()).isEqualTo(!database.stable());
	}

	private static String messagingName(Mode messaging, String operation, String queue) {
		return messagingName(messaging, operation, operation, queue);
	}

	private static String messagingName(Mode messaging, String operation, String oldOperation, String queue) {
		return messaging.stable() ? operation + " " + queue : queue + " " + oldOperation;
	}

	private static void assertMessagingOperation(ExportedSpan span, Mode messaging, String operation,
			String oldOperation) {
		assertMessagingKeys(span, messaging);
		if (messaging.old()) {
			assertThat(span.attributes()).containsEntry("messaging.operation", oldOperation);
		}
		if (messaging.stable()) {
			assertThat(span.attributes()).containsEntry("messaging.operation.type", operation)
				.containsEntry("messaging.operation.name", operation);
		}
	}

	private static void assertMessagingKeys(ExportedSpan span, Mode messaging) {
		assertThat(span.attributes().containsKey("messaging.operation")).as(span.toString()).isEqualTo(messaging.old());
		assertThat(span.attributes().containsKey("messaging.operation.type")).as(span.toString())
			.isEqualTo(messaging.stable());
	}

	private static void assertRpc(ExportedSpan span, Mode rpc) {
		Map<String, String> attributes = span.attributes();
		assertThat(attributes.containsKey("rpc.system")).as(span.toString()).isEqualTo(rpc.old());
		assertThat(attributes.containsKey("rpc.service")).as(span.toString()).isEqualTo(rpc.old());
		assertThat(attributes.containsKey("rpc.system.name")).as(span.toString()).isEqualTo(rpc.stable());
		// The library sets the old rpc.method only where it does not clash with the new
		// one, which it leaves unset for AWS.
		assertThat(attributes.containsKey("rpc.method")).as(span.toString()).isEqualTo(rpc == Mode.OLD);
	}

	private static Run run(String run, List<String> jvmOptions, String... profiles)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xshare:auto");
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(jvmOptions);
		command.add("-Dsqs.endpoint=" + sqs.endpoint());
		command.add("-Ddynamodb.endpoint=" + dynamoDb.endpoint());
		command.add("-Drun=" + run);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(SemconvApplication.class.getName());
		command.addAll(Arrays.asList(profiles));
		// Kept for a look after the build: target/semconv-<run>.log.
		Path log = Path.of("target", "semconv-" + run + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		// The process's own settings would win over the YAML: none here but the test's.
		builder.environment().remove("OTEL_SEMCONV_STABILITY_OPT_IN");
		builder.environment().remove("OTEL_SEMCONV_STABILITY_PREVIEW");
		Process process = builder.start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The application did not finish: " + Files.readString(log));
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		return new Run(run, output);
	}

	enum Mode {

		OLD, STABLE, DUP;

		boolean old() {
			return this != STABLE;
		}

		boolean stable() {
			return this != OLD;
		}

	}

	record Run(String name, String output) {

		Telemetry telemetry(String profile) {
			List<ExportedSpan> spans = new ArrayList<>();
			List<Point> points = new ArrayList<>();
			for (String line : this.output.split("\\R")) {
				String[] fields = line.split("\t");
				if (fields.length > 1 && fields[1].equals(profile)) {
					if (fields[0].equals("SPAN")) {
						spans.add(new ExportedSpan(fields[2], fields[3], fields[4], fields[5], fields[6],
								Integer.parseInt(fields[7]), fields[8], fields[9], attributes(fields, 10)));
					}
					else if (fields[0].equals("METRIC")) {
						points.add(new Point(fields[2], fields[3], attributes(fields, 4)));
					}
				}
			}
			assertThat(spans).as(this.output).isNotEmpty();
			return new Telemetry("orders-" + this.name + "-" + profile, spans, points);
		}

		List<String> warnings() {
			return this.output.lines()
				.filter((line) -> line.contains(" WARN ") && line.contains("semconv-stability"))
				.toList();
		}

		private static Map<String, String> attributes(String[] fields, int from) {
			Map<String, String> attributes = new LinkedHashMap<>();
			for (int i = from; i < fields.length; i++) {
				int equals = fields[i].indexOf('=');
				attributes.put(fields[i].substring(0, equals), fields[i].substring(equals + 1));
			}
			return attributes;
		}

	}

	record Telemetry(String queue, List<ExportedSpan> spans, List<Point> points) {

		List<ExportedSpan> spans(String scope, String name) {
			return filter(this.spans, (span) -> span.scope().equals(scope) && span.name().equals(name));
		}

		ExportedSpan span(String spanId) {
			return this.spans.stream()
				.filter((span) -> span.spanId().equals(spanId))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No span " + spanId + " in " + this.spans));
		}

		List<Point> points(String scope, String name) {
			return filter(this.points, (point) -> point.scope().equals(scope) && point.name().equals(name));
		}

		private static <T> List<T> filter(List<T> items, Predicate<T> predicate) {
			return items.stream().filter(predicate).toList();
		}

	}

	record ExportedSpan(String scope, String kind, String traceId, String spanId, String parentSpanId, int links,
			String status, String name, Map<String, String> attributes) {

	}

	record Point(String scope, String name, Map<String, String> attributes) {

	}

}
