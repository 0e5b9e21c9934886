package org.rapport.analytics;

import java.util.Objects;
import java.util.stream.Collectors;

/** A customer's scores as a CSV line (RFC 4180 quoting). */
final class ScoresCsv {

	static final String HEADER = "customer_id,display_name,revenue,currency,purchases,average_basket,"
			+ "last_purchase_at,r,f,m,segment,stage,loyalty_class,risk,risk_reasons,value_tier,p_alive,"
			+ "expected_purchases,predicted_clv,model_version,computed_at,class,churn_probability\r\n";

	private ScoresCsv() {
	}

	static String row(CustomerScores s) {
		String reasons = s.riskReasons().stream().map(Enum::name).collect(Collectors.joining(" "));
		Object[] values = { s.customerId(), s.displayName(), s.revenue(), s.currency(), s.purchases(),
				s.averageBasket(), s.lastPurchaseAt(), s.rScore(), s.fScore(), s.mScore(), s.segment(), s.stage(),
				s.loyaltyClass(), s.riskCategory(), reasons, s.valueTier(), s.pAlive(), s.expectedPurchases(),
				s.predictedClv(), s.modelVersion(), s.computedAt(), s.customerClass(), s.churnProbability() };
		StringBuilder line = new StringBuilder();
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				line.append(',');
			}
			line.append(quote(values[i] == null ? "" : Objects.toString(values[i])));
		}
		return line.append("\r\n").toString();
	}

	static String quote(String value) {
		String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+")
				? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
			return '"' + safe.replace("\"", "\"\"") + '"';
		}
		return safe;
	}

}
