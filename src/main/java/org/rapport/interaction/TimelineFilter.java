package org.rapport.interaction;

import java.time.Instant;
import java.util.Set;

/**
 * Which interactions of a customer to show: kinds (empty: all), channel, and a time
 * window [from, to).
 */
public record TimelineFilter(Set<InteractionKind> kinds, String channel, Instant from, Instant to) {

	public TimelineFilter {
		kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
		channel = (channel == null || channel.isBlank()) ? null : channel.strip().toLowerCase(java.util.Locale.ROOT);
	}

	public static TimelineFilter all() {
		return new TimelineFilter(Set.of(), null, null, null);
	}

}
