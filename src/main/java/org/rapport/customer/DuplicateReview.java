package org.rapport.customer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the review queue: open suggestions between active customers, strongest first. */
@Component
class DuplicateReview {

	private static final String OPEN = """
			FROM duplicate_candidate d
			JOIN customer ca ON ca.id = d.customer_a AND ca.status = 'ACTIVE'
			JOIN customer cb ON cb.id = d.customer_b AND cb.status = 'ACTIVE'
			WHERE d.status = 'OPEN'
			""";

	static final String SIDES = """
			SELECT c.id, c.kind, c.display_name, c.given_name, c.family_name, c.birth_date, c.version,
			  ARRAY(SELECT i.type || ': ' || i.value FROM customer_identity i WHERE i.customer_id = c.id
			        ORDER BY i.type, i.value) AS identities,
			  ARRAY(SELECT i.type || ':' || coalesce(i.match_key, '') FROM customer_identity i WHERE i.customer_id = c.id
			        ORDER BY i.type, i.value) AS identity_keys,
			  ARRAY(SELECT concat_ws(', ', a.line1, a.line2, a.postal_code, a.city, a.country_code)
			        FROM customer_address a WHERE a.customer_id = c.id ORDER BY a.created_at) AS addresses
			FROM customer c WHERE c.id IN (:ids)
			""";

	private final JdbcClient jdbc;

	DuplicateReview(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	DuplicateSuggestion.Page page(int page, int size) {
		return page(page, size, null);
	}

	/** A page of the queue, or of the suggestions about one customer when it is given. */
	DuplicateSuggestion.Page page(int page, int size, UUID customerId) {
		String open = customerId == null ? OPEN : OPEN + "AND :customer IN (d.customer_a, d.customer_b)\n";
		var count = this.jdbc.sql("SELECT count(*) " + open);
		var select = this.jdbc.sql("SELECT d.customer_a, d.customer_b, d.reason, d.score, d.detected_at " + open
				+ "ORDER BY d.score DESC, d.detected_at, d.customer_a, d.customer_b LIMIT :size OFFSET :offset");
		if (customerId != null) {
			count = count.param("customer", customerId);
			select = select.param("customer", customerId);
		}
		long total = count.query(Long.class).single();
		List<Pair> pairs = select.param("size", size)
			.param("offset", (long) page * size)
			.query((rs, n) -> new Pair(rs.getObject("customer_a", UUID.class), rs.getObject("customer_b", UUID.class),
					DuplicateReason.valueOf(rs.getString("reason")), rs.getBigDecimal("score"),
					rs.getObject("detected_at", OffsetDateTime.class)))
			.list();
		Map<UUID, Keyed> sides = sides(pairs);
		List<DuplicateSuggestion> items = pairs.stream().map((p) -> {
			Keyed a = sides.get(p.a());
			Keyed b = sides.get(p.b());
			return new DuplicateSuggestion(a.side(), b.side(), p.reason(), p.score(), p.detectedAt().toInstant(),
					shared(a, b));
		}).toList();
		return new DuplicateSuggestion.Page(items, page, size, total);
	}

	/**
	 * A side of a pair with the type and match key of each of its identities, in their
	 * order.
	 */
	record Keyed(DuplicateSuggestion.Side side, List<String> keys) {
	}

	/**
	 * The identities of either side, as listed, whose type and match key the other side
	 * has too; an identity without a match key matches nothing.
	 */
	static List<String> shared(Keyed a, Keyed b) {
		List<String> shared = new ArrayList<>();
		for (Keyed[] sides : new Keyed[][] { { a, b }, { b, a } }) {
			Keyed one = sides[0];
			for (int i = 0; i < one.keys().size(); i++) {
				String key = one.keys().get(i);
				if (!key.endsWith(":") && sides[1].keys().contains(key)) {
					shared.add(one.side().identities().get(i));
				}
			}
		}
		return shared;
	}

	private Map<UUID, Keyed> sides(List<Pair> pairs) {
		if (pairs.isEmpty()) {
			return Map.of();
		}
		Set<UUID> ids = new HashSet<>();
		pairs.forEach((p) -> {
			ids.add(p.a());
			ids.add(p.b());
		});
		return this.jdbc.sql(SIDES)
			.param("ids", ids)
			.query((rs, n) -> new Keyed(side(rs, n), strings(rs.getArray("identity_keys"))))
			.stream()
			.collect(Collectors.toMap((k) -> k.side().id(), Function.identity()));
	}

	static DuplicateSuggestion.Side side(ResultSet rs, int n) throws SQLException {
		return new DuplicateSuggestion.Side(rs.getObject("id", UUID.class), CustomerKind.valueOf(rs.getString("kind")),
				rs.getString("display_name"), rs.getString("given_name"), rs.getString("family_name"),
				rs.getObject("birth_date", LocalDate.class), strings(rs.getArray("identities")),
				strings(rs.getArray("addresses")), rs.getInt("version"));
	}

	static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	private record Pair(UUID a, UUID b, DuplicateReason reason, java.math.BigDecimal score, OffsetDateTime detectedAt) {
	}

}
