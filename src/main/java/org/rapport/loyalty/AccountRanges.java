package org.rapport.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Consecutive ranges of account ids, about {@code size} accounts each, that together
 * cover every account: the units of work of the nightly jobs (one transaction per range).
 * A range is {@code after < account_id <= upTo}; the first starts after the nil UUID and
 * the last ends at the max UUID, so accounts enrolled while a job runs fall in some range
 * too.
 */
record AccountRanges(List<Range> ranges) {

	static final UUID FIRST = new UUID(0L, 0L);

	static final UUID LAST = new UUID(-1L, -1L);

	/** One range of account ids: {@code after < id <= upTo}. */
	record Range(UUID after, UUID upTo) {
	}

	/**
	 * The ranges over the accounts that have a balance row, from one index-only pass over
	 * its primary key.
	 */
	static AccountRanges of(JdbcClient jdbc, int size) {
		List<UUID> bounds = jdbc
			.sql("SELECT account_id FROM (SELECT account_id, row_number() OVER (ORDER BY account_id) AS n "
					+ "FROM loyalty_balance) b WHERE n % :size = 0 ORDER BY account_id")
			.param("size", size)
			.query(UUID.class)
			.list();
		List<Range> ranges = new ArrayList<>();
		UUID after = FIRST;
		for (UUID upTo : bounds) {
			ranges.add(new Range(after, upTo));
			after = upTo;
		}
		ranges.add(new Range(after, LAST));
		return new AccountRanges(List.copyOf(ranges));
	}

}
