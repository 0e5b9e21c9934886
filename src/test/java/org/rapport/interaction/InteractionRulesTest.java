package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.ApiException.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;

class InteractionRulesTest {

	static final Instant NOW = Instant.parse("2024-06-01T12:00:00Z");

	static final Map<String, Product> CATALOGUE = Map.of("TYRE", new Product("TYRE", "Tyre", "tyres", true));

	final InteractionRules rules = new InteractionRules(IngestionSettings.defaults());

	@Test
	void aCompletePurchaseBreaksNoRule() {
		assertThat(problems(purchase(NOW, "100.00", line("2", "50.00")))).isEmpty();
	}

	@Test
	void anOccurredAtBeyondTheToleranceIsInTheFuture() {
		assertThat(problems(purchase(NOW.plusSeconds(4 * 60), "50.00", line("1", "50.00")))).isEmpty();
		assertThat(fields(purchase(NOW.plusSeconds(6 * 60), "50.00", line("1", "50.00"))))
			.containsExactly("occurredAt");
	}

	@Test
	void quantitiesMustBePositiveAndNotAbsurd() {
		assertThat(fields(purchase(NOW, "0.00", line("0", "50.00")))).contains("lines[0].quantity");
		assertThat(fields(purchase(NOW, "500050.00", line("10001", "50.00")))).containsExactly("lines[0].quantity");
	}

	@Test
	void anUnknownCurrencyOrSkuIsRefused() {
		NewInteraction inXyz = withCurrency(purchase(NOW, "50.00", line("1", "50.00")), "XYZ");
		NewInteraction unknownSku = purchase(NOW, "50.00",
				new NewLine("NOPE", BigDecimal.ONE, new BigDecimal("50.00"), null, null, null));
		assertThat(fields(inXyz)).containsExactly("currency");
		for (String noMoney : java.util.List.of("XXX", "XTS", "XAU", "XAG", "XDR")) {
			assertThat(fields(withCurrency(purchase(NOW, "50.00", line("1", "50.00")), noMoney))).as(noMoney)
				.containsExactly("currency");
		}
		assertThat(fields(withCurrency(purchase(NOW, "50.00", line("1", "50.00")), "XCD"))).isEmpty();
		assertThat(fields(unknownSku)).containsExactly("lines[0].sku");
	}

	@Test
	void lineAmountsMustAddUpToTheTotalWithinTheTolerance() {
		assertThat(problems(purchase(NOW, "100.04", line("2", "50.00")))).isEmpty();
		assertThat(fields(purchase(NOW, "100.10", line("2", "50.00")))).containsExactly("total");
		NewLine wrongAmount = new NewLine("TYRE", new BigDecimal("2"), new BigDecimal("50.00"), new BigDecimal("10"),
				new BigDecimal("100.00"), null);
		assertThat(fields(purchase(NOW, "100.00", wrongAmount))).containsExactly("lines[0].amount");
	}

	@Test
	void aPurchaseWithoutTotalOrCustomerAndAnOverLongFieldAreEachReported() {
		NewInteraction bad = new NewInteraction(null, null, InteractionKind.PURCHASE, "store", NOW, "pos",
				"x".repeat(129), null, null, null, null, null, null, null, null, null, null, null, null, null);
		assertThat(fields(bad)).containsExactly("customer", "externalId", "total");
	}

	@Test
	void aReturnNamesItsPurchaseAndOnlyReturnsReferToOne() {
		NewInteraction ret = new NewInteraction(UUID.randomUUID(), null, InteractionKind.RETURN, "store", NOW, "pos",
				null, "k", null, null, null, null, new BigDecimal("10.00"), "EUR", null, null, null, null, null, null);
		assertThat(fields(ret)).containsExactly("relatedPurchaseId");
		assertThat(fields(purchase(NOW, "50.00", line("1", "50.00")).returning(UUID.randomUUID())))
			.containsExactly("relatedPurchaseId");
	}

	@Test
	void theRetryKeyIsTheIdempotencyKeyElseTheExternalId() {
		NewInteraction both = new NewInteraction(null, null, null, null, null, null, "ext-1", " key-1 ", null, null,
				null, null, null, null, null, null, null, null, null, null);
		NewInteraction external = new NewInteraction(null, null, null, null, null, null, "ext-1", " ", null, null, null,
				null, null, null, null, null, null, null, null, null);
		NewInteraction none = new NewInteraction(null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null, null, null);
		assertThat(both.effectiveKey()).isEqualTo("key-1");
		assertThat(external.effectiveKey()).isEqualTo("ext-1");
		assertThat(none.effectiveKey()).isNull();
	}

	private List<FieldProblem> problems(NewInteraction item) {
		return this.rules.check(item, NOW, CATALOGUE);
	}

	private List<String> fields(NewInteraction item) {
		return problems(item).stream().map(FieldProblem::field).toList();
	}

	static NewLine line(String quantity, String price) {
		return NewLine.of("TYRE", quantity, price);
	}

	static NewInteraction purchase(Instant at, String total, NewLine... lines) {
		return new NewInteraction(UUID.randomUUID(), null, InteractionKind.PURCHASE, "store", at, "pos", null, "k",
				null, null, null, null, new BigDecimal(total), "EUR", null, null, null, null, null, List.of(lines));
	}

	static NewInteraction withCurrency(NewInteraction p, String currency) {
		return new NewInteraction(p.customerId(), null, p.kind(), p.channel(), p.occurredAt(), p.sourceSystem(), null,
				p.idempotencyKey(), null, null, null, null, p.total(), currency, null, null, null, null, null,
				p.lines());
	}

}
