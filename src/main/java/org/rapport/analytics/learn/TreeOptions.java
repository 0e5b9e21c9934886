package org.rapport.analytics.learn;

/**
 * Limits of the churn tree.
 *
 * @param maxDepth the longest path from the root to a leaf (0 = a single leaf)
 * @param minLeafSize no split leaves fewer rows than this on either side
 */
public record TreeOptions(int maxDepth, int minLeafSize) {

	public TreeOptions {
		if (maxDepth < 0 || minLeafSize < 1) {
			throw new IllegalArgumentException("need maxDepth ≥ 0 and minLeafSize ≥ 1");
		}
	}

	/**
	 * Depth 4 (at most 16 rules, short enough to read) and leaves of at least 100 rows.
	 */
	public static TreeOptions defaults() {
		return new TreeOptions(4, 100);
	}

}
