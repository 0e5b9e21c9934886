package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TierOfferMergeTest {

	static TierCandidate candidate(String account, String revenue) {
		return new TierCandidate(UUID.fromString(account), UUID.randomUUID(), "SILVER", "QUALIFIED", "GOLD",
				new BigDecimal("950"), new BigDecimal("1000"), new BigDecimal("50"), new BigDecimal(revenue));
	}

	@Test
	void twoHalvesMergeHighestRevenueFirstThenByAccountIdInTheDatabasesOrderUpToTheLimit() {
		// ids with the first bit set sort after the others in PostgreSQL (bytes,
		// unsigned)
		// but before them as Java compares UUIDs (signed)
		TierCandidate high = candidate("f0000000-0000-7000-8000-000000000001", "100.00");
		TierCandidate low = candidate("10000000-0000-7000-8000-000000000001", "100.00");
		TierCandidate richer = candidate("f0000000-0000-7000-8000-000000000002", "250.00");
		TierCandidate poorer = candidate("20000000-0000-7000-8000-000000000002", "5.00");
		TierOfferLists a = new TierOfferLists(List.of(richer, high), List.of(), List.of());
		TierOfferLists b = new TierOfferLists(List.of(low, poorer), List.of(high), List.of());

		TierOfferLists merged = TierOffers.merge(a, b, 3);

		assertThat(merged.near()).containsExactly(richer, low, high);
		assertThat(merged.better()).containsExactly(high);
		assertThat(merged.atRisk()).isEmpty();
		assertThat(TierOffers.compareAsPostgres(high.accountId(), low.accountId())).isPositive();
		assertThat(high.accountId().compareTo(low.accountId())).isNegative();
	}

}
