/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.awsotel.localaws.ChildProcessServer;
import dev.awsotel.localaws.ElasticMqServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter next to the OpenTelemetry Java agent (2.31.1): the same application, run in
 * a JVM of its own with and without the agent, against ElasticMQ and dynalite, makes 9
 * calls; each must be exactly one span. With the agent, the starter sees the agent's
 * interceptor in each client, leaves the client to it and says so in the
 * {@code awsclients} endpoint, and leaves clients that are not beans to it too.
 *
 * @author aws-otel-spring-boot authors
 */
class JavaAgentCompatibilityTests {

	// 'Sqs.SendMessage' : <trace id> <span id> CLIENT [tracer: <scope>:<version>]
	private static final Pattern EXPORTED_SPAN = Pattern
		.compile("LoggingSpanExporter\\s*[-:] '([^']+)' : ([0-9a-f]{32}) ([0-9a-f]{16}) \\w+ \\[tracer: ([^\\]]*)\\]");

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
	void withTheAgentTheStarterStepsBackAndEachCallIsOneSpanOfTheAgent() throws Exception {
		String output = run("agent", true);
		List<ExportedSpan> spans = awsSpans(output);
		assertOneSpanPerCall(spans, "agent", output);
		// Exported by the agent, without what the starter adds to the spans it makes.
		assertThat(spans).allSatisfy((span) -> {
			assertThat(span.line()).startsWith("[otel.javaagent");
			assertThat(span.line()).doesNotContain("cloud.region");
		});
		assertThat(clientLines(output)).hasSize(2)
			.allSatisfy((line) -> assertThat(line).contains("traced=true mode=java_agent")
				.contains("reason=not decorated by the starter: the OpenTelemetry Java agent already traces it")
				// The agent's spans have none of the starter's features.
				.contains("features=[]"));
	}

	@Test
	void withoutTheAgentTheStarterTracesEachCallOnce() throws Exception {
		String output = run("starter", false);
		List<ExportedSpan> spans = awsSpans(output);
		assertOneSpanPerCall(spans, "starter", output);
		assertThat(spans).allSatisfy((span) -> assertThat(span.line()).contains("cloud.region=eu-west-1"));
		assertThat(clientLines(output)).hasSize(2)
			.allSatisfy(
					(line) -> assertThat(line).contains("traced=true mode=interceptor").doesNotContain("features=[]"));
	}

	private static void assertOneSpanPerCall(List<ExportedSpan> spans, String run, String output) {
		Map<String, Long> counts = spans.stream()
			.collect(Collectors.groupingBy(ExportedSpan::name, TreeMap::new, Collectors.counting()));
		long calls = AgentCompatibilityApplication.CALLS;
		assertThat(counts).as(output)
			.containsExactlyInAnyOrderEntriesOf(Map.of("Sqs.CreateQueue", 1L, "orders-" + run + " publish", calls,
					"DynamoDb.CreateTable", 1L, "DynamoDb.PutItem", calls, "Sqs.GetQueueUrl", 1L));
		assertThat(spans).extracting(ExportedSpan::spanId).doesNotHaveDuplicates();
	}

	private static List<ExportedSpan> awsSpans(String output) {
		List<ExportedSpan> spans = new ArrayList<>();
		for (String line : output.split("\\R")) {
			Matcher matcher = EXPORTED_SPAN.matcher(line);
			if (matcher.find() && matcher.group(4).startsWith("io.opentelemetry.aws-sdk")) {
				spans.add(new ExportedSpan(matcher.group(1), matcher.group(2), matcher.group(3), line));
			}
		}
		return spans;
	}

	private static List<String> clientLines(String output) {
		return output.lines().filter((line) -> line.startsWith("CLIENT ")).toList();
	}

	private String run(String run, boolean agent) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (agent) {
			command.add("-javaagent:" + System.getProperty("agent.jar"));
		}
		command.add("-Xshare:auto");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Dsqs.endpoint=" + sqs.endpoint());
		command.add("-Ddynamodb.endpoint=" + dynamoDb.endpoint());
		command.add("-Drun=" + run);
		command.add("-Dotel.aws.include-non-bean-clients=true");
		// Both write each span as a line: the agent's exporter, and the starter's (the
		// same exporter, through the OpenTelemetry Spring Boot starter).
		command.add("-Dotel.traces.exporter=logging");
		command.add("-Dotel.metrics.exporter=none");
		command.add("-Dotel.logs.exporter=none");
		command.add("-Dotel.service.name=agent-compat");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(AgentCompatibilityApplication.class.getName());
		// Kept for a look after the build: target/agent-compat-<run>.log.
		Path log = Path.of("target", "agent-compat-" + run + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The application did not finish: " + Files.readString(log));
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

	private record ExportedSpan(String name, String traceId, String spanId, String line) {

	}

}
