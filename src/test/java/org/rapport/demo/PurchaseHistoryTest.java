package org.rapport.demo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.interaction.BulkInteraction;
import org.rapport.interaction.Direction;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PurchaseHistoryTest {

	static final HistorySettings SETTINGS = HistorySettings.of(7, LocalDate.of(2026, 1, 1));

	static List<BulkInteraction> history(HistorySettings settings, int n) {
		return new PurchaseHistory(settings)
			.history(new PurchaseHistory.Customer(new UUID(0, n), "s" + settings.seed() + "-" + n, "ES"));
	}

	@Test
	void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
		for (int n = 1; n <= 50; n++) {
			assertThat(history(SETTINGS, n)).isEqualTo(history(SETTINGS, n));
		}
		List<BulkInteraction> one = history(SETTINGS, 1);
		List<BulkInteraction> other = new PurchaseHistory(SETTINGS.withSeed(8))
			.history(new PurchaseHistory.Customer(new UUID(0, 1), "s7-1", "ES"));
		assertThat(other).isNotEqualTo(one);
	}

	@Test
	void everyInteractionHasItsKeyAndAnAscendingIdDerivedFromTheCustomersId() {
		List<BulkInteraction> history = history(SETTINGS, 3);
		for (int i = 0; i < history.size(); i++) {
			BulkInteraction it = history.get(i);
			assertThat(it.idempotencyKey()).isEqualTo("gen:7:s7-3:" + (i + 1));
			assertThat(it.sourceSystem()).isEqualTo("generator");
			assertThat(it.id()).isEqualTo(PurchaseHistory.interactionId(new UUID(0, 3), i + 1));
			if (i > 0) {
				assertThat(it.id()).isGreaterThan(history.get(i - 1).id());
			}
		}
	}

	@Test
	void interactionIdsKeepTheCustomersVariantAndNeverRepeat() {
		UUID customer = UUID.fromString("019abc00-1234-7def-bfff-ffffffffffff");
		Set<UUID> ids = new HashSet<>();
		for (int n = 1; n <= 1000; n++) {
			UUID id = PurchaseHistory.interactionId(customer, n);
			assertThat(id.variant()).isEqualTo(2);
			assertThat(id.version()).isEqualTo(7);
			assertThat(ids.add(id)).isTrue();
		}
	}

	@Test
	void nothingHappensBeforeTheFirstPurchaseNorAtOrAfterTheAsOfDate() {
		long asOf = SETTINGS.asOf().toEpochMilli();
		long windowStart = asOf - SETTINGS.windowDays() * PurchaseHistory.DAY;
		for (int n = 1; n <= 2_000; n++) {
			List<BulkInteraction> history = history(SETTINGS, n);
			BulkInteraction first = history.get(0);
			assertThat(first.kind()).isEqualTo(InteractionKind.PURCHASE);
			assertThat(first.occurredAt().toEpochMilli()).isGreaterThanOrEqualTo(windowStart);
			for (BulkInteraction it : history) {
				assertThat(it.occurredAt()).isAfterOrEqualTo(first.occurredAt()).isBefore(SETTINGS.asOf());
			}
		}
	}

	@Test
	void returnsNeverExceedTheLinesTheyComeFromAndFollowTheirPurchase() {
		int returns = 0;
		for (int n = 1; n <= 3_000; n++) {
			Map<UUID, BulkInteraction> purchases = new HashMap<>();
			for (BulkInteraction it : history(SETTINGS, n)) {
				if (it.kind() == InteractionKind.PURCHASE) {
					purchases.put(it.id(), it);
				}
				if (it.kind() != InteractionKind.RETURN) {
					continue;
				}
				returns++;
				BulkInteraction purchase = purchases.get(it.relatedPurchaseId());
				assertThat(purchase).as("purchase of %s earlier in the history", it.idempotencyKey()).isNotNull();
				assertThat(it.occurredAt()).isAfter(purchase.occurredAt());
				assertThat(it.total()).isLessThanOrEqualTo(purchase.total());
				for (BulkInteraction.Line back : it.lines()) {
					BulkInteraction.Line bought = purchase.lines().get(back.purchaseLineNo() - 1);
					assertThat(back.sku()).isEqualTo(bought.sku());
					assertThat(back.quantity()).isLessThanOrEqualTo(bought.quantity());
					assertThat(back.amount()).isLessThanOrEqualTo(bought.amount());
				}
			}
		}
		assertThat(returns).isPositive();
	}

	@Test
	void meanRepeatPurchasesFollowTheBgNbdExpectation() {
		double actual = 0;
		double expected = 0;
		int customers = 20_000;
		for (int n = 1; n <= customers; n++) {
			List<BulkInteraction> history = history(SETTINGS, n);
			long purchases = history.stream().filter((i) -> i.kind() == InteractionKind.PURCHASE).count();
			double exposure = (SETTINGS.asOf().toEpochMilli() - history.get(0).occurredAt().toEpochMilli())
					/ (double) PurchaseHistory.DAY;
			actual += purchases - 1;
			expected += BgNbd.expectedRepeats(SETTINGS, exposure);
		}
		assertThat(actual / customers).isCloseTo(expected / customers, within(0.05 * expected / customers));
	}

	@Test
	void aShareOfCustomersDropsOutAndGoesQuiet() {
		HistorySettings loyal = new HistorySettings(7, SETTINGS.asOf(), SETTINGS.windowDays(), SETTINGS.r(),
				SETTINGS.alpha(), 0.0001, SETTINGS.b(), SETTINGS.p(), SETTINGS.q(), SETTINGS.gamma(), 0.04, 0, 0, 0,
				0.1, "EUR");
		double dropping = quietShare(SETTINGS);
		double staying = quietShare(loyal);
		assertThat(dropping).isGreaterThan(staying + 0.1);
	}

	/**
	 * Of the frequent buyers (rate above one a month) who started over two years ago, the
	 * share without a purchase in the last year.
	 */
	private static double quietShare(HistorySettings settings) {
		PurchaseHistory generator = new PurchaseHistory(settings);
		long asOf = settings.asOf().toEpochMilli();
		int frequent = 0;
		int quiet = 0;
		for (int n = 1; n <= 10_000; n++) {
			String key = "s7-" + n;
			PurchaseHistory.Traits traits = generator.traits(generator.random(key));
			if (traits.lambda() < 1 / 30.0 || traits.firstPurchase() > asOf - 730 * PurchaseHistory.DAY) {
				continue;
			}
			frequent++;
			long last = generator.history(new PurchaseHistory.Customer(new UUID(0, n), key, "US"))
				.stream()
				.filter((i) -> i.kind() == InteractionKind.PURCHASE)
				.mapToLong((i) -> i.occurredAt().toEpochMilli())
				.max()
				.orElseThrow();
			if (last < asOf - 365 * PurchaseHistory.DAY) {
				quiet++;
			}
		}
		return quiet / (double) frequent;
	}

	@Test
	void someInboundCallsAreRefusedBecauseNoCarOrStockWasThere() {
		int inbound = 0;
		int refused = 0;
		Set<String> reasons = new HashSet<>();
		for (int n = 1; n <= 5_000; n++) {
			for (BulkInteraction it : history(SETTINGS, n)) {
				if (it.kind() == InteractionKind.CALL && it.direction() == Direction.INBOUND) {
					inbound++;
					if (it.outcome() == Outcome.REFUSED) {
						refused++;
						reasons.add(it.outcomeReason());
					}
				}
			}
		}
		assertThat(refused / (double) inbound).isCloseTo(SETTINGS.refusedShare(), within(0.03));
		assertThat(reasons).containsExactlyInAnyOrder("no car available", "out of stock");
	}

	@Test
	void theShowcaseCustomerHasARichHistoryWithARefusedCallAndAReturn() {
		List<BulkInteraction> history = new PurchaseHistory(SETTINGS)
			.history(new PurchaseHistory.Customer(new UUID(0, 1), Showcase.MARIA, "ES"));

		assertThat(history.stream().filter((i) -> i.kind() == InteractionKind.PURCHASE).count()).isGreaterThan(50);
		assertThat(history).anySatisfy((i) -> {
			assertThat(i.kind()).isEqualTo(InteractionKind.CALL);
			assertThat(i.outcome()).isEqualTo(Outcome.REFUSED);
			assertThat(i.outcomeReason()).isEqualTo("no car available");
		});
		assertThat(history).anySatisfy((i) -> assertThat(i.kind()).isEqualTo(InteractionKind.RETURN));
		assertThat(history.get(0).idempotencyKey()).isEqualTo("gen:showcase:showcase-1:1");
	}

}
