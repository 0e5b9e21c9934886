package org.rapport.loyalty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The start page's tier offers of each programme, kept for {@code maxAge} (ADR 0067):
 * both lists cost a pass over a year of every member's movements, and the card is loaded
 * after every start page, so many staff opening the console at once would each start that
 * pass. Within {@code maxAge} they share one computation; a programme's lists are
 * computed by one caller at a time while the others wait for them. A zero {@code maxAge}
 * computes them on every call. A computation that fails is not kept.
 */
class RecentTierOffers {

	/** A programme's lists and when they were computed. */
	record Computed(TierOfferLists lists, Instant at) {
	}

	private final Function<String, TierOfferLists> source;

	private final Clock clock;

	private final Duration maxAge;

	private final Map<String, Slot> slots = new ConcurrentHashMap<>();

	/** A programme's lists, computed by one caller at a time. */
	private static final class Slot {

		private Computed computed;

	}

	RecentTierOffers(Function<String, TierOfferLists> source, Clock clock, Duration maxAge) {
		this.source = source;
		this.clock = clock;
		this.maxAge = maxAge.isNegative() ? Duration.ZERO : maxAge;
	}

	Computed of(String programmeCode) {
		if (this.maxAge.isZero()) {
			return new Computed(this.source.apply(programmeCode), this.clock.instant());
		}
		Slot slot = this.slots.computeIfAbsent(programmeCode, (code) -> new Slot());
		// the others asking for this programme meanwhile wait here and take the result
		synchronized (slot) {
			Instant now = this.clock.instant();
			if (slot.computed == null || !now.isBefore(slot.computed.at().plus(this.maxAge))) {
				slot.computed = new Computed(this.source.apply(programmeCode), now);
			}
			return slot.computed;
		}
	}

}
