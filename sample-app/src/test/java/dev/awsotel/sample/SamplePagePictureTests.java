/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The comparison that keeps README's picture of the sample's page
 * ({@code docs/sample-page.png}) like what the sample draws, tried on the picture itself
 * without a browser: what changes between two drawings of the same page passes, a page
 * laid out differently does not.
 *
 * @author aws-otel-spring-boot authors
 */
class SamplePagePictureTests {

	private static final Path PICTURE = Path.of("..", "docs", "sample-page.png");

	// Where the order's trace draws its bars in the picture: lanes from x 398 to 1222,
	// rows from y 225 to 400.
	private static final int LANES_LEFT = 398;

	private static final int LANES_RIGHT = 1222;

	private static final int ROWS_TOP = 225;

	private static final int ROWS_BOTTOM = 400;

	@Test
	void thePictureIsTheSizeTheTestDrawsAndLooksLikeItself() throws IOException {
		BufferedImage picture = ImageIO.read(PICTURE.toFile());
		assertThat(picture.getWidth()).isEqualTo(1280);
		assertThat(picture.getHeight()).isEqualTo(757);
		assertThat(SamplePagePicture.differingBlocks(picture, picture)).isZero();
	}

	@Test
	void barsThatMovedAsDurationsDoStillLookLikeThePage() throws IOException {
		BufferedImage picture = ImageIO.read(PICTURE.toFile());
		BufferedImage moved = copy(picture);
		Graphics2D graphics = moved.createGraphics();
		// Every bar of the order's trace 150 pixels later, its lanes empty before them.
		graphics.drawImage(
				picture.getSubimage(LANES_LEFT, ROWS_TOP, LANES_RIGHT - LANES_LEFT - 150, ROWS_BOTTOM - ROWS_TOP),
				LANES_LEFT + 150, ROWS_TOP, null);
		graphics.setColor(new Color(0xf3f5f7));
		graphics.fillRect(LANES_LEFT, ROWS_TOP, 150, ROWS_BOTTOM - ROWS_TOP);
		graphics.dispose();
		assertThat(SamplePagePicture.differingBlocks(picture, moved)).isPositive()
			.isLessThanOrEqualTo(SamplePagePicture.MAX_DIFFERING_BLOCKS);
	}

	@Test
	void aRowMoreInTheOrdersTraceIsAnotherPage() throws IOException {
		BufferedImage picture = ImageIO.read(PICTURE.toFile());
		BufferedImage rowMore = copy(picture);
		Graphics2D graphics = rowMore.createGraphics();
		graphics.drawImage(picture.getSubimage(0, 300, picture.getWidth(), picture.getHeight() - 326), 0, 326, null);
		graphics.dispose();
		assertThat(SamplePagePicture.differingBlocks(picture, rowMore))
			.isGreaterThan(SamplePagePicture.MAX_DIFFERING_BLOCKS);
	}

	@Test
	void clientBarsInAnotherColourAreAnotherPage() throws IOException {
		BufferedImage picture = ImageIO.read(PICTURE.toFile());
		BufferedImage recoloured = copy(picture);
		for (int y = 0; y < picture.getHeight(); y++) {
			for (int x = 0; x < picture.getWidth(); x++) {
				Color colour = new Color(picture.getRGB(x, y));
				if (colour.getBlue() > 200 && colour.getRed() < 60) {
					recoloured.setRGB(x, y, 0x1a7f37);
				}
			}
		}
		assertThat(SamplePagePicture.differingBlocks(picture, recoloured))
			.isGreaterThan(SamplePagePicture.MAX_DIFFERING_BLOCKS);
	}

	@Test
	void aPictureOfAnotherSizeFailsNamingTheScriptThatRegeneratesIt(@TempDir Path directory) throws IOException {
		Path small = directory.resolve("small.png");
		ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png", small.toFile());
		assertThat(small).isRegularFile();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> SamplePagePicture.assertLooksLike(PICTURE, small, 1280, 757))
			.withMessageContaining("docs/regenerate-sample-page.sh");
	}

	private static BufferedImage copy(BufferedImage image) {
		BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = copy.createGraphics();
		graphics.drawImage(image, 0, 0, null);
		graphics.dispose();
		return copy;
	}

}
