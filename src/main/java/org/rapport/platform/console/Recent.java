package org.rapport.platform.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A figure a console page shows to everyone alike, kept for {@code maxAge} per key (ADR
 * 0067, 0070): for what costs a pass over a large table and is loaded with every start
 * page, so that many staff opening the console at once share one computation instead of
 * each starting it. A key's value is computed by one caller at a time while the others
 * wait for it and take it. A zero {@code maxAge} computes it on every call. A computation
 * that fails is not kept. Each value says when it was computed, for the page to show.
 *
 * @param <K> what the value is of (a programme, or one key for a single figure)
 * @param <V> the value
 */
public final class Recent<K, V> {

	/** A value and when it was computed. */
	public record Computed<V>(V value, Instant at) {
	}

	private final Function<K, V> source;

	private final Clock clock;

	private final Duration maxAge;

	private final Map<K, Slot<V>> slots = new ConcurrentHashMap<>();

	/** A key's value, computed by one caller at a time. */
	private static final class Slot<V> {

		private Computed<V> computed;

	}

	public Recent(Function<K, V> source, Clock clock, Duration maxAge) {
		this.source = source;
		this.clock = clock;
		this.maxAge = maxAge.isNegative() ? Duration.ZERO : maxAge;
	}

	public Computed<V> of(K key) {
		if (this.maxAge.isZero()) {
			return new Computed<>(this.source.apply(key), this.clock.instant());
		}
		Slot<V> slot = this.slots.computeIfAbsent(key, (k) -> new Slot<>());
		// the others asking for this key meanwhile wait here and take the result
		synchronized (slot) {
			Instant now = this.clock.instant();
			if (slot.computed == null || !now.isBefore(slot.computed.at().plus(this.maxAge))) {
				slot.computed = new Computed<>(this.source.apply(key), now);
			}
			return slot.computed;
		}
	}

}
