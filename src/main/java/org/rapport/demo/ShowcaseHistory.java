package org.rapport.demo;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.rapport.interaction.Direction;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Outcome;

/**
 * The history of the documented demo customer María José Núñez García: a loyal customer
 * since March 2021 who buys about every two weeks, mostly wine, never drops out, brought
 * something back once, and was refused nine days before the as-of date when she phoned
 * and no car was available (the taxi scenario of the product brief).
 */
final class ShowcaseHistory {

	private static final Instant SINCE = Instant.parse("2021-03-20T11:42:00Z");

	private ShowcaseHistory() {
	}

	static PurchaseHistory.Traits traits(HistorySettings settings) {
		long asOf = settings.asOf().toEpochMilli();
		long first = Math.min(SINCE.toEpochMilli(), asOf - 400 * PurchaseHistory.DAY);
		return new PurchaseHistory.Traits(1 / 14.0, 0, settings.p() / 48.0, first, 0, 0.2);
	}

	/** Her refused call and, unless the rhythm gave her one, a return. */
	static void extras(HistorySettings settings, List<HistoryDraft> drafts, List<HistoryDraft> purchases,
			UnaryOperator<HistoryDraft> returnOf) {
		long asOf = settings.asOf().toEpochMilli();
		long refusedAt = asOf - 9 * PurchaseHistory.DAY + 19 * 3_600_000L + 40 * 60_000L;
		drafts.add(new HistoryDraft(InteractionKind.CALL, refusedAt, "phone").outcome(Outcome.REFUSED,
				HistoryContacts.NO_CAR, Direction.INBOUND));
		if (drafts.stream().noneMatch((d) -> d.kind == InteractionKind.RETURN)) {
			HistoryDraft bought = purchases.stream()
				.filter((p) -> p.at < asOf - 60 * PurchaseHistory.DAY)
				.reduce((a, b) -> b)
				.orElse(purchases.get(0));
			HistoryDraft ret = returnOf.apply(bought);
			if (ret != null) {
				drafts.add(ret);
			}
		}
	}

}
