package org.rapport.analytics;

import java.time.YearMonth;
import java.util.UUID;

import org.rapport.customer.LifecycleStage;

/**
 * Which customers of a snapshot to list: the cell of a chart (RFM scores or segment,
 * loyalty class, stage, risk and value tier, cohort month, the top share of buyers by
 * revenue, the one-to-class class) and the order. Null fields do not filter; a null run
 * is the current snapshot.
 */
public record ScoreFilter(UUID run, Integer r, Integer f, Integer m, RfmSegment segment, LoyaltyClass loyaltyClass,
		LifecycleStage stage, RiskCategory risk, ValueTier valueTier, YearMonth cohort, Integer topPercent, Order order,
		Integer customerClass) {

	/** A filter without a class. */
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
				this.valueTier, this.cohort, this.topPercent, this.order, this.customerClass);
	}

}
