package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.UUID;

import org.rapport.customer.LifecycleStage;

/**
 * Which customers of a snapshot to list: the cell of a chart (RFM scores or segment,
 * loyalty class, stage, risk and value tier, cohort month, the top share of buyers by
 * revenue, the one-to-class class, a range of predicted CLV, a move between lifecycle
 * stages in a month) and the order. Null fields do not filter; a null run is the current
 * snapshot.
 */
public record ScoreFilter(UUID run, Integer r, Integer f, Integer m, RfmSegment segment, LoyaltyClass loyaltyClass,
		LifecycleStage stage, RiskCategory risk, ValueTier valueTier, YearMonth cohort, Integer topPercent, Order order,
		Integer customerClass, ClvRange clv, StageMove move) {

	/** A filter without a class, CLV range or stage move. */
	public ScoreFilter(UUID run, Integer r, Integer f, Integer m, RfmSegment segment, LoyaltyClass loyaltyClass,
			LifecycleStage stage, RiskCategory risk, ValueTier valueTier, YearMonth cohort, Integer topPercent,
			Order order, Integer customerClass) {
		this(run, r, f, m, segment, loyaltyClass, stage, risk, valueTier, cohort, topPercent, order, customerClass,
				null, null);
	}

	/** A filter without a class, CLV range or stage move. */
	public ScoreFilter(UUID run, Integer r, Integer f, Integer m, RfmSegment segment, LoyaltyClass loyaltyClass,
			LifecycleStage stage, RiskCategory risk, ValueTier valueTier, YearMonth cohort, Integer topPercent,
			Order order) {
		this(run, r, f, m, segment, loyaltyClass, stage, risk, valueTier, cohort, topPercent, order, null);
	}

	public enum Order {

		/** Revenue, highest first. */
		REVENUE,
		/**
		 * Attention first: high risk, medium, churned, low; within a risk, predicted CLV
		 * then revenue, highest first.
		 */
		PRIORITY

	}

	public static ScoreFilter all() {
		return new ScoreFilter(null, null, null, null, null, null, null, null, null, null, null, Order.REVENUE);
	}

	public ScoreFilter inRun(UUID id) {
		return new ScoreFilter(id, this.r, this.f, this.m, this.segment, this.loyaltyClass, this.stage, this.risk,
				this.valueTier, this.cohort, this.topPercent, this.order, this.customerClass, this.clv, this.move);
	}

	/**
	 * Predicted CLV from {@code from} (inclusive) up to {@code to} (exclusive); a null
	 * bound is open.
	 */
	public record ClvRange(BigDecimal from, BigDecimal to) {

		public ClvRange {
			if (from != null && to != null && from.compareTo(to) >= 0) {
				throw new IllegalArgumentException("a CLV range must end above its start");
			}
		}

	}

	/**
	 * The buyers whose stage went from {@code from} at the end of the previous month to
	 * {@code to} at the end of {@code month} (the rule of the stored stage flows,
	 * PROSPECT = no purchase yet).
	 */
	public record StageMove(YearMonth month, LifecycleStage from, LifecycleStage to) {

		public StageMove {
			if (month == null || from == null || to == null) {
				throw new IllegalArgumentException("a stage move needs a month and both stages");
			}
		}

	}

}
