/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.compat.comparison;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.awsotel.compat.comparison.OtlpCollector.ExportedMetric;
import dev.awsotel.compat.comparison.OtlpCollector.ExportedSpan;
import dev.awsotel.compat.comparison.RecordingProxy.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Never less than the Java agent: the same application ({@link ComparisonApplication})
 * makes the same calls, each inside a span of its own, in JVMs of its own over the same
 * local servers, traced by the OpenTelemetry Java agent (2.31.1, the starter stepping
 * back as it does when it sees the agent) and by the starter, with each side's defaults,
 * with their experimental options, and with the stable semantic conventions opted in.
 * Call by call, every span of the call's trace (name, kind, status, parent, every
 * attribute value, events, links), every field the instrumentation adds on the wire
 * (against an untraced baseline run, recorded by TCP proxies in front of the servers) and
 * the metrics' names, units and attribute keys are compared. Anything the agent gives
 * that the starter does not fails the test, unless it is one of the
 * {@link #EXPECTED_GAPS}. The comparison is written to {@code docs/agent-comparison.md}.
 *
 * @author aws-otel-spring-boot authors
 */
class AgentComparisonTests {

	/**
	 * Gaps known and accepted, each listed in the report with its reason: none today. A
	 * gap may be listed here only while its fix is under way; anything else the agent
	 * gives and the starter does not fails the test.
	 */
	static final List<ExpectedGap> EXPECTED_GAPS = List.of();

	private static final List<String> STABLE_SEMCONV = List
		.of("-Dotel.semconv-stability.opt-in=database,rpc,messaging,code,service.peer");

	/**
	 * What a starter user sets to get the agent's layout of process spans under the
	 * stable messaging conventions (child of the context the application received in,
	 * linked to the producer): the starter keeps its own default (child of the producer)
	 * unless asked.
	 */
	private static final String CALLER_PARENT = "-Dotel.aws.sqs.process-span-parent=caller";

	/** The sections of the page, in order. */
	private static final List<String> MODES = List.of("With defaults", "With experimental options",
			"With the stable semantic conventions");

	private static final List<String> EXPERIMENTAL = List.of(
			"-Dotel.instrumentation.aws-sdk.experimental-span-attributes=true",
			"-Dotel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging=true");

	private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

	private static Servers servers;

	private static OtlpCollector collector;

	private static final Map<String, Future<Run>> RUNS = new LinkedHashMap<>();

	private static ExecutorService executor;

	@BeforeAll
	static void start() {
		servers = new Servers();
		collector = new OtlpCollector();
		List<String> starterExperimental = new ArrayList<>(EXPERIMENTAL);
		// The runs share the servers but nothing on them (each has its own queue, table,
		// bucket...), and each request names its run: three JVMs at a time keep the
		// class's time down.
		executor = Executors.newFixedThreadPool(3);
		submit("baseline", false, List.of("-Dotel.aws.enabled=false"));
		submit("agentdefault", true, List.of());
		submit("starterdefault", false, List.of());
		submit("agentexperimental", true, EXPERIMENTAL);
		submit("starterexperimental", false, starterExperimental);
		submit("agentstable", true, STABLE_SEMCONV);
		List<String> starterStable = new ArrayList<>(STABLE_SEMCONV);
		starterStable.add(CALLER_PARENT);
		submit("starterstable", false, starterStable);
	}

	private static void submit(String name, boolean agent, List<String> options) {
		RUNS.put(name, executor.submit(() -> run(name, agent, options)));
	}

	private static Run run(String name) throws Exception {
		return RUNS.get(name).get(5, TimeUnit.MINUTES);
	}

	@AfterAll
	static void stop() throws IOException {
		try {
			if (SECTIONS.keySet().containsAll(MODES)) {
				writeReport();
			}
		}
		finally {
			if (executor != null) {
				executor.shutdownNow();
			}
			if (collector != null) {
				collector.close();
			}
			if (servers != null) {
				servers.close();
			}
		}
	}

	@Test
	void withDefaults() throws Exception {
		Run agent = run("agentdefault");
		Run starter = run("starterdefault");
		compare(MODES.get(0),
				"Agent: `-javaagent` with no option. Starter: no option (the Java agent absent, OpenTelemetry's Spring "
						+ "Boot starter providing the SDK).",
				agent, starter);
	}

	@Test
	void withTheStableSemanticConventions() throws Exception {
		Run agent = run("agentstable");
		Run starter = run("starterstable");
		compare(MODES.get(2),
				"Both: `" + STABLE_SEMCONV.get(0).substring(2) + "` (OpenTelemetry's opt-in to the stable semantic "
						+ "conventions of each domain the AWS SDK instrumentation touches). Starter: also `"
						+ CALLER_PARENT.substring(2) + "`, the agent's layout of process spans in that mode (child "
						+ "of the context the application received in, linked to the producer; the starter's default "
						+ "keeps them in the producer's trace).",
				agent, starter);
	}

	@Test
	void withExperimentalOptions() throws Exception {
		Run agent = run("agentexperimental");
		Run starter = run("starterexperimental");
		compare(MODES.get(1),
				"Agent: `otel.instrumentation.aws-sdk.experimental-span-attributes=true`, "
						+ "`otel.instrumentation.aws-sdk.experimental-use-propagator-for-messaging=true`. "
						+ "Starter: the same two keys, read as `otel.aws.*` keys.",
				agent, starter);
	}

	private static void compare(String title, String options, Run agent, Run starter) throws Exception {
		List<RecordedRequest> untraced = run("baseline").requests();
		Map<String, CallView> agentViews = CallView.of(agent.name(), agent.spans(), agent.requests(), untraced);
		Map<String, CallView> starterViews = CallView.of(starter.name(), starter.spans(), starter.requests(), untraced);
		// Each call has its own trace in both runs: its AWS spans are in it.
		for (String call : ComparisonApplication.CALLS) {
			assertThat(agentViews.get(call).spans()).as("agent spans of %s\n%s", call, agent.log()).isNotEmpty();
			assertThat(starterViews.get(call).spans()).as("starter spans of %s\n%s", call, starter.log()).isNotEmpty();
			assertThat(agentViews.get(call).requests()).as("requests of %s", call).isPositive();
		}
		// Under the agent the starter steps back by itself: the AWS spans are the agent's
		// alone, without what the starter adds to the spans it traces.
		assertThat(agent.spans()).filteredOn((span) -> span.scope().startsWith("io.opentelemetry.aws-sdk"))
			.isNotEmpty()
			.allSatisfy((span) -> assertThat(span.attributes()).doesNotContainKey("cloud.region"));
		Comparison comparison = new Comparison(agentViews, starterViews, agent.metrics(), starter.metrics());
		List<String> unexpected = new ArrayList<>();
		StringBuilder table = new StringBuilder();
		table.append("| call | what the agent gives | what the starter gives | where the starter gives more "
				+ "| where the agent gives more (expected gaps) |\n");
		table.append("|---|---|---|---|---|\n");
		List<String> expectedGaps = new ArrayList<>();
		comparison.rows().forEach((call, row) -> {
			List<String> gaps = new ArrayList<>();
			for (String gap : row.gaps()) {
				ExpectedGap expected = EXPECTED_GAPS.stream()
					.filter((candidate) -> candidate.matches(title, call, gap))
					.findFirst()
					.orElse(null);
				if (expected == null) {
					unexpected.add(call + ": " + gap);
					gaps.add("**unexpected:** " + gap);
				}
				else {
					gaps.add(gap + " (expected: " + expected.reason() + ")");
					expectedGaps.add(call);
				}
			}
			table.append("| ")
				.append(call)
				.append(" | ")
				.append(cell(row.agent()))
				.append(" | ")
				.append(cell(row.starter()))
				.append(" | ")
				.append(cell(row.more()))
				.append(" | ")
				.append(cell(gaps))
				.append(" |\n");
		});
		long starterMore = comparison.rows().values().stream().filter((row) -> !row.more().isEmpty()).count();
		String summary = (comparison.rows().size() - 1) + " calls and the metrics compared. The agent gives more in "
				+ (!unexpected.isEmpty() ? unexpected.size() + " unexpected differences"
						: expectedGaps.isEmpty() ? "no row" : "no row but the expected gaps")
				+ (expectedGaps.isEmpty() ? ""
						: " (" + expectedGaps.size() + " expected gaps in " + expectedGaps.stream().distinct().count()
								+ " rows: " + String.join(", ", expectedGaps.stream().distinct().toList()) + ")")
				+ "; the starter gives more in " + starterMore + " rows.";
		SECTIONS.put(title, "## " + title + "\n\n" + options + "\n\n" + summary + "\n\n" + table);
		assertThat(unexpected).as("what the agent gives and the starter does not").isEmpty();
	}

	private static String cell(List<String> lines) {
		if (lines.isEmpty()) {
			return "";
		}
		return lines.stream().map((line) -> line.replace("|", "\\|")).collect(Collectors.joining("<br>"));
	}

	private static void writeReport() throws IOException {
		StringBuilder report = new StringBuilder();
		report.append("# The starter against the OpenTelemetry Java agent, call by call\n\n");
		report
			.append("Generated by `AgentComparisonTests` (module `compatibility-tests/agent-comparison`); do not edit. "
					+ "Regenerate with\n`./mvnw -pl compatibility-tests/agent-comparison -am verify "
					+ "-Dinvoker.skip=true -Dtest=AgentComparisonTests -Dsurefire.failIfNoSpecifiedTests=false`.\n\n");
		report.append("One application makes the same AWS calls, each inside a span of its own named after the call, "
				+ "in JVMs of its own over the same local servers (ElasticMQ, fauxqs, dynalite, S3Proxy, kinesalite; "
				+ "WireMock for Lambda, Step Functions, Secrets Manager, Bedrock Runtime, EventBridge and the faults): "
				+ "traced by the OpenTelemetry Java agent 2.31.1, and by the starter. Both export OTLP to a receiver "
				+ "in the test. Compared for each call: every span of the call's trace but the call's own (name, "
				+ "kind, status, parent, every attribute value, events, links), and what the instrumentation adds on "
				+ "the wire (headers, body members, the decoded Lambda client context) against an untraced run, "
				+ "recorded by a TCP proxy in front of each server; then the metrics' names, units and attribute "
				+ "keys. Ids are shown by what they stand for (`span(...)`, `trace(...)`), the run's resource names "
				+ "as `RUN`, loopback ports as `PORT`; request ids, message ids and ports only by presence "
				+ "(`(varies)`). The test fails on anything the agent gives that the starter does not, but for the "
				+ "expected gaps listed in the test with their reasons.\n\n");
		MODES.forEach((mode) -> report.append(SECTIONS.get(mode)).append('\n'));
		Path path = Path.of(System.getProperty("comparison.report", "target/agent-comparison.md"));
		Files.createDirectories(path.toAbsolutePath().getParent());
		Files.writeString(path, report.toString(), StandardCharsets.UTF_8);
	}

	private static Run run(String name, boolean agent, List<String> options) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (agent) {
			command.add("-javaagent:" + System.getProperty("agent.jar"));
			command.add("-Dcomparison.agent=true");
		}
		command.add("-Xshare:auto");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-Daws.cborEnabled=false");
		command.add("-Dcomparison.run=" + name);
		command.addAll(servers.endpointArguments());
		command.add("-Dotel.service.name=agent-comparison");
		command.add("-Dotel.resource.attributes=" + OtlpCollector.RUN_ATTRIBUTE + "=" + name);
		command.add("-Dotel.exporter.otlp.endpoint=" + collector.endpoint());
		command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
		command.add("-Dotel.traces.exporter=otlp");
		command.add("-Dotel.metrics.exporter=otlp");
		command.add("-Dotel.logs.exporter=none");
		command.add("-Dotel.metric.export.interval=1000");
		command.add("-Dotel.bsp.schedule.delay=100");
		command.addAll(options);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ComparisonApplication.class.getName());
		if (agent) {
			// The agent traces; OpenTelemetry's Spring Boot starter makes no SDK of its
			// own.
			command.add("--otel.sdk.disabled=true");
		}
		Path log = Path.of("target", "agent-comparison-" + name + ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The application did not finish: " + Files.readString(log));
		}
		String output = Files.readString(log, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		// Every call's span arrives before the last metrics, which are exported at the
		// end; allow a moment for the receiver to take them.
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline && collector.spans(name)
			.stream()
			.filter((span) -> span.parentSpanId().isEmpty() && ComparisonApplication.CALLS.contains(span.name()))
			.count() < ComparisonApplication.CALLS.size()) {
			Thread.sleep(100);
		}
		String prefix = name + "|";
		List<RecordedRequest> requests = servers.requests()
			.stream()
			.filter((request) -> request.headers()
				.getOrDefault(ComparisonApplication.CALL_HEADER, "")
				.startsWith(prefix))
			.toList();
		return new Run(name, collector.spans(name), collector.metrics(name), requests, output);
	}

	/**
	 * One run of the application.
	 *
	 * @param name the run's name
	 * @param spans what it exported
	 * @param metrics the metrics it exported
	 * @param requests what its clients sent
	 * @param log its output
	 */
	record Run(String name, List<ExportedSpan> spans, List<ExportedMetric> metrics, List<RecordedRequest> requests,
			String log) {

	}

	/**
	 * A difference known and being closed elsewhere.
	 *
	 * @param mode the sections it is about (a regular expression)
	 * @param call the calls it is about (a regular expression)
	 * @param gap the gap (a regular expression)
	 * @param reason why it is there and where it is closed
	 */
	record ExpectedGap(Pattern mode, Pattern call, Pattern gap, String reason) {

		ExpectedGap(String call, String gap, String reason) {
			this(".*", call, gap, reason);
		}

		ExpectedGap(String mode, String call, String gap, String reason) {
			this(Pattern.compile(mode), Pattern.compile(call), Pattern.compile(gap), reason);
		}

		boolean matches(String mode, String call, String gap) {
			return this.mode.matcher(mode).matches() && this.call.matcher(call).matches()
					&& this.gap.matcher(gap).find();
		}

	}

}
