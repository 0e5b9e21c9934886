package org.rapport.interaction;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes interactions set-based: one INSERT over arrays (unnest) for all rows of a batch,
 * skipping those whose (source system, key) is taken, and one for all their lines.
 */
@Repository
class InteractionStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	InteractionStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	static String retryKey(String source, String key) {
		return source + "\u0000" + key;
	}

	/**
	 * The ids already recorded under these (source system, key) pairs, by
	 * {@link #retryKey}.
	 */
	Map<String, UUID> recorded(List<Prepared> items) {
		List<String> sources = new ArrayList<>();
		List<String> keys = new ArrayList<>();
		for (Prepared p : items) {
			if (p.key() != null) {
				sources.add(p.item().sourceSystem());
				keys.add(p.key());
			}
		}
		Map<String, UUID> found = new HashMap<>();
		if (keys.isEmpty()) {
			return found;
		}
		this.jdbc.sql("""
				SELECT i.id, i.source_system, i.idempotency_key FROM interaction i
				JOIN unnest(?::text[], ?::text[]) AS k(source_system, idempotency_key)
				  ON i.source_system = k.source_system AND i.idempotency_key = k.idempotency_key
				""").params(sources.toArray(String[]::new), keys.toArray(String[]::new)).query((rs) -> {
			found.put(retryKey(rs.getString(2), rs.getString(3)), rs.getObject(1, UUID.class));
		});
		return found;
	}

	/**
	 * Inserts the interactions whose key is still free (a concurrent writer of the same
	 * key wins or loses atomically) and their lines.
	 * @return the ids actually inserted
	 */
	Set<UUID> insert(List<Prepared> items, Instant recordedAt) {
		return insert(items, recordedAt, null);
	}

	/**
	 * As {@link #insert(List, Instant)}; with {@code shown}, the inserts return the rows
	 * as stored and every inserted interaction is put there as it will be read back, so
	 * that the caller answers without reading it again (ADR 0024).
	 */
	Set<UUID> insert(List<Prepared> items, Instant recordedAt, Map<UUID, InteractionView> shown) {
		if (items.isEmpty()) {
			return Set.of();
		}
		int n = items.size();
		String[][] cols = new String[19][n];
		for (int i = 0; i < n; i++) {
			Prepared p = items.get(i);
			NewInteraction it = p.item();
			String[] row = { p.id().toString(), p.customerId().toString(), it.kind().name(), it.channel(),
					it.occurredAt().toString(), it.sourceSystem(), it.externalId(), p.key(), name(it.outcome()),
					it.outcomeReason(), name(it.direction()), it.orderReference(), plain(it.total()), it.currency(),
					it.store(), text(it.staffId()), text(it.relatedPurchaseId()), text(it.referenceId()),
					this.json.writeValueAsString(it.attributes()) };
			for (int c = 0; c < cols.length; c++) {
				cols[c][i] = row[c];
			}
		}
		String sql = """
				INSERT INTO interaction AS i (id, customer_id, kind, channel, occurred_at, recorded_at, source_system,
				  external_id, idempotency_key, outcome, outcome_reason, direction, order_reference, total, currency,
				  store, staff_id, related_purchase_id, reference_id, attributes)
				SELECT u.id::uuid, u.customer_id::uuid, u.kind, u.channel, u.occurred_at::timestamptz, ?, u.source_system,
				  u.external_id, u.idempotency_key, u.outcome, u.outcome_reason, u.direction, u.order_reference,
				  u.total::numeric, u.currency, u.store, u.staff_id::uuid, u.related_purchase_id::uuid,
				  u.reference_id::uuid, u.attributes::jsonb
				FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				  ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				  ?::text[], ?::text[])
				  AS u(id, customer_id, kind, channel, occurred_at, source_system, external_id, idempotency_key,
				  outcome, outcome_reason, direction, order_reference, total, currency, store, staff_id,
				  related_purchase_id, reference_id, attributes)
				ORDER BY u.source_system, u.idempotency_key
				ON CONFLICT (source_system, idempotency_key) DO NOTHING
				RETURNING """;
		Set<UUID> inserted;
		if (shown == null) {
			inserted = new HashSet<>(
					this.jdbc.sql(sql + " i.id").params(params(recordedAt, cols)).query(UUID.class).list());
		}
		else {
			List<InteractionView> heads = this.jdbc.sql(sql + " " + InteractionQueries.COLUMNS)
				.params(params(recordedAt, cols))
				.query((rs, row) -> InteractionQueries.head(rs, this.json))
				.list();
			inserted = new HashSet<>();
			heads.forEach((h) -> inserted.add(h.id()));
			heads.forEach((h) -> shown.put(h.id(), h));
		}
		insertLines(items, inserted, shown);
		return inserted;
	}

	private static Object[] params(Instant recordedAt, String[][] cols) {
		Object[] params = new Object[cols.length + 1];
		params[0] = java.sql.Timestamp.from(recordedAt);
		System.arraycopy(cols, 0, params, 1, cols.length);
		return params;
	}

	private void insertLines(List<Prepared> items, Set<UUID> inserted, Map<UUID, InteractionView> shown) {
		List<String[]> rows = new ArrayList<>();
		for (Prepared p : items) {
			if (!inserted.contains(p.id())) {
				continue;
			}
			for (Prepared.Line l : p.lines()) {
				rows.add(new String[] { p.id().toString(), Integer.toString(l.lineNo()), l.sku(), l.category(),
						plain(l.quantity()), plain(l.unitPrice()), plain(l.discount()), plain(l.amount()),
						l.purchaseLineNo() == null ? null : l.purchaseLineNo().toString() });
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		Object[] cols = new Object[9];
		for (int c = 0; c < cols.length; c++) {
			String[] col = new String[rows.size()];
			for (int r = 0; r < rows.size(); r++) {
				col[r] = rows.get(r)[c];
			}
			cols[c] = col;
		}
		String insert = """
				INSERT INTO interaction_line (interaction_id, line_no, sku, category, quantity, unit_price, discount,
				  amount, purchase_line_no)
				SELECT u.id::uuid, u.line_no::int, u.sku, u.category, u.quantity::numeric, u.unit_price::numeric,
				  u.discount::numeric, u.amount::numeric, u.purchase_line_no::int
				FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
				  ?::text[]) AS u(id, line_no, sku, category, quantity, unit_price, discount, amount, purchase_line_no)
				""";
		if (shown == null) {
			this.jdbc.sql(insert).params(cols).update();
			return;
		}
		// the lines as stored, with the product names the timeline shows
		Map<UUID, List<InteractionView.LineView>> lines = new HashMap<>();
		this.jdbc
			.sql("WITH l AS (" + insert
					+ """
							RETURNING interaction_id, line_no, sku, category, quantity, unit_price, discount, amount, purchase_line_no)
							SELECT l.interaction_id, l.line_no, l.sku, p.name, l.category, l.quantity, l.unit_price, l.discount,
							  l.amount, l.purchase_line_no
							FROM l JOIN product p ON p.sku = l.sku ORDER BY l.interaction_id, l.line_no
							""")
			.params(cols)
			.query((ResultSet rs) -> {
				lines.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> new ArrayList<>())
					.add(InteractionQueries.line(rs));
			});
		lines.forEach((id, of) -> shown.computeIfPresent(id, (k, head) -> InteractionQueries.withLines(head, of)));
	}

	/**
	 * The purchase ids named by (source system, order reference) of returns, by
	 * {@link #retryKey}.
	 */
	Map<String, UUID> purchasesByOrder(List<String> sources, List<String> orders) {
		Map<String, UUID> found = new HashMap<>();
		if (orders.isEmpty()) {
			return found;
		}
		this.jdbc.sql("""
				SELECT DISTINCT ON (i.source_system, i.order_reference) i.id, i.source_system, i.order_reference
				FROM interaction i JOIN unnest(?::text[], ?::text[]) AS k(source_system, order_reference)
				  ON i.source_system = k.source_system AND i.order_reference = k.order_reference
				WHERE i.kind = 'PURCHASE'
				ORDER BY i.source_system, i.order_reference, i.occurred_at
				""").params(sources.toArray(String[]::new), orders.toArray(String[]::new)).query((rs) -> {
			found.put(retryKey(rs.getString(2), rs.getString(3)), rs.getObject(1, UUID.class));
		});
		return found;
	}

	/**
	 * Locks the purchases (in id order, so concurrent returns cannot deadlock) and reads
	 * what is left of each to return.
	 */
	Map<UUID, PurchaseState> lockPurchases(Set<UUID> ids) {
		Map<UUID, PurchaseState> states = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return states;
		}
		UUID[] array = ids.toArray(UUID[]::new);
		record Head(UUID id, UUID customerId, String currency, BigDecimal total, BigDecimal returned,
				Instant occurredAt) {
		}
		List<Head> heads = this.jdbc.sql("""
				SELECT p.id, p.customer_id, p.currency, p.total,
				  coalesce((SELECT sum(r.total) FROM interaction r WHERE r.related_purchase_id = p.id), 0) AS returned,
				  p.occurred_at
				FROM interaction p WHERE p.id = ANY(?) AND p.kind = 'PURCHASE' ORDER BY p.id FOR UPDATE
				""")
			.param(array)
			.query((rs, row) -> new Head(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getBigDecimal(4), rs.getBigDecimal(5),
					rs.getObject(6, java.time.OffsetDateTime.class).toInstant()))
			.list();
		Map<UUID, List<PurchaseState.Line>> lines = new HashMap<>();
		this.jdbc
			.sql("""
					SELECT l.interaction_id, l.line_no, l.sku, l.quantity,
					  coalesce((SELECT sum(rl.quantity) FROM interaction r JOIN interaction_line rl ON rl.interaction_id = r.id
					    WHERE r.related_purchase_id = l.interaction_id AND rl.purchase_line_no = l.line_no), 0) AS returned
					FROM interaction_line l WHERE l.interaction_id = ANY(?) ORDER BY l.interaction_id, l.line_no
					""")
			.param(array)
			.query((ResultSet rs) -> {
				lines.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> new ArrayList<>()).add(line(rs));
			});
		for (Head h : heads) {
			states.put(h.id(), new PurchaseState(h.id(), h.customerId(), h.currency(), h.total(), h.occurredAt(),
					h.returned(), lines.getOrDefault(h.id(), List.of())));
		}
		return states;
	}

	private static PurchaseState.Line line(ResultSet rs) throws SQLException {
		return new PurchaseState.Line(rs.getInt(2), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5));
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	private static String plain(BigDecimal value) {
		return value == null ? null : value.toPlainString();
	}

}
