/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the starter's main code writes no state it does not own: no
 * {@code setAccessible}, no reflective field write, no {@code VarHandle} or
 * {@code Unsafe} write, no private lookup, and no direct write of a field of a type
 * outside the starter. A later JDK refuses writes to final fields by default (JEP 500),
 * which would silently turn off whatever relied on them.
 * <p>
 * One write stays, declared and checked at startup: the SQS hand-over in
 * {@code UpstreamInternals} (the SDK copies every list given to its builders, so that no
 * public API can hand the traced list over). It is named here, and the last test fails
 * when it goes, so that the exception cannot outlive its reason.
 *
 * @author aws-otel-spring-boot authors
 */
class NoPrivateStateWritesTests {

	private static final String ROOT = "dev.awsotel.spring.autoconfigure";

	private static final String DECLARED_RELIANCE = ROOT + ".internal.upstream.UpstreamInternals$SqsMessages";

	private static final Set<String> REFLECTION = Set.of("java.lang.reflect.AccessibleObject",
			"java.lang.reflect.Field", "java.lang.reflect.Method", "java.lang.reflect.Constructor",
			"java.lang.reflect.Executable");

	private static final DescribedPredicate<JavaMethodCall> SET_ACCESSIBLE = DescribedPredicate.describe(
			"setAccessible or trySetAccessible",
			(call) -> REFLECTION.contains(ownerName(call)) && call.getName().matches("setAccessible|trySetAccessible"));

	private static final DescribedPredicate<JavaMethodCall> FIELD_SET = DescribedPredicate.describe(
			"a reflective field write (Field.set*)",
			(call) -> ownerName(call).equals("java.lang.reflect.Field") && call.getName().startsWith("set"));

	private static final DescribedPredicate<JavaMethodCall> HANDLE_WRITE = DescribedPredicate
		.describe("a VarHandle or Unsafe write, or a private or setter lookup",
				(call) -> (ownerName(call).equals("java.lang.invoke.VarHandle") && call
					.getName()
					.matches("set.*|compareAnd.*|weakCompareAnd.*|getAndSet.*|getAndAdd.*|getAndBitwise.*"))
						|| ownerName(call).matches("sun\\.misc\\.Unsafe|jdk\\.internal\\.misc\\.Unsafe")
						|| (ownerName(call).equals("java.lang.invoke.MethodHandles") && call
							.getName()
							.equals("privateLookupIn"))
						|| (ownerName(call).equals("java.lang.invoke.MethodHandles$Lookup") && call.getName()
							.matches(
									"findSetter|findStaticSetter|unreflectSetter|findVarHandle|findStaticVarHandle|unreflectVarHandle")));

	private static final DescribedPredicate<JavaFieldAccess> FOREIGN_FIELD_WRITE = DescribedPredicate.describe(
			"a write of a field of a type the starter does not own",
			(access) -> access.getAccessType() == JavaFieldAccess.AccessType.SET
					&& !access.getTarget().getOwner().getPackageName().startsWith("dev.awsotel"));

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(ROOT);
	}

	@Test
	void noCodeMakesAFieldOrMethodAccessibleButTheDeclaredReliance() {
		noClasses().that()
			.doNotHaveFullyQualifiedName(DECLARED_RELIANCE)
			.should()
			.callMethodWhere(SET_ACCESSIBLE)
			.check(classes);
	}

	@Test
	void noCodeWritesAFieldReflectivelyButTheDeclaredReliance() {
		noClasses().that()
			.doNotHaveFullyQualifiedName(DECLARED_RELIANCE)
			.should()
			.callMethodWhere(FIELD_SET)
			.check(classes);
	}

	@Test
	void noCodeWritesThroughVarHandlesUnsafeOrPrivateLookups() {
		noClasses().should().callMethodWhere(HANDLE_WRITE).check(classes);
	}

	@Test
	void noCodeWritesAFieldOfATypeItDoesNotOwn() {
		noClasses().should().setFieldWhere(FOREIGN_FIELD_WRITE).check(classes);
	}

	@Test
	void theDeclaredRelianceIsTheOnlyWriteAndIsStillThere() {
		Set<String> writers = new TreeSet<>();
		for (JavaClass type : classes) {
			for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
				if (SET_ACCESSIBLE.test(call) || FIELD_SET.test(call)) {
					writers.add(type.getName());
				}
			}
		}
		assertThat(writers).as("classes that make members accessible or write fields reflectively")
			.containsExactly(DECLARED_RELIANCE);
	}

	private static String ownerName(JavaAccess<?> access) {
		return access.getTarget().getOwner().getName();
	}

}
