package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * What is known of customers' future: their predicted lifetime value and their risk of
 * leaving. The analytics module provides it from its current snapshot; loyalty does not
 * depend on analytics (analytics reads loyalty), so it asks through this interface, and
 * without a provider, or before a first analytics run, its lists simply leave the outlook
 * out. The lists staff act on before a programme change (the impact preview) and the
 * members to offer a better tier say with it which members are valuable and which are
 * likely to leave, so that those are looked after first.
 */
public interface MemberOutlook {

	/**
	 * The outlook of each of these customers that has one in the current snapshot;
	 * customers without scores are left out of the map.
	 */
	Map<UUID, Outlook> of(Collection<UUID> customerIds);

	/**
	 * One customer's outlook.
	 *
	 * @param predictedValue predicted lifetime value in the business currency; null until
	 * a value model is available
	 * @param currency the business currency of {@code predictedValue}
	 * @param risk risk of leaving: {@code LOW}, {@code MEDIUM}, {@code HIGH} or
	 * {@code CHURNED} (already lost); null for a customer who never bought
	 * @param highValue whether the customer is of the snapshot's high value tier
	 */
	record Outlook(BigDecimal predictedValue, String currency, String risk, boolean highValue) {

		/** At high risk of leaving: the members to look after first. */
		public boolean likelyToLeave() {
			return "HIGH".equals(this.risk);
		}

	}

}
