package org.rapport.analytics;

import java.util.stream.Collectors;

import org.rapport.platform.web.CsvCell;

/** A customer's scores as a CSV line (RFC 4180 quoting). */
final class ScoresCsv {

	static final String HEADER = "customer_id,display_name,revenue,currency,purchases,average_basket,"
			+ "last_purchase_at,r,f,m,segment,stage,loyalty_class,risk,risk_reasons,value_tier,p_alive,"
			+ "expected_purchases,predicted_clv,model_version,computed_at,class,churn_probability,chance_to_buy_again\r\n";

	private ScoresCsv() {
	}

	static String row(CustomerScores s) {
		String reasons = s.riskReasons().stream().map(Enum::name).collect(Collectors.joining(" "));
		Object[] values = { s.customerId(), s.displayName(), s.revenue(), s.currency(), s.purchases(),
				s.averageBasket(), s.lastPurchaseAt(), s.rScore(), s.fScore(), s.mScore(), s.segment(), s.stage(),
				s.loyaltyClass(), s.riskCategory(), reasons, s.valueTier(), s.pAlive(), s.expectedPurchases(),
				s.predictedClv(), s.modelVersion(), s.computedAt(), s.customerClass(), s.churnProbability(),
				s.chanceToBuyAgain() };
		return CsvCell.line(values);
	}

}
