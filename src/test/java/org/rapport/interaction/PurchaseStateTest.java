package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.platform.web.ApiException.FieldProblem;

import static org.assertj.core.api.Assertions.assertThat;

class PurchaseStateTest {

	static final UUID CUSTOMER = UUID.randomUUID();

	PurchaseState purchase() {
		return new PurchaseState(UUID.randomUUID(), CUSTOMER, "EUR", new BigDecimal("130.00"), Instant.EPOCH,
				BigDecimal.ZERO, List.of(new PurchaseState.Line(1, "TYRE", new BigDecimal("2"), BigDecimal.ZERO),
						new PurchaseState.Line(2, "OIL", new BigDecimal("1"), BigDecimal.ZERO)));
	}

	@Test
	void aReturnWithinThePurchaseIsAcceptedAndNamesThePurchaseLine() {
		List<Integer> lineNos = new ArrayList<>();
		assertThat(purchase().accept(CUSTOMER, ret("30.00", line("OIL", "1", null)), lineNos)).isEmpty();
		assertThat(lineNos).containsExactly(2);
	}

	@Test
	void returnsCannotTogetherExceedWhatWasBought() {
		PurchaseState purchase = purchase();
		assertThat(purchase.accept(CUSTOMER, ret("50.00", line("TYRE", "1", null)), new ArrayList<>())).isEmpty();
		List<FieldProblem> second = purchase.accept(CUSTOMER, ret("50.00", line("TYRE", "2", 1)), new ArrayList<>());
		assertThat(second).extracting(FieldProblem::field).containsExactly("lines[0].quantity");
		assertThat(purchase.accept(CUSTOMER, ret("50.00", line("TYRE", "1", 1)), new ArrayList<>())).isEmpty();
	}

	@Test
	void aReturnCannotRefundMoreThanIsLeftOfTheTotal() {
		assertThat(purchase().accept(CUSTOMER, ret("130.01"), new ArrayList<>())).extracting(FieldProblem::field)
			.containsExactly("total");
	}

	@Test
	void aReturnOfAnotherCustomersPurchaseOrInAnotherCurrencyIsRefused() {
		assertThat(purchase().accept(UUID.randomUUID(), ret("10.00"), new ArrayList<>()))
			.extracting(FieldProblem::field)
			.containsExactly("relatedPurchaseId");
		NewInteraction inDollars = new NewInteraction(CUSTOMER, null, InteractionKind.RETURN, "store", Instant.EPOCH,
				"pos", null, "k", null, null, null, null, new BigDecimal("10.00"), "USD", null, null, null, null, null,
				null);
		assertThat(purchase().accept(CUSTOMER, inDollars, new ArrayList<>())).extracting(FieldProblem::field)
			.containsExactly("currency");
	}

	@Test
	void aLineThatWasNotBoughtCannotComeBack() {
		assertThat(purchase().accept(CUSTOMER, ret("10.00", line("WIPER", "1", null)), new ArrayList<>()))
			.extracting(FieldProblem::field)
			.containsExactly("lines[0].sku");
	}

	static NewLine line(String sku, String quantity, Integer purchaseLineNo) {
		return new NewLine(sku, new BigDecimal(quantity), BigDecimal.TEN, null, null, purchaseLineNo);
	}

	static NewInteraction ret(String total, NewLine... lines) {
		return new NewInteraction(CUSTOMER, null, InteractionKind.RETURN, "store", Instant.EPOCH, "pos", null, "k",
				null, null, null, null, new BigDecimal(total), "EUR", null, null, null, null, null, List.of(lines));
	}

}
