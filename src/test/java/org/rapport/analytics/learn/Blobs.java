package org.rapport.analytics.learn;

import java.util.SplittableRandom;

/** Well-separated Gaussian blobs around given centres, drawn with a seed. */
record Blobs(double[][] points, int[] truth) {

	static Blobs around(double[][] centres, int perBlob, double spread, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		int n = centres.length * perBlob;
		double[][] points = new double[n][];
		int[] truth = new int[n];
		// interleaved, so the order of rows says nothing about the blobs
		for (int i = 0; i < n; i++) {
			int blob = i % centres.length;
			double[] p = new double[centres[blob].length];
			for (int f = 0; f < p.length; f++) {
				p[f] = centres[blob][f] + spread * gaussian(random);
			}
			points[i] = p;
			truth[i] = blob;
		}
		return new Blobs(points, truth);
	}

	static double gaussian(SplittableRandom random) {
		double u = 1 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/**
	 * Whether the found labels are the true blobs up to renaming (a one-to-one mapping).
	 */
	boolean recoveredBy(int[] labels) {
		int[] blobOfLabel = new int[labels.length + 1];
		int[] labelOfBlob = new int[this.truth.length + 1];
		java.util.Arrays.fill(blobOfLabel, -1);
		java.util.Arrays.fill(labelOfBlob, -1);
		for (int i = 0; i < labels.length; i++) {
			if (blobOfLabel[labels[i]] == -1) {
				blobOfLabel[labels[i]] = this.truth[i];
			}
			if (labelOfBlob[this.truth[i]] == -1) {
				labelOfBlob[this.truth[i]] = labels[i];
			}
			if (blobOfLabel[labels[i]] != this.truth[i] || labelOfBlob[this.truth[i]] != labels[i]) {
				return false;
			}
		}
		return true;
	}

}
