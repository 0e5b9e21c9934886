package org.rapport.demo;

import java.util.List;
import java.util.SplittableRandom;

import org.rapport.interaction.Direction;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Outcome;

/**
 * The contacts around a customer's purchases, each a Poisson process over the customer's
 * time: store visits without a purchase and inbound calls while the customer is active
 * (until 90 days after their last purchase), outbound calls and e-mails until the as-of
 * date. Inbound calls are sometimes refused ("no car available", "out of stock") or fail;
 * outbound calls often go unanswered.
 */
final class HistoryContacts {

	static final String NO_CAR = "no car available";

	static final String OUT_OF_STOCK = "out of stock";

	private static final long ACTIVE_AFTER_LAST_PURCHASE = 90 * PurchaseHistory.DAY;

	private final HistorySettings settings;

	private final SplittableRandom random;

	HistoryContacts(HistorySettings settings, SplittableRandom random) {
		this.settings = settings;
		this.random = random;
	}

	void add(List<HistoryDraft> drafts, long firstPurchase, long lastPurchase, String store) {
		long asOf = this.settings.asOf().toEpochMilli();
		long activeUntil = Math.min(asOf, lastPurchase + ACTIVE_AFTER_LAST_PURCHASE);
		for (long at : times(firstPurchase, activeUntil, this.settings.visitsPerYear())) {
			HistoryDraft visit = new HistoryDraft(InteractionKind.VISIT, at, "store");
			visit.store = store;
			drafts.add(visit);
		}
		double calls = this.settings.callsPerYear();
		for (long at : times(firstPurchase, activeUntil, calls * 0.7)) {
			drafts.add(inboundCall(at));
		}
		for (long at : times(firstPurchase, asOf, calls * 0.3)) {
			double u = this.random.nextDouble();
			drafts.add(new HistoryDraft(InteractionKind.CALL, at, "phone").outcome(
					u < 0.3 ? Outcome.NO_ANSWER : Outcome.SERVED, u < 0.3 ? "no answer" : null, Direction.OUTBOUND));
		}
		for (long at : times(firstPurchase, asOf, this.settings.emailsPerYear())) {
			boolean inbound = this.random.nextDouble() < 0.15;
			drafts.add(new HistoryDraft(InteractionKind.EMAIL, at, "email").outcome(inbound ? Outcome.SERVED : null,
					null, inbound ? Direction.INBOUND : Direction.OUTBOUND));
		}
	}

	HistoryDraft inboundCall(long at) {
		double u = this.random.nextDouble();
		double refused = this.settings.refusedShare();
		HistoryDraft call = new HistoryDraft(InteractionKind.CALL, at, "phone");
		if (u < refused) {
			return call.outcome(Outcome.REFUSED, this.random.nextBoolean() ? NO_CAR : OUT_OF_STOCK, Direction.INBOUND);
		}
		if (u < refused + 0.03) {
			return call.outcome(Outcome.FAILED, "call dropped", Direction.INBOUND);
		}
		return call.outcome(Outcome.SERVED, null, Direction.INBOUND);
	}

	/** The events of a Poisson process with this yearly rate in [from, to). */
	private List<Long> times(long from, long to, double perYear) {
		java.util.ArrayList<Long> times = new java.util.ArrayList<>();
		double rate = perYear / 365.0;
		double t = from;
		while (true) {
			t += Draws.exponential(this.random, rate) * PurchaseHistory.DAY;
			if (t >= to) {
				return times;
			}
			long at = Math.max(from + 60_000L, PurchaseHistory.daytime((long) t, this.random));
			if (at < to) {
				times.add(at);
			}
		}
	}

}
