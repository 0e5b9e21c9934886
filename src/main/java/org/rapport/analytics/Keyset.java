package org.rapport.analytics;

import java.util.UUID;

/**
 * Keyset paging over UUID keys as PostgreSQL orders them (unsigned, byte by byte): a
 * batch is {@code key >= from ORDER BY key LIMIT n}, starting from {@link #FIRST} and
 * going on from the key {@link #after} the last one read. A plain range lets the server
 * scan the index from the right place with any cached plan (a condition like
 * {@code :first OR key > :after} cannot be an index bound in a generic plan, which then
 * reads every key before the batch again).
 */
final class Keyset {

	/** The smallest UUID. */
	static final UUID FIRST = new UUID(0, 0);

	private Keyset() {
	}

	/**
	 * The smallest UUID above {@code key} in PostgreSQL's order, or null after the
	 * largest UUID (nothing can follow it).
	 */
	static UUID after(UUID key) {
		long high = key.getMostSignificantBits();
		long low = key.getLeastSignificantBits();
		if (low != -1L) {
			return new UUID(high, low + 1);
		}
		if (high != -1L) {
			return new UUID(high + 1, 0);
		}
		return null;
	}

}
