package org.rapport.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the open duplicate suggestions side by side and records a "not a duplicate"
 * decision. Merging is the customer memory's job and is handed over to it.
 */
@Component
class JdbcDuplicateReview implements DuplicateReview {

	private static final String SIDE = """
			SELECT c.id, c.display_name, c.birth_date, c.lifecycle_stage, c.created_at,
			  ARRAY(SELECT i.value FROM customer_identity i WHERE i.customer_id = c.id ORDER BY i.type, i.value) AS identities,
			  (SELECT concat_ws(', ', a.line1, a.postal_code, a.city) FROM customer_address a
			   WHERE a.customer_id = c.id ORDER BY a.created_at LIMIT 1) AS address
			FROM customer c WHERE c.id = ?""";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	JdbcDuplicateReview(JdbcClient jdbc, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	@Override
	public List<Suggestion> open(int limit) {
		return this.jdbc.sql("""
				SELECT d.customer_a, d.customer_b, d.reason, d.score, d.detected_at FROM duplicate_candidate d
				JOIN customer a ON a.id = d.customer_a AND a.status = 'ACTIVE'
				JOIN customer b ON b.id = d.customer_b AND b.status = 'ACTIVE'
				WHERE d.status = 'OPEN' ORDER BY d.score DESC, d.detected_at LIMIT ?""")
			.param(limit)
			.query((rs, n) -> new Suggestion(side(rs.getObject("customer_a", UUID.class)),
					side(rs.getObject("customer_b", UUID.class)), rs.getString("reason"), rs.getDouble("score"),
					rs.getTimestamp("detected_at").toInstant()))
			.list();
	}

	private Side side(UUID id) {
		return this.jdbc.sql(SIDE).param(id).query(JdbcDuplicateReview::side).single();
	}

	private static Side side(ResultSet rs, int n) throws SQLException {
		return new Side(rs.getObject("id", UUID.class), rs.getString("display_name"),
				rs.getObject("birth_date", LocalDate.class), LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
				List.of((String[]) rs.getArray("identities").getArray()), rs.getString("address"),
				rs.getTimestamp("created_at").toInstant());
	}

	@Override
	public void merge(UUID survivor, UUID merged) {
		throw ApiException.conflict("merge-unavailable", "Merging is not available in this version");
	}

	@Override
	@Transactional
	public void dismiss(UUID a, UUID b) {
		Actor actor = Actor.current();
		int rows = this.jdbc.sql("UPDATE duplicate_candidate SET status = 'DISMISSED', decided_by = ?, decided_at = ? "
				+ "WHERE ((customer_a = ? AND customer_b = ?) OR (customer_a = ? AND customer_b = ?)) AND status = 'OPEN'")
			.params(actor.id(), this.clock.instant().atOffset(ZoneOffset.UTC), a, b, b, a)
			.update();
		if (rows == 0) {
			throw ApiException.notFound("Open duplicate suggestion", a + "/" + b);
		}
		this.audit.record(actor, AuditTrail.Change.of("duplicate.dismissed", "customer", a, "Not a duplicate of " + b,
				null, Map.of("customerA", a.toString(), "customerB", b.toString())));
	}

}
