package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EarningReasonTest {

	@Test
	void aPurchaseIsExplainedByItsTotalAndCurrency() {
		Basket basket = new Basket("PURCHASE", Instant.now(), "EUR", new BigDecimal("994"), List.of());

		assertThat(PurchaseEarning.reason(basket)).isEqualTo("Purchase of 994.00 EUR");
	}

	@Test
	void anotherInteractionIsExplainedByItsKind() {
		Basket basket = new Basket("SURVEY_ANSWER", Instant.now(), null, null, List.of());

		assertThat(PurchaseEarning.reason(basket)).isEqualTo("Survey answer");
	}

	@Test
	void aContactIsExplainedByItsKindAndHowItEnded() {
		Basket basket = new Basket("CALL", Instant.now(), null, null, List.of(), "NO_ANSWER");

		assertThat(PurchaseEarning.reason(basket)).isEqualTo("Call no answer");
		assertThat(PurchaseEarning.reason(new Basket("CALL", Instant.now(), null, null, List.of(), "REFUSED")))
			.isEqualTo("Call refused");
	}

}
