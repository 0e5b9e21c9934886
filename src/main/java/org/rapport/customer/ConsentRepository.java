package org.rapport.customer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.customer.CustomerView.ConsentView;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Current consent per channel and purpose, and every change in the history. */
@Repository
class ConsentRepository {

	private final JdbcClient jdbc;

	ConsentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ConsentView> current(UUID customerId, ConsentChannel channel, ConsentPurpose purpose) {
		return this.jdbc.sql("SELECT * FROM customer_consent WHERE customer_id = ? AND channel = ? AND purpose = ?")
			.params(customerId, channel.name(), purpose.name())
			.query(CustomerQueries::consent)
			.optional();
	}

	/**
	 * Adds the decision to the history and makes it the current one unless a later
	 * decision (by {@code changedAt}) is already current: a decision recorded late (an
	 * old paper form) goes into the history only. Of two made at the same instant the one
	 * recorded last counts.
	 */
	void record(UUID customerId, ConsentChange change, Instant changedAt, String recordedBy) {
		this.jdbc.sql("""
				INSERT INTO customer_consent (customer_id, channel, purpose, granted, changed_at, source)
				VALUES (?, ?, ?, ?, ?, ?)
				ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET granted = EXCLUDED.granted,
				  changed_at = EXCLUDED.changed_at, source = EXCLUDED.source
				WHERE customer_consent.changed_at <= EXCLUDED.changed_at""")
			.params(customerId, change.channel().name(), change.purpose().name(), change.granted(),
					CustomerRepository.utc(changedAt), change.source())
			.update();
		this.jdbc.sql("""
				INSERT INTO customer_consent_history (customer_id, channel, purpose, granted, changed_at, source,
				  recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(customerId, change.channel().name(), change.purpose().name(), change.granted(),
					CustomerRepository.utc(changedAt), change.source(), recordedBy)
			.update();
	}

	List<ConsentRecord> history(UUID customerId) {
		return this.jdbc.sql("""
				SELECT channel, purpose, granted, changed_at, source, recorded_by FROM customer_consent_history
				WHERE customer_id = ? ORDER BY changed_at DESC, id DESC""")
			.param(customerId)
			.query((rs, row) -> new ConsentRecord(ConsentChannel.valueOf(rs.getString("channel")),
					ConsentPurpose.valueOf(rs.getString("purpose")), rs.getBoolean("granted"),
					rs.getObject("changed_at", java.time.OffsetDateTime.class).toInstant(), rs.getString("source"),
					rs.getString("recorded_by")))
			.list();
	}

}
