/*
 * Copyright 2026 the aws-otel-spring-boot authors.
 * SPDX-License-Identifier: Apache-2.0
 */

package dev.awsotel.sample;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the page the sample draws now with README's picture of it. Two drawings of the
 * page are never equal pixel for pixel: durations move and size the bars, trace ids and
 * figures change, and fonts render differently from one machine to the next. So the
 * picture and the drawing are compared as 16x16-pixel blocks, each by its mean colour:
 * glyphs and bars that moved change few blocks, while a page laid out differently (a row
 * more or less, other colours, another size) changes many.
 *
 * @author aws-otel-spring-boot authors
 */
final class SamplePagePicture {

	private static final int BLOCK = 16;

	// A block differs when the mean of one of its colour channels moved by more than this
	// (0 to 255): more than other text or anti-aliasing moves it, less than a bar
	// appearing on its lane.
	private static final int BLOCK_TOLERANCE = 40;

	// Two drawings of the unchanged page differ in 1 to 2% of the blocks (measured), the
	// order's bars moved by 150 pixels in about 4%; a row more in its trace changes about
	// 19%, the client bars in another colour about 11%.
	static final double MAX_DIFFERING_BLOCKS = 0.08;

	private static final String HOW_TO_UPDATE = "if the page changed on purpose, run docs/regenerate-sample-page.sh"
			+ " and commit docs/sample-page.png";

	private SamplePagePicture() {
	}

	static void assertLooksLike(Path drawn, Path picture, int width, int height) throws IOException {
		BufferedImage now = read(drawn);
		BufferedImage committed = read(picture);
		assertThat(now.getWidth() + "x" + now.getHeight()).as("size of the page drawn (%s)", drawn)
			.isEqualTo(width + "x" + height);
		assertThat(committed.getWidth() + "x" + committed.getHeight()).as("size of %s; %s", picture, HOW_TO_UPDATE)
			.isEqualTo(width + "x" + height);
		assertThat(differingBlocks(now, committed))
			.as("share of %dx%d blocks of %s unlike the page drawn now (%s); %s", BLOCK, BLOCK, picture, drawn,
					HOW_TO_UPDATE)
			.isLessThanOrEqualTo(MAX_DIFFERING_BLOCKS);
	}

	static double differingBlocks(BufferedImage first, BufferedImage second) {
		int columns = Math.min(first.getWidth(), second.getWidth()) / BLOCK;
		int rows = Math.min(first.getHeight(), second.getHeight()) / BLOCK;
		int differing = 0;
		for (int row = 0; row < rows; row++) {
			for (int column = 0; column < columns; column++) {
				double[] one = meanColour(first, column, row);
				double[] other = meanColour(second, column, row);
				for (int channel = 0; channel < 3; channel++) {
					if (Math.abs(one[channel] - other[channel]) > BLOCK_TOLERANCE) {
						differing++;
						break;
					}
				}
			}
		}
		return (double) differing / (columns * rows);
	}

	private static double[] meanColour(BufferedImage image, int column, int row) {
		double[] sums = new double[3];
		for (int y = row * BLOCK; y < (row + 1) * BLOCK; y++) {
			for (int x = column * BLOCK; x < (column + 1) * BLOCK; x++) {
				int rgb = image.getRGB(x, y);
				sums[0] += (rgb >> 16) & 0xff;
				sums[1] += (rgb >> 8) & 0xff;
				sums[2] += rgb & 0xff;
			}
		}
		for (int channel = 0; channel < 3; channel++) {
			sums[channel] /= BLOCK * BLOCK;
		}
		return sums;
	}

	private static BufferedImage read(Path path) throws IOException {
		assertThat(path).as(HOW_TO_UPDATE).isRegularFile();
		BufferedImage image = ImageIO.read(path.toFile());
		assertThat(image).as("%s is a PNG image", path).isNotNull();
		return image;
	}

}
