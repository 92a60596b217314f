/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.internal.semconv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.awsotel.spring.autoconfigure.internal.semconv.SemanticConventions.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code otel.semconv-stability.opt-in} set in the environment is passed on and
 * checked. These tests never set a system property: OpenTelemetry's instrumentation
 * decides once per JVM, and this JVM runs other tests (the forked-JVM tests of
 * {@code compatibility-tests/semconv} cover each mode end to end).
 *
 * @author aws-otel-spring-boot authors
 */
@ExtendWith(OutputCaptureExtension.class)
class SemconvOptInTests {

	private static final SemanticConventions ALL_NEW = SemanticConventions.of(Mode.STABLE, Mode.STABLE, Mode.STABLE);

	private final Map<String, String> passedOn = new LinkedHashMap<>();

	@Test
	void whenTheApplicationSetsTheOptInThenItIsPassedOnWhereTheLibraryReadsIt() {
		MockEnvironment environment = new MockEnvironment().withProperty(SemconvOptIn.OPT_IN, "messaging, rpc/dup");
		SemconvOptIn.passOn(environment, (key) -> null, this.passedOn::put);
		assertThat(this.passedOn).containsExactly(Map.entry(SemconvOptIn.OPT_IN, "messaging,rpc/dup"));
	}

	@Test
	void whenTheProcessSetsItThenTheProcessWinsAndNothingIsPassedOn() {
		MockEnvironment environment = new MockEnvironment().withProperty(SemconvOptIn.OPT_IN, "messaging")
			.withProperty(SemconvOptIn.PREVIEW, "rpc");
		SemconvOptIn.passOn(environment, (key) -> "database", this.passedOn::put);
		assertThat(this.passedOn).isEmpty();
	}

	@Test
	void whenNothingIsSetThenNothingIsPassedOn() {
		SemconvOptIn.passOn(new MockEnvironment(), (key) -> null, this.passedOn::put);
		assertThat(this.passedOn).isEmpty();
	}

	@Test
	void aYamlListIsReadAsTheCommaSeparatedValue() {
		MockEnvironment environment = new MockEnvironment().withProperty(SemconvOptIn.OPT_IN + "[0]", "messaging/dup")
			.withProperty(SemconvOptIn.OPT_IN + "[1]", "database");
		assertThat(SemconvOptIn.asked(environment, SemconvOptIn.OPT_IN)).isEqualTo("messaging/dup,database");
	}

	@Test
	void whenTheLibraryUsesWhatTheApplicationAsksForThenNothingIsLogged(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty(SemconvOptIn.OPT_IN, "messaging,rpc,database");
		assertThat(SemconvOptIn.check(environment, ALL_NEW)).isEqualTo(ALL_NEW);
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void whenTheLibraryDecidedOtherwiseThenOneWarnLineNamesTheKeyBothValuesAndTheStarterFollowsTheLibrary(
			CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty(SemconvOptIn.OPT_IN, "messaging/dup");
		assertThat(SemconvOptIn.check(environment, ALL_NEW)).isEqualTo(ALL_NEW);
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.satisfies(
					(line) -> assertThat(line).contains("otel.semconv-stability.opt-in=messaging/dup is not in force")
						.contains("already uses otel.semconv-stability.opt-in=messaging,rpc,database"));
	}

	@Test
	void whenTheApplicationAsksForNothingThenTheStarterFollowsTheLibraryWithoutAWord(CapturedOutput output) {
		// For example declarative configuration of the global OpenTelemetry chose them.
		assertThat(SemconvOptIn.check(new MockEnvironment(), ALL_NEW)).isEqualTo(ALL_NEW);
		assertThat(output).doesNotContain("WARN");
	}

	@Test
	void whenTheLibraryDoesNotTellThenOneWarnLineAndTheStarterFollowsWhatTheApplicationAsks(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty(SemconvOptIn.OPT_IN, "rpc/dup");
		assertThat(SemconvOptIn.check(environment, null))
			.isEqualTo(SemanticConventions.of(Mode.OLD, Mode.DUP, Mode.OLD));
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("SemconvStability")
				.contains("otel.semconv-stability.opt-in=rpc/dup"));
	}

	@Test
	void optInValuesSelectConventionsAsTheLibraryReadsThem() {
		assertThat(SemanticConventions.fromOptIn(List.of(), List.of(), false)).isEqualTo(SemanticConventions.OLD);
		assertThat(SemanticConventions.fromOptIn(List.of("messaging", "rpc", "database"), List.of(), false))
			.isEqualTo(ALL_NEW);
		assertThat(
				SemanticConventions.fromOptIn(List.of("messaging/dup", "messaging", "database/dup"), List.of(), false))
			.isEqualTo(SemanticConventions.of(Mode.DUP, Mode.OLD, Mode.DUP));
		// Messaging and RPC read the preview list too; database does not.
		assertThat(SemanticConventions.fromOptIn(List.of(), List.of("rpc/dup", "database"), false))
			.isEqualTo(SemanticConventions.of(Mode.OLD, Mode.DUP, Mode.OLD));
		// The v3 preview: new database and messaging conventions, RPC from the preview
		// list only.
		assertThat(SemanticConventions.fromOptIn(List.of("rpc"), List.of(), true))
			.isEqualTo(SemanticConventions.of(Mode.STABLE, Mode.OLD, Mode.STABLE));
		assertThat(SemanticConventions.of(Mode.DUP, Mode.OLD, Mode.STABLE).optIn()).isEqualTo("messaging/dup,database");
	}

	@Test
	void inThisJvmTheLibraryUsesTheOldConventions() {
		assertThat(SemanticConventions.inLibrary()).isEqualTo(SemanticConventions.OLD);
	}

}
