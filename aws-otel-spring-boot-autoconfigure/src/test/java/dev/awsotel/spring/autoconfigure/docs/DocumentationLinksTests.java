/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.spring.autoconfigure.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of the project's Markdown (README.md, docs/ and the modules' pages)
 * leads somewhere: the file or directory exists and, for a {@code #fragment} into a
 * Markdown page, that page has a heading with that anchor (as GitHub makes them). Pages
 * move between README and docs/, and a moved section breaks the links into it silently
 * otherwise. No server, no network: external links are not followed.
 *
 * @author aws-otel-spring-boot authors
 */
class DocumentationLinksTests {

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

	private final Path root = projectRoot();

	private final Map<Path, Set<String>> anchors = new HashMap<>();

	@Test
	void everyRelativeLinkOfTheDocumentationLeadsToAFileAndHeadingThatExist() throws IOException {
		List<Path> pages = markdownPages();
		assertThat(pages).contains(this.root.resolve("README.md"), this.root.resolve("docs/configuration.md"));
		List<String> broken = new ArrayList<>();
		int checked = 0;
		for (Path page : pages) {
			for (String target : links(page)) {
				if (SCHEME.matcher(target).find()) {
					continue;
				}
				checked++;
				String problem = problem(page, target);
				if (problem != null) {
					broken.add(this.root.relativize(page) + ": (" + target + ") " + problem);
				}
			}
		}
		// README alone has more than ten: a parser that finds none must not pass.
		assertThat(checked).as("relative links checked").isGreaterThan(20);
		assertThat(broken).as("broken relative links").isEmpty();
	}

	@Test
	void readmeIsReadInTwoMinutesAndGivesTheTwoCommands() throws IOException {
		// The reference lives in docs/: README keeps what a newcomer needs first.
		List<String> lines = Files.readAllLines(this.root.resolve("README.md"));
		assertThat(lines).as("README.md lines").hasSizeLessThan(150);
		List<String> headings = lines.stream().filter((line) -> line.startsWith("## ")).toList();
		assertThat(headings).containsSubsequence("## Add it", "## Run the sample", "## Run the tests",
				"## Configuration");
		assertThat(section(lines, "## Run the sample"))
			.anyMatch((line) -> line.startsWith("./mvnw ") && line.contains("java -jar sample-app/target/"));
		assertThat(section(lines, "## Run the tests")).contains("./mvnw verify", "./mvnw verify -Pjava25");
	}

	private static List<String> section(List<String> lines, String heading) {
		int start = lines.indexOf(heading);
		assertThat(start).as(heading).isNotNegative();
		List<String> section = new ArrayList<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			section.add(line);
		}
		return section;
	}

	@Test
	void anchorsAreMadeAsGitHubMakesThem() {
		assertThat(anchor("The `awsclients` endpoint")).isEqualTo("the-awsclients-endpoint");
		assertThat(anchor("Spring Cloud AWS, the Java agent, HTTP clients"))
			.isEqualTo("spring-cloud-aws-the-java-agent-http-clients");
		assertThat(anchor("Threads, async callbacks and shutdown")).isEqualTo("threads-async-callbacks-and-shutdown");
	}

	private String problem(Path page, String target) {
		int hash = target.indexOf('#');
		String file = (hash >= 0) ? target.substring(0, hash) : target;
		String fragment = (hash >= 0) ? target.substring(hash + 1) : null;
		Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
		if (!resolved.startsWith(this.root)) {
			return "points outside the repository";
		}
		if (!Files.exists(resolved)) {
			return "no such file";
		}
		if (fragment != null && resolved.getFileName().toString().endsWith(".md")
				&& !anchorsOf(resolved).contains(fragment)) {
			return "no heading with this anchor in " + this.root.relativize(resolved);
		}
		return null;
	}

	private Set<String> anchorsOf(Path page) {
		return this.anchors.computeIfAbsent(page, (key) -> {
			Set<String> found = new HashSet<>();
			Map<String, Integer> seen = new HashMap<>();
			for (String line : prose(key)) {
				Matcher heading = HEADING.matcher(line);
				if (heading.matches()) {
					String anchor = anchor(heading.group(1));
					int count = seen.merge(anchor, 1, Integer::sum);
					// GitHub numbers a repeated heading's anchor: x, x-1, x-2...
					found.add((count == 1) ? anchor : anchor + "-" + (count - 1));
				}
			}
			return found;
		});
	}

	private static String anchor(String heading) {
		// GitHub's rule: lower case, punctuation (backticks too) dropped, spaces
		// to dashes.
		return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	private static List<String> links(Path page) {
		List<String> links = new ArrayList<>();
		for (String line : prose(page)) {
			// Code spans may hold brackets and parentheses that are no links.
			Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "code"));
			while (link.find()) {
				links.add(link.group(1));
			}
		}
		return links;
	}

	// The page's lines outside fenced code blocks.
	private static List<String> prose(Path page) {
		List<String> prose = new ArrayList<>();
		boolean fenced = false;
		try {
			for (String line : Files.readAllLines(page)) {
				if (line.stripLeading().startsWith("```")) {
					fenced = !fenced;
				}
				else if (!fenced) {
					prose.add(line);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return prose;
	}

	private List<Path> markdownPages() throws IOException {
		List<Path> pages = new ArrayList<>();
		Files.walkFileTree(this.root, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
				// Build output, npm's packages and hidden directories hold pages
				// that are not ours (and node_modules is large).
				String name = directory.getFileName().toString();
				boolean skipped = !directory.equals(DocumentationLinksTests.this.root)
						&& (name.equals("target") || name.equals("node_modules") || name.startsWith("."));
				return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				if (file.getFileName().toString().endsWith(".md")) {
					pages.add(file);
				}
				return FileVisitResult.CONTINUE;
			}

		});
		pages.sort(null);
		return pages;
	}

	private static Path projectRoot() {
		// The module's directory (Surefire's working directory), or a module
		// that compiles these tests from elsewhere: the root is the first parent
		// with the README and mvnw.
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null) {
			if (Files.isRegularFile(directory.resolve("README.md")) && Files.isRegularFile(directory.resolve("mvnw"))) {
				return directory;
			}
			directory = directory.getParent();
		}
		throw new IllegalStateException("No README.md and mvnw above " + Path.of("").toAbsolutePath());
	}

}
