package org.rapport.analytics.learn;

import java.util.Arrays;
import java.util.List;

/**
 * Area under the ROC curve as the Mann–Whitney statistic: the probability that a random
 * churner scores higher than a random non-churner, ties counting one half (mid-ranks). 1
 * is a perfect ranking, 0.5 chance, 0 a perfectly inverted one.
 */
public final class Auc {

	private Auc() {
	}

	/** The AUC of scores against labels; NaN when either class is absent. */
	public static double of(double[] scores, boolean[] positives) {
		int n = scores.length;
		if (positives.length != n) {
			throw new IllegalArgumentException("one label per score");
		}
		Integer[] order = new Integer[n];
		for (int i = 0; i < n; i++) {
			order[i] = i;
		}
		Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
		double positiveRankSum = 0;
		long positiveCount = 0;
		int i = 0;
		while (i < n) {
			int j = i;
			while (j + 1 < n && Double.compare(scores[order[j + 1]], scores[order[i]]) == 0) {
				j++;
			}
			double midRank = (i + j) / 2.0 + 1;
			for (int t = i; t <= j; t++) {
				if (positives[order[t]]) {
					positiveRankSum += midRank;
					positiveCount++;
				}
			}
			i = j + 1;
		}
		long negativeCount = n - positiveCount;
		if (positiveCount == 0 || negativeCount == 0) {
			return Double.NaN;
		}
		double u = positiveRankSum - positiveCount * (positiveCount + 1) / 2.0;
		return u / ((double) positiveCount * negativeCount);
	}

	/** The AUC of one feature used as the score (e.g. days since last purchase). */
	public static double ofFeature(List<SnapshotRow> rows, int feature) {
		double[] scores = new double[rows.size()];
		boolean[] labels = new boolean[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			scores[i] = rows.get(i).features()[feature];
			labels[i] = rows.get(i).churned();
		}
		return of(scores, labels);
	}

	/** The AUC of a tree's probabilities on rows it may not have seen. */
	public static double ofTree(ChurnTree tree, List<SnapshotRow> rows) {
		double[] scores = new double[rows.size()];
		boolean[] labels = new boolean[rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			scores[i] = tree.probability(rows.get(i).features());
			labels[i] = rows.get(i).churned();
		}
		return of(scores, labels);
	}

}
