package org.rapport.interaction;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read side: one interaction with its lines, and a customer's timeline newest first.
 * The timeline walks the index (customer_id, occurred_at DESC, id DESC): deep pages use a
 * keyset cursor instead of an offset, and the lines of a page come in one more query.
 */
@Repository
class InteractionQueries {

	/** The columns of an interaction as {@link #head} reads them. */
	static final String COLUMNS = "i.id, i.customer_id, i.kind, i.channel, i.occurred_at, i.recorded_at, "
			+ "i.source_system, i.external_id, i.idempotency_key, i.outcome, i.outcome_reason, i.direction, "
			+ "i.order_reference, i.total, i.currency, i.store, i.staff_id, i.related_purchase_id, i.reference_id, "
			+ "i.attributes";

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	InteractionQueries(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<InteractionView> get(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM interaction i WHERE i.id = ?")
			.param(id)
			.query(this::head)
			.optional()
			.map((head) -> withLines(List.of(head)).get(0));
	}

	/**
	 * A page of the customer's timeline. With a cursor (from the previous page) the page
	 * starts after it; otherwise {@code page * size} rows are skipped.
	 */
	TimelinePage timeline(UUID customerId, TimelineFilter filter, int page, int size, TimelineCursor cursor) {
		StringBuilder sql = new StringBuilder(
				"SELECT " + COLUMNS + " FROM interaction i WHERE i.customer_id = :customer");
		Map<String, Object> params = new HashMap<>();
		params.put("customer", customerId);
		if (!filter.kinds().isEmpty()) {
			sql.append(" AND i.kind = ANY(:kinds)");
			params.put("kinds", filter.kinds().stream().map(Enum::name).toArray(String[]::new));
		}
		if (filter.channel() != null) {
			sql.append(" AND i.channel = :channel");
			params.put("channel", filter.channel());
		}
		if (filter.from() != null) {
			sql.append(" AND i.occurred_at >= :from");
			params.put("from", utc(filter.from()));
		}
		if (filter.to() != null) {
			sql.append(" AND i.occurred_at < :to");
			params.put("to", utc(filter.to()));
		}
		if (cursor != null) {
			sql.append(" AND (i.occurred_at, i.id) < (:cursorAt, :cursorId)");
			params.put("cursorAt", utc(cursor.occurredAt()));
			params.put("cursorId", cursor.id());
		}
		sql.append(" ORDER BY i.occurred_at DESC, i.id DESC LIMIT :limit OFFSET :offset");
		params.put("limit", size + 1);
		params.put("offset", cursor != null ? 0 : (long) page * size);
		List<InteractionView> rows = this.jdbc.sql(sql.toString()).params(params).query(this::head).list();
		boolean more = rows.size() > size;
		List<InteractionView> items = withLines(more ? rows.subList(0, size) : rows);
		String next = more ? new TimelineCursor(items.get(size - 1).occurredAt(), items.get(size - 1).id()).encode()
				: null;
		return new TimelinePage(items, page, size, more, next);
	}

	private List<InteractionView> withLines(List<InteractionView> heads) {
		List<InteractionView> sales = heads.stream().filter((h) -> h.kind().isSale()).toList();
		if (sales.isEmpty()) {
			return heads;
		}
		Map<UUID, List<InteractionView.LineView>> lines = new HashMap<>();
		this.jdbc.sql("""
				SELECT l.interaction_id, l.line_no, l.sku, p.name, l.category, l.quantity, l.unit_price, l.discount,
				  l.amount, l.purchase_line_no
				FROM interaction_line l JOIN product p ON p.sku = l.sku
				WHERE l.interaction_id = ANY(?) ORDER BY l.interaction_id, l.line_no
				""").param(sales.stream().map(InteractionView::id).toArray(UUID[]::new)).query((ResultSet rs) -> {
			lines.computeIfAbsent(rs.getObject(1, UUID.class), (k) -> new ArrayList<>()).add(line(rs));
		});
		return heads.stream().map((h) -> withLines(h, lines.getOrDefault(h.id(), List.of()))).toList();
	}

	/**
	 * A line from the columns interaction_id, line_no, sku, product name, category,
	 * quantity, unit_price, discount, amount, purchase_line_no.
	 */
	static InteractionView.LineView line(ResultSet rs) throws SQLException {
		return new InteractionView.LineView(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
				(Integer) rs.getObject(10));
	}

	static InteractionView withLines(InteractionView h, List<InteractionView.LineView> lines) {
		return new InteractionView(h.id(), h.customerId(), h.kind(), h.channel(), h.occurredAt(), h.recordedAt(),
				h.sourceSystem(), h.externalId(), h.idempotencyKey(), h.outcome(), h.outcomeReason(), h.direction(),
				h.orderReference(), h.total(), h.currency(), h.store(), h.staffId(), h.relatedPurchaseId(),
				h.referenceId(), h.attributes(), List.copyOf(lines));
	}

	private InteractionView head(ResultSet rs, int row) throws SQLException {
		return head(rs, this.json);
	}

	/** An interaction without its lines from the {@link #COLUMNS}. */
	static InteractionView head(ResultSet rs, JsonMapper json) throws SQLException {
		String outcome = rs.getString("outcome");
		String direction = rs.getString("direction");
		return new InteractionView(rs.getObject("id", UUID.class), rs.getObject("customer_id", UUID.class),
				InteractionKind.valueOf(rs.getString("kind")), rs.getString("channel"), instant(rs, "occurred_at"),
				instant(rs, "recorded_at"), rs.getString("source_system"), rs.getString("external_id"),
				rs.getString("idempotency_key"), outcome == null ? null : Outcome.valueOf(outcome),
				rs.getString("outcome_reason"), direction == null ? null : Direction.valueOf(direction),
				rs.getString("order_reference"), rs.getBigDecimal("total"), rs.getString("currency"),
				rs.getString("store"), rs.getObject("staff_id", UUID.class),
				rs.getObject("related_purchase_id", UUID.class), rs.getObject("reference_id", UUID.class),
				json.readValue(rs.getString("attributes"), MAP), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
