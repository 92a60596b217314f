/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's page in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs): place an order, see its trace
 * drawn. The page as drawn is saved to {@code target/sample-page.png} and compared with
 * README's picture, {@code docs/sample-page.png}, so that the picture cannot drift from
 * what the sample draws; {@code docs/regenerate-sample-page.sh} (this test with
 * {@code -Dsample-page.update=true}) writes the picture anew.
 *
 * @author aws-otel-spring-boot authors
 */
@EnabledIf("browserInstalled")
class SamplePageBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	// The viewport of README's picture, fixed so that every run draws the same size.
	private static final int WIDTH = 1280;

	private static final int HEIGHT = 757;

	private static final Path PICTURE = Path.of("..", "docs", "sample-page.png");

	static boolean browserInstalled() {
		// CI installs them; a developer's machine may not have them.
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	@Test
	void whenAPersonPlacesAnOrderThenItsTraceIsDrawnWithEveryCall() throws Exception {
		try (ConfigurableApplicationContext context = SampleApplication.application(Map.of()).run("--server.port=0")) {
			String page = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/";
			ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
				.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-quic", "--no-first-run", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--window-size=1280,900",
						"--user-data-dir=" + Files.createTempDirectory("chromium"));
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.build();
			ChromeDriver browser = new ChromeDriver(service, options);
			try {
				// What a window leaves to the page depends on the browser's version: the
				// viewport is set instead, the size of README's picture.
				browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
						Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
				browser.get(page);
				browser.findElement(By.id("item")).clear();
				browser.findElement(By.id("item")).sendKeys("green tea");
				browser.findElement(By.id("place")).click();

				// The page draws its traces anew every second: an element read while it
				// does is stale, and is read again from the new drawing.
				WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
				wait.ignoring(StaleElementReferenceException.class);
				String traceId = wait.until((driver) -> {
					String id = driver.findElement(By.id("status")).getDomAttribute("data-trace-id");
					return (id != null && !id.isEmpty()) ? id : null;
				});
				List<String> expected = List.of("POST /orders", "DynamoDb.PutItem", "S3.PutObject",
						"fulfillment publish", "fulfillment process", "DynamoDb.UpdateItem");
				List<String> drawn = wait.until((driver) -> {
					List<String> names = driver
						.findElements(By.cssSelector("section.trace[data-trace-id='" + traceId + "'] .row.span"))
						.stream()
						.map((row) -> row.getDomAttribute("data-name"))
						.toList();
					return names.containsAll(expected) ? names : null;
				});

				assertThat(drawn).containsAll(expected);
				String updateBar = wait
					.until((driver) -> driver.findElement(By.cssSelector("section.trace[data-trace-id='" + traceId
							+ "'] .row.span[data-name='DynamoDb.UpdateItem'] .bar"))
						.getText());
				assertThat(updateBar).endsWith("ms");
				Path screenshot = browser.getScreenshotAs(OutputType.FILE).toPath();
				Path saved = Path.of("target", "sample-page.png");
				Files.copy(screenshot, saved, StandardCopyOption.REPLACE_EXISTING);
				if (Boolean.getBoolean("sample-page.update")) {
					Files.copy(saved, PICTURE, StandardCopyOption.REPLACE_EXISTING);
				}
				SamplePagePicture.assertLooksLike(saved, PICTURE, WIDTH, HEIGHT);
			}
			finally {
				browser.quit();
			}
		}
	}

}
