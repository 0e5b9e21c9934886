package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.rapport.customer.LifecycleStage;

/**
 * A customer's analytics in one snapshot: historical value (money in the business
 * currency, days as fractional days), RFM scores and segment, lifecycle stage, loyalty
 * class, churn risk with its reasons, value tier, the predictions (null until a value
 * model is available), the one-to-class class (index into the snapshot's class profiles),
 * the churn model's probability with the conditions of its path, and the model version
 * and instant the scores describe. Scores of non-buyers (RFM, class, risk, tier) are
 * null.
 */
public record CustomerScores(UUID customerId, String displayName, UUID runId, String modelVersion, Instant computedAt,
		Instant firstPurchaseAt, Instant lastPurchaseAt, int purchases, BigDecimal revenue, BigDecimal averageBasket,
		String currency, BigDecimal tenureDays, BigDecimal recencyDays, BigDecimal meanGapDays, BigDecimal purchaseRate,
		Integer rScore, Integer fScore, Integer mScore, RfmSegment segment, LifecycleStage stage,
		LoyaltyClass loyaltyClass, RiskCategory riskCategory, List<RiskReason> riskReasons, ValueTier valueTier,
		BigDecimal expectedPurchases, BigDecimal pAlive, BigDecimal predictedClv, Integer customerClass,
		BigDecimal churnProbability, List<String> churnPath) {

	public CustomerScores {
		riskReasons = List.copyOf(riskReasons);
		churnPath = List.copyOf(churnPath);
	}

}
