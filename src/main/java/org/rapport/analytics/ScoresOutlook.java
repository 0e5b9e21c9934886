package org.rapport.analytics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.loyalty.MemberOutlook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loyalty's lists ask what the current snapshot says of their members' future: predicted
 * CLV, churn risk and value tier, read in one statement from the snapshot's scores.
 */
@Component
class ScoresOutlook implements MemberOutlook {

	private final RunStore runs;

	private final JdbcClient jdbc;

	private final String currency;

	ScoresOutlook(RunStore runs, JdbcClient jdbc, BusinessCurrency currency) {
		this.runs = runs;
		this.jdbc = jdbc;
		this.currency = currency.code();
	}

	@Override
	public Map<UUID, Outlook> of(Collection<UUID> customerIds) {
		Map<UUID, Outlook> outlooks = new HashMap<>();
		Optional<AnalyticsRun> snapshot = this.runs.current();
		if (customerIds.isEmpty() || snapshot.isEmpty()) {
			return outlooks;
		}
		this.jdbc
			.sql("SELECT customer_id, predicted_clv, risk_category, value_tier FROM analytics_customer_score "
					+ "WHERE run_id = ? AND customer_id = ANY(?)")
			.params(snapshot.get().id(), customerIds.toArray(UUID[]::new))
			.query((rs) -> {
				outlooks.put(rs.getObject("customer_id", UUID.class),
						new Outlook(rs.getBigDecimal("predicted_clv"), this.currency, rs.getString("risk_category"),
								ValueTier.HIGH.name().equals(rs.getString("value_tier"))));
			});
		return outlooks;
	}

}
