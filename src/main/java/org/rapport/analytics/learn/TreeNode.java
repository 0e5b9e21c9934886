package org.rapport.analytics.learn;

/**
 * A node of the churn tree, storable as JSON. A split sends rows whose feature value is
 * at most the threshold to {@code atMost} and the others to {@code above}; a leaf has
 * neither.
 *
 * @param feature the index of the split feature, −1 in a leaf
 * @param threshold the split threshold (a value seen in training), 0 in a leaf
 * @param samples the training rows that reached this node
 * @param churned how many of them churned
 * @param atMost the branch for {@code value ≤ threshold}, null in a leaf
 * @param above the branch for {@code value > threshold}, null in a leaf
 */
public record TreeNode(int feature, double threshold, long samples, long churned, TreeNode atMost, TreeNode above) {

	public TreeNode {
		if ((atMost == null) != (above == null)) {
			throw new IllegalArgumentException("a split has two branches, a leaf none");
		}
	}

	static TreeNode leaf(long samples, long churned) {
		return new TreeNode(-1, 0, samples, churned, null, null);
	}

	/** Whether this node is a leaf. */
	public boolean leaf() {
		return this.atMost == null;
	}

	/** The share of training rows here that churned: the predicted churn probability. */
	public double churnRate() {
		return (this.samples > 0) ? (double) this.churned / this.samples : 0;
	}

	/** The longest path below this node. */
	public int depth() {
		return leaf() ? 0 : 1 + Math.max(this.atMost.depth(), this.above.depth());
	}

}
