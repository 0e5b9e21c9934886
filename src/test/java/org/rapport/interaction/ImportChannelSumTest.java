package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import chunk's figures of one customer on one channel: every purchase counts as a
 * purchase, only those in the business currency count as revenue and as the divisor of
 * the average basket.
 */
class ImportChannelSumTest {

	@Test
	void aPurchaseInAnotherCurrencyCountsAsAPurchaseButNotAsRevenueNorTowardsTheAverageBasket() {
		ImportStaging.ChannelSum sum = new ImportStaging.ChannelSum("EUR");

		sum.add(purchase("2024-01-02T10:00:00Z", "100.00", "EUR"));
		sum.add(purchase("2024-01-01T10:00:00Z", "50.00", "USD"));
		sum.add(purchase("2024-01-03T10:00:00Z", "20.00", "EUR"));

		assertThat(sum.purchases).isEqualTo(3);
		assertThat(sum.purchasesInCurrency).isEqualTo(2);
		assertThat(sum.revenue).isEqualByComparingTo("120.00");
		assertThat(sum.firstPurchase).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
		assertThat(sum.lastPurchase).isEqualTo(Instant.parse("2024-01-03T10:00:00Z"));
	}

	@Test
	void aContactIsNoPurchaseButIsTheLastContactWhenItIsTheLatest() {
		ImportStaging.ChannelSum sum = new ImportStaging.ChannelSum("EUR");

		sum.add(purchase("2024-01-01T10:00:00Z", "10.00", "EUR"));
		sum.add(new NewInteraction(null, null, InteractionKind.VISIT, "store", Instant.parse("2024-02-01T10:00:00Z"),
				"pos", null, "k2", null, null, null, null, null, null, null, null, null, null, null, List.of()));

		assertThat(sum.purchases).isEqualTo(1);
		assertThat(sum.purchasesInCurrency).isEqualTo(1);
		assertThat(sum.last).isEqualTo(Instant.parse("2024-02-01T10:00:00Z"));
		assertThat(sum.lastPurchase).isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
	}

	private static NewInteraction purchase(String at, String total, String currency) {
		return new NewInteraction(null, null, InteractionKind.PURCHASE, "store", Instant.parse(at), "pos", null, "k",
				null, null, null, null, new BigDecimal(total), currency, null, null, null, null, null, List.of());
	}

}
