package org.rapport.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.rapport.loyalty.ProgrammeStore.instant;
import static org.rapport.loyalty.ProgrammeStore.utc;

/** Partners and the movements each of them made. */
@Repository
class PartnerStore {

	private static final String SELECT = "SELECT r.id, p.code AS programme_code, r.code, r.name, r.api_client_id, "
			+ "r.created_at FROM loyalty_partner r JOIN loyalty_programme p ON p.id = r.programme_id ";

	private final JdbcClient jdbc;

	private final Clock clock;

	PartnerStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Partner create(UUID programmeId, String code, String name, UUID apiClientId) {
		UUID id = Ids.next(this.clock);
		this.jdbc
			.sql("INSERT INTO loyalty_partner (id, programme_id, code, name, api_client_id, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, programmeId, code, name, apiClientId, utc(this.clock.instant()))
			.update();
		return this.jdbc.sql(SELECT + "WHERE r.id = ?").param(id).query(PartnerStore::partner).single();
	}

	List<Partner> all() {
		return this.jdbc.sql(SELECT + "ORDER BY r.code").query(PartnerStore::partner).list();
	}

	Optional<Partner> byApiClient(UUID apiClientId) {
		return this.jdbc.sql(SELECT + "WHERE r.api_client_id = ?")
			.param(apiClientId)
			.query(PartnerStore::partner)
			.optional();
	}

	/** Tags a movement with the partner that made it (a retry tags it once). */
	void tag(Partner partner, Movement movement) {
		this.jdbc
			.sql("INSERT INTO loyalty_partner_movement (movement_id, partner_id, account_id) VALUES (?, ?, ?) "
					+ "ON CONFLICT (movement_id) DO NOTHING")
			.params(movement.id(), partner.id(), movement.accountId())
			.update();
	}

	/**
	 * A page of a partner's movements with the customer of each account, newest first: in
	 * the order they were recorded (ids are version 7), which for a partner's movements
	 * is the order they happened (the partner API takes no date), so the partner's index
	 * gives the page without sorting all of its movements.
	 */
	static final String MOVEMENTS = """
			SELECT m.id, m.account_id, m.kind, m.available_delta, m.pending_delta, m.reason, m.source_type,
			       m.source_id, m.idempotency_key, m.occurred_at, m.recorded_at, m.explanation::text AS explanation,
			       a.customer_id
			FROM loyalty_partner_movement t JOIN loyalty_movement m ON m.id = t.movement_id
			JOIN loyalty_account a ON a.id = t.account_id
			WHERE t.partner_id = ?
			ORDER BY t.movement_id DESC LIMIT ? OFFSET ?
			""";

	List<Tagged> movements(UUID partnerId, int page, int size) {
		return this.jdbc.sql(MOVEMENTS)
			.params(partnerId, size, (long) page * size)
			.query((rs, n) -> new Tagged(Ledger.movement(rs, n), rs.getObject("customer_id", UUID.class)))
			.list();
	}

	record Tagged(Movement movement, UUID customerId) {
	}

	static Partner partner(ResultSet rs, int n) throws SQLException {
		return new Partner(rs.getObject("id", UUID.class), rs.getString("programme_code"), rs.getString("code"),
				rs.getString("name"), rs.getObject("api_client_id", UUID.class), instant(rs, "created_at"));
	}

}
