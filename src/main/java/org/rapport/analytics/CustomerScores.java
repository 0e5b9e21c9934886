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
 * the churn model's probability with the conditions of its path, the days with a purchase
 * (the purchase model's frequency is one less), the chance of a purchase within the value
 * model's horizon ({@code chanceToBuyAgain}, from the same BG/NBD fit: unlike
 * {@code pAlive}, which the model fixes at 1 until a second purchase, it falls the longer
 * a one-time buyer stays silent), and the model version and instant the scores describe.
 * Scores of non-buyers (RFM, class, risk, tier) are null.
 */
public record CustomerScores(UUID customerId, String displayName, UUID runId, String modelVersion, Instant computedAt,
		Instant firstPurchaseAt, Instant lastPurchaseAt, int purchases, BigDecimal revenue, BigDecimal averageBasket,
		String currency, BigDecimal tenureDays, BigDecimal recencyDays, BigDecimal meanGapDays, BigDecimal purchaseRate,
		Integer rScore, Integer fScore, Integer mScore, RfmSegment segment, LifecycleStage stage,
		LoyaltyClass loyaltyClass, RiskCategory riskCategory, List<RiskReason> riskReasons, ValueTier valueTier,
		BigDecimal expectedPurchases, BigDecimal pAlive, BigDecimal predictedClv, Integer customerClass,
		BigDecimal churnProbability, List<String> churnPath, int purchaseDays, BigDecimal chanceToBuyAgain) {

	public CustomerScores {
		riskReasons = List.copyOf(riskReasons);
		churnPath = List.copyOf(churnPath);
	}

	/**
	 * Bought on one day only: the purchase model counts such a customer as active
	 * ({@code pAlive} 1) until a second purchase, so their chance to buy again says more.
	 */
	public boolean boughtOnce() {
		return this.purchaseDays == 1 && this.chanceToBuyAgain != null;
	}

}
