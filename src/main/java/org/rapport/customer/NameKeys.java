package org.rapport.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the folded name keys that duplicate detection joins on. Names are folded with
 * {@link NameFolding}, the same folding as the name search, so "José García" and "jose
 * garcia" share a key and Cyrillic names keep their letters. A key is refreshed when its
 * customer changed since it was computed.
 */
@Component
class NameKeys {

	/** Customers whose keys are refreshed per round trip. */
	static final int BATCH = 5_000;

	private static final String STALE = """
			SELECT c.id, c.given_name, c.family_name, c.birth_date, c.updated_at
			FROM customer c LEFT JOIN customer_name_key k ON k.customer_id = c.id
			WHERE c.status = 'ACTIVE' AND c.kind = 'PERSON'
			  AND (k.customer_id IS NULL OR k.source_updated_at IS DISTINCT FROM c.updated_at)
			""";

	private static final String UPSERT = """
			INSERT INTO customer_name_key (customer_id, full_name, family_name, given_initial, birth_date,
			  source_updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (customer_id) DO UPDATE SET full_name = EXCLUDED.full_name,
			  family_name = EXCLUDED.family_name, given_initial = EXCLUDED.given_initial,
			  birth_date = EXCLUDED.birth_date, source_updated_at = EXCLUDED.source_updated_at
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	NameKeys(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** Brings every stale key up to date, a batch at a time; answers how many changed. */
	int refreshStale() {
		int total = 0;
		while (true) {
			List<Object[]> rows = this.jdbc.sql(STALE + " LIMIT " + BATCH).query(NameKeys::row).list();
			if (rows.isEmpty()) {
				return total;
			}
			this.template.batchUpdate(UPSERT, rows);
			total += rows.size();
			if (rows.size() < BATCH) {
				return total;
			}
		}
	}

	/** Refreshes one customer's key, when it is an active person. */
	void refresh(UUID customerId) {
		List<Object[]> rows = this.jdbc.sql(STALE + " AND c.id = ?").param(customerId).query(NameKeys::row).list();
		if (!rows.isEmpty()) {
			this.template.batchUpdate(UPSERT, rows);
		}
	}

	void remove(UUID customerId) {
		this.jdbc.sql("DELETE FROM customer_name_key WHERE customer_id = ?").param(customerId).update();
	}

	private static Object[] row(ResultSet rs, int n) throws SQLException {
		Key key = Key.of(rs.getString("given_name"), rs.getString("family_name"));
		return new Object[] { rs.getObject("id", UUID.class), key.fullName(), key.familyName(), key.givenInitial(),
				rs.getObject("birth_date", LocalDate.class), rs.getObject("updated_at", OffsetDateTime.class) };
	}

	/**
	 * The folded keys of a person's name. The full name is the sorted set of name words,
	 * so a name written family-first still matches; empty keys never match.
	 */
	record Key(String fullName, String familyName, String givenInitial) {

		static Key of(String givenName, String familyName) {
			List<String> all = NameFolding.tokens(givenName, familyName).stream().sorted().toList();
			List<String> family = NameFolding.tokens(familyName);
			List<String> given = NameFolding.tokens(givenName);
			String initial = given.isEmpty() ? "" : given.get(0).substring(0, given.get(0).offsetByCodePoints(0, 1));
			return new Key(String.join(" ", all), String.join(" ", family), initial);
		}

	}

}
