package org.rapport.analytics.learn;

/**
 * One test on the way to a leaf, e.g. "days since last purchase > 120".
 *
 * @param featureIndex the feature's column
 * @param feature the feature's name
 * @param above true for {@code value > threshold}, false for {@code value ≤ threshold}
 * @param threshold the threshold
 */
public record Condition(int featureIndex, String feature, boolean above, double threshold) {

	/** The condition as staff read it. */
	public String text() {
		return this.feature + (this.above ? " > " : " ≤ ") + Numbers.plain(this.threshold);
	}

	boolean holds(double value) {
		return this.above ? value > this.threshold : value <= this.threshold;
	}

}
