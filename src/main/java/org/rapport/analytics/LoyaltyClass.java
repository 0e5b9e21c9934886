package org.rapport.analytics;

/**
 * The loyalty × profitability matrix (Reinartz and Kumar). Loyal: purchase rate
 * (purchases per 30 days of tenure, tenure at least 30 days) above the run's loyalty
 * threshold; profitable: revenue above the run's profitability threshold. Both thresholds
 * are the median of the buyers by default ({@code rapport.analytics.loyalty-quantile},
 * {@code profitability-quantile}) or fixed values ({@code loyalty-rate},
 * {@code profitability-revenue}).
 */
public enum LoyaltyClass {

	/** Loyal and profitable: keep and reward. */
	TRUE_FRIEND,
	/** Profitable but not loyal: make the most of them while they buy. */
	BUTTERFLY,
	/** Loyal but not profitable: grow their basket or serve them at lower cost. */
	BARNACLE,
	/** Neither: invest little. */
	STRANGER;

	public static LoyaltyClass of(boolean loyal, boolean profitable) {
		if (loyal) {
			return profitable ? TRUE_FRIEND : BARNACLE;
		}
		return profitable ? BUTTERFLY : STRANGER;
	}

	static String sqlValues() {
		StringBuilder sb = new StringBuilder("(VALUES ");
		boolean[] both = { false, true };
		for (boolean loyal : both) {
			for (boolean profitable : both) {
				sb.append(loyal || profitable ? ", " : "");
				sb.append('(').append(loyal).append(", ").append(profitable).append(", '");
				sb.append(of(loyal, profitable).name()).append("')");
			}
		}
		return sb.append(')').toString();
	}

	/**
	 * The matrix as a SQL array literal indexed [loyal][profitable], false 1 and true 2
	 * (the rows of {@link #sqlValues()} in their order).
	 */
	static String sqlArray() {
		StringBuilder sb = new StringBuilder("ARRAY[");
		boolean[] both = { false, true };
		for (boolean loyal : both) {
			sb.append(loyal ? ", [" : "[");
			for (boolean profitable : both) {
				sb.append(profitable ? ", '" : "'").append(of(loyal, profitable).name()).append('\'');
			}
			sb.append(']');
		}
		return sb.append(']').toString();
	}

}
