/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the starter's public API is only what docs/extending.md documents: a new
 * public type outside an {@code internal} package fails the build until it is added there
 * (and here), and what is public never hands out an internal type.
 *
 * @author aws-otel-spring-boot authors
 */
class PublicApiTests {

	private static final String ROOT = "dev.awsotel.spring.autoconfigure";

	/**
	 * The public API, as docs/extending.md lists it. Changing this list is an API change.
	 */
	static final Set<String> API = Set.of(ROOT + ".AwsOtelAutoConfiguration", ROOT + ".AwsOtelProperties",
			ROOT + ".AwsOtelProperties$Metrics", ROOT + ".AwsOtelProperties$Async", ROOT + ".AwsOtelProperties$Sqs",
			ROOT + ".AwsOtelProperties$Sns", ROOT + ".AwsOtelProperties$Lambda", ROOT + ".AwsOtelProperties$Messaging",
			ROOT + ".AwsOtelProperties$Headers", ROOT + ".AwsOtelProperties$Genai",
			ROOT + ".AwsOtelProperties$AttemptMode", ROOT + ".AwsOtelProperties$ProcessSpanParent",
			ROOT + ".AwsSdkTelemetryBuilderCustomizer", ROOT + ".ConditionalOnAwsTracingEnabled",
			ROOT + ".actuate.AwsClientsEndpoint", ROOT + ".actuate.AwsClientsEndpoint$AwsClientsDescriptor",
			ROOT + ".actuate.AwsClientsEndpoint$AwsClientDescriptor",
			ROOT + ".actuate.AwsClientsEndpoint$FiguresDescriptor",
			ROOT + ".actuate.AwsClientsEndpoint$UnavailableFeatureDescriptor",
			ROOT + ".actuate.AwsClientsEndpointAutoConfiguration",
			ROOT + ".cloudaws.SqsListenerTracingAutoConfiguration");

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(ROOT);
	}

	@Test
	void everyPublicTypeOutsideInternalIsDocumentedApi() {
		Set<String> exported = new TreeSet<>();
		for (JavaClass type : classes) {
			if (!type.getPackageName().contains(".internal") && isExported(type)) {
				exported.add(type.getName());
			}
		}
		assertThat(exported).as("public types outside 'internal' (the API: docs/extending.md)")
			.containsExactlyInAnyOrderElementsOf(API);
	}

	@Test
	void everyAutoConfigurationIsPublicFinalAndEverythingElseOutsideInternalIsApi() {
		classes().that()
			.haveSimpleNameEndingWith("AutoConfiguration")
			.should()
			.bePublic()
			.andShould()
			.haveModifier(JavaModifier.FINAL)
			.check(classes);
	}

	@Test
	void theApiNeverHandsOutAnInternalType() {
		classes().that(inApi()).should(notExposeInternalTypes()).check(classes);
	}

	@Test
	void internalsNeverReachBackIntoTheAutoConfigurationOrTheEndpoint() {
		// Internals may read the properties (the API users bind), nothing else above
		// them.
		noClasses().that()
			.resideInAPackage(ROOT + ".internal..")
			.should()
			.dependOnClassesThat(DescribedPredicate.describe("the auto-configuration, the endpoint or cloudaws",
					(JavaClass type) -> type.getPackageName().equals(ROOT + ".actuate")
							|| type.getPackageName().equals(ROOT + ".cloudaws")
							|| (type.getPackageName().equals(ROOT)
									&& !type.getName().startsWith(ROOT + ".AwsOtelProperties"))))
			.check(classes);
	}

	@Test
	void featurePackagesAreFreeOfCycles() {
		slices().matching(ROOT + ".internal.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void everyPackageIsNullMarked() throws IOException {
		Path sources = Path.of("src/main/java", ROOT.replace('.', '/'));
		List<Path> packages;
		try (Stream<Path> walk = Files.walk(sources)) {
			packages = walk.filter(Files::isDirectory).filter(PublicApiTests::holdsJava).toList();
		}
		assertThat(packages).isNotEmpty().allSatisfy((dir) -> {
			Path info = dir.resolve("package-info.java");
			assertThat(info).exists();
			assertThat(Files.readString(info)).contains("@NullMarked");
			if (dir.toString().contains("internal")) {
				assertThat(Files.readString(info)).contains("not for public use");
			}
		});
	}

	@Test
	void everyPublicInternalTypeSaysItIsNotForPublicUse() throws IOException {
		Path internal = Path.of("src/main/java", ROOT.replace('.', '/'), "internal");
		List<Path> sources;
		try (Stream<Path> walk = Files.walk(internal)) {
			sources = walk.filter((path) -> path.toString().endsWith(".java"))
				.filter((path) -> !path.endsWith("package-info.java"))
				.toList();
		}
		for (Path source : sources) {
			String text = Files.readString(source);
			if (text.contains("\npublic ")) {
				assertThat(text).as(source.toString()).contains("Internal: not for public use");
			}
		}
	}

	private static boolean holdsJava(Path dir) {
		try (Stream<Path> list = Files.list(dir)) {
			return list.anyMatch((path) -> path.toString().endsWith(".java"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isExported(JavaClass type) {
		if (!type.getModifiers().contains(JavaModifier.PUBLIC) || type.isAnonymousClass() || type.isLocalClass()) {
			return false;
		}
		return type.getEnclosingClass().map(PublicApiTests::isExported).orElse(true);
	}

	private static DescribedPredicate<JavaClass> inApi() {
		return DescribedPredicate.describe("are API", (JavaClass type) -> API.contains(type.getName()));
	}

	private static ArchCondition<JavaClass> notExposeInternalTypes() {
		return new ArchCondition<>("not expose internal types in public or protected members") {

			@Override
			public void check(JavaClass type, ConditionEvents events) {
				for (JavaCodeUnit member : type.getCodeUnits()) {
					if (visible(member.getModifiers())) {
						Stream.concat(Stream.of(member.getRawReturnType()), member.getRawParameterTypes().stream())
							.filter(PublicApiTests::isInternal)
							.forEach((internal) -> events.add(SimpleConditionEvent.violated(member,
									member.getFullName() + " exposes " + internal.getName())));
					}
				}
				for (JavaField field : type.getFields()) {
					if (visible(field.getModifiers()) && isInternal(field.getRawType())) {
						events.add(SimpleConditionEvent.violated(field, field.getFullName() + " is internal"));
					}
				}
			}

			private boolean visible(Set<JavaModifier> modifiers) {
				return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
			}

		};
	}

	private static boolean isInternal(JavaClass type) {
		return type.getPackageName().startsWith(ROOT + ".internal");
	}

}
