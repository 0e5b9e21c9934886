package org.rapport.analytics.learn;

import java.util.Arrays;

/**
 * Grows a binary classification tree (CART, Gini impurity). Each feature's row order is
 * sorted once; a split partitions those orders stably, so every node's rows stay
 * contiguous and sorted and the split search of a whole tree level costs one pass per
 * feature. Ties between equally good splits go to the lower feature index, then the lower
 * threshold: training is deterministic.
 */
final class CartLearner {

	private final double[][] columns;

	private final boolean[] churned;

	private final TreeOptions options;

	private final int[][] order;

	private final boolean[] goesLeft;

	private final int[] buffer;

	private CartLearner(double[][] columns, boolean[] churned, TreeOptions options) {
		this.columns = columns;
		this.churned = churned;
		this.options = options;
		int n = churned.length;
		this.order = new int[columns.length][];
		for (int f = 0; f < columns.length; f++) {
			this.order[f] = sortedBy(columns[f]);
		}
		this.goesLeft = new boolean[n];
		this.buffer = new int[n];
	}

	static TreeNode grow(double[][] rows, boolean[] churned, int featureCount, TreeOptions options) {
		if (rows.length != churned.length || rows.length == 0 || featureCount < 1) {
			throw new IllegalArgumentException("need one label per row, at least one row and one feature");
		}
		double[][] columns = new double[featureCount][rows.length];
		for (int i = 0; i < rows.length; i++) {
			Standardiser.checkWidth(rows[i], featureCount);
			for (int f = 0; f < featureCount; f++) {
				if (!Double.isFinite(rows[i][f])) {
					throw new IllegalArgumentException("row " + i + " feature " + f + " is not a finite number");
				}
				columns[f][i] = rows[i][f] + 0.0; // −0.0 becomes 0.0: one value, one rank
			}
		}
		return new CartLearner(columns, churned, options).node(0, rows.length, 0);
	}

	private TreeNode node(int lo, int hi, int depth) {
		int n = hi - lo;
		long positives = 0;
		for (int i = lo; i < hi; i++) {
			if (this.churned[this.order[0][i]]) {
				positives++;
			}
		}
		int minLeaf = this.options.minLeafSize();
		if (depth >= this.options.maxDepth() || n < 2 * minLeaf || positives == 0 || positives == n) {
			return TreeNode.leaf(n, positives);
		}
		double parentImpurity = weightedGini(n, positives);
		double bestImpurity = parentImpurity - 1e-9 * n;
		int bestFeature = -1;
		double bestThreshold = 0;
		for (int f = 0; f < this.columns.length; f++) {
			double[] values = this.columns[f];
			int[] sorted = this.order[f];
			long leftPositives = 0;
			for (int i = lo; i < hi - 1; i++) {
				if (this.churned[sorted[i]]) {
					leftPositives++;
				}
				int leftN = i - lo + 1;
				int rightN = n - leftN;
				if (leftN < minLeaf) {
					continue;
				}
				if (rightN < minLeaf) {
					break;
				}
				double here = values[sorted[i]];
				if (here == values[sorted[i + 1]]) {
					continue;
				}
				double impurity = weightedGini(leftN, leftPositives) + weightedGini(rightN, positives - leftPositives);
				if (impurity < bestImpurity) {
					bestImpurity = impurity;
					bestFeature = f;
					bestThreshold = here;
				}
			}
		}
		if (bestFeature < 0) {
			return TreeNode.leaf(n, positives);
		}
		int leftSize = partition(lo, hi, bestFeature, bestThreshold);
		TreeNode atMost = node(lo, lo + leftSize, depth + 1);
		TreeNode above = node(lo + leftSize, hi, depth + 1);
		return new TreeNode(bestFeature, bestThreshold, n, positives, atMost, above);
	}

	/**
	 * Stably moves the rows with {@code value ≤ threshold} to the front in every feature
	 * order.
	 */
	private int partition(int lo, int hi, int feature, double threshold) {
		double[] values = this.columns[feature];
		int leftSize = 0;
		for (int i = lo; i < hi; i++) {
			int row = this.order[feature][i];
			this.goesLeft[row] = values[row] <= threshold;
			leftSize += this.goesLeft[row] ? 1 : 0;
		}
		for (int[] sorted : this.order) {
			int left = lo;
			int right = 0;
			for (int i = lo; i < hi; i++) {
				int row = sorted[i];
				if (this.goesLeft[row]) {
					sorted[left++] = row;
				}
				else {
					this.buffer[right++] = row;
				}
			}
			System.arraycopy(this.buffer, 0, sorted, left, right);
		}
		return leftSize;
	}

	/** n × Gini impurity = n − (p² + (n − p)²) / n. */
	private static double weightedGini(long n, long positives) {
		double p = positives;
		double q = n - positives;
		return n - (p * p + q * q) / n;
	}

	/**
	 * Row indices ordered by value, ties by index: each value's rank among the distinct
	 * sorted values, then a counting sort by rank (primitive arrays only, no boxing).
	 */
	static int[] sortedBy(double[] values) {
		int n = values.length;
		double[] distinct = values.clone();
		Arrays.sort(distinct);
		int m = 0;
		for (int i = 0; i < n; i++) {
			if (i == 0 || distinct[i] != distinct[m - 1]) {
				distinct[m++] = distinct[i];
			}
		}
		int[] start = new int[m + 1];
		int[] rank = new int[n];
		for (int i = 0; i < n; i++) {
			rank[i] = Arrays.binarySearch(distinct, 0, m, values[i]);
			start[rank[i] + 1]++;
		}
		for (int r = 0; r < m; r++) {
			start[r + 1] += start[r];
		}
		int[] sorted = new int[n];
		for (int i = 0; i < n; i++) {
			sorted[start[rank[i]]++] = i;
		}
		return sorted;
	}

}
