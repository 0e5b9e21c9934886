package org.rapport.analytics;

/**
 * A buyer's value in the risk × value matrix, from the monetary score on the 1-5 scale:
 * 4-5 high, 2-3 medium, 1 low.
 */
public enum ValueTier {

	HIGH, MEDIUM, LOW;

	public static ValueTier ofMonetaryScore(int m5) {
		return m5 >= 4 ? HIGH : m5 >= 2 ? MEDIUM : LOW;
	}

}
