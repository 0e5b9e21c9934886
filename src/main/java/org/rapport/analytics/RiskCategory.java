package org.rapport.analytics;

/**
 * Churn risk of a buyer. The probability alive (when predicted) sets a base level: below
 * {@value #LOW_P_ALIVE} high, below {@value #MID_P_ALIVE} medium, else low; unknown
 * counts as low. Each early-warning signal (see {@link RiskReason}) raises the level by
 * one, up to high. A buyer already lost (no purchase for
 * {@code rapport.analytics.lost-after-days}) is CHURNED whatever the signals.
 */
public enum RiskCategory {

	LOW, MEDIUM, HIGH, CHURNED;

	static final double LOW_P_ALIVE = 0.3;

	static final double MID_P_ALIVE = 0.7;

	public static RiskCategory of(Double pAlive, int signals, boolean lapsed) {
		if (lapsed) {
			return CHURNED;
		}
		int level = Math.min(2, band(pAlive) + Math.min(signals, 2));
		return values()[level];
	}

	/** 0 for unknown or at least {@value #MID_P_ALIVE}, 1 for medium, 2 for low. */
	static int band(Double pAlive) {
		if (pAlive == null || pAlive >= MID_P_ALIVE) {
			return 0;
		}
		return pAlive < LOW_P_ALIVE ? 2 : 1;
	}

	/**
	 * The rule as SQL rows (band, signals 0-2, lapsed, category) for a set-based join.
	 */
	static String sqlValues() {
		StringBuilder sb = new StringBuilder("(VALUES ");
		Double[] samples = { null, 0.5, 0.1 };
		for (int band = 0; band < 3; band++) {
			for (int signals = 0; signals < 3; signals++) {
				for (boolean lapsed : new boolean[] { false, true }) {
					sb.append(band + signals == 0 && !lapsed ? "" : ", ");
					sb.append('(').append(band).append(", ").append(signals).append(", ").append(lapsed);
					sb.append(", '").append(of(samples[band], signals, lapsed).name()).append("')");
				}
			}
		}
		return sb.append(')').toString();
	}

	/**
	 * The rule as a SQL array literal indexed [band + 1][signals + 1][lapsed], false 1
	 * and true 2 (the rows of {@link #sqlValues()} in their order): a subscript outside
	 * reads NULL, as a key the join does not find.
	 */
	static String sqlArray() {
		StringBuilder sb = new StringBuilder("ARRAY[");
		Double[] samples = { null, 0.5, 0.1 };
		for (int band = 0; band < 3; band++) {
			sb.append(band == 0 ? "[" : ", [");
			for (int signals = 0; signals < 3; signals++) {
				sb.append(signals == 0 ? "[" : ", [");
				for (boolean lapsed : new boolean[] { false, true }) {
					sb.append(lapsed ? ", '" : "'").append(of(samples[band], signals, lapsed).name()).append('\'');
				}
				sb.append(']');
			}
			sb.append(']');
		}
		return sb.append(']').toString();
	}

	/** Order of attention in the priority list: high first, then medium, churned, low. */
	int priority() {
		return switch (this) {
			case HIGH -> 0;
			case MEDIUM -> 1;
			case CHURNED -> 2;
			case LOW -> 3;
		};
	}

}
