package org.rapport.interaction;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.postgresql.copy.CopyManager;

/**
 * One chunk of a bulk write on its way into the database: the interactions and lines as
 * COPY text, copied into session-private staging tables, then moved into the real tables
 * with {@code INSERT ... ON CONFLICT DO NOTHING} (a key already there is skipped; only
 * the lines of interactions actually inserted follow; a line naming a SKU outside the
 * catalogue refuses the chunk), and added to the customers' figures with one set-based
 * upsert grouped by customer ({@link StagedFigures}).
 */
final class BulkStage {

	static final String CREATE = """
			CREATE TEMP TABLE IF NOT EXISTS bulk_interaction_stage (LIKE interaction INCLUDING DEFAULTS)
			  ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS bulk_line_stage (LIKE interaction_line INCLUDING DEFAULTS)
			  ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS bulk_inserted (id UUID PRIMARY KEY) ON COMMIT DELETE ROWS;
			SET LOCAL work_mem = '64MB';
			""";

	private static final String COLUMNS = "id, customer_id, kind, channel, occurred_at, recorded_at, source_system, "
			+ "external_id, idempotency_key, outcome, outcome_reason, direction, order_reference, total, currency, "
			+ "store, staff_id, related_purchase_id, attributes";

	private static final String LINE_COLUMNS = "interaction_id, line_no, sku, category, quantity, unit_price, "
			+ "discount, amount, purchase_line_no";

	private static final String INSERT = "WITH ins AS (INSERT INTO interaction (" + COLUMNS + ") SELECT " + COLUMNS
			+ " FROM bulk_interaction_stage ON CONFLICT DO NOTHING RETURNING id) INSERT INTO bulk_inserted SELECT id FROM ins";

	private static final String INSERT_LINES = "INSERT INTO interaction_line (" + LINE_COLUMNS + ") SELECT l."
			+ LINE_COLUMNS.replace(", ", ", l.")
			+ " FROM bulk_line_stage l JOIN bulk_inserted n ON n.id = l.interaction_id";

	/** The new interactions added to their customers' figures. */
	private static final String FIGURES = StagedFigures.sql("bulk_interaction_stage", "bulk_inserted");

	private final StringBuilder interactions = new StringBuilder(1 << 20);

	private final StringBuilder lines = new StringBuilder(1 << 20);

	private final String recordedAt;

	private final Map<String, Set<UUID>> customers = new TreeMap<>();

	private final Map<String, Integer> counts = new TreeMap<>();

	private int size;

	BulkStage(Instant now) {
		this.recordedAt = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).toString();
	}

	int size() {
		return this.size;
	}

	void add(BulkInteraction i) {
		StringBuilder t = this.interactions;
		t.append(i.id()).append('\t').append(i.customerId()).append('\t').append(i.kind().name()).append('\t');
		text(t, i.channel()).append('\t').append(i.occurredAt()).append('\t').append(this.recordedAt).append('\t');
		text(t, i.sourceSystem()).append('\t');
		text(t, i.externalId()).append('\t');
		text(t, i.idempotencyKey()).append('\t');
		text(t, i.outcome() == null ? null : i.outcome().name()).append('\t');
		text(t, i.outcomeReason()).append('\t');
		text(t, i.direction() == null ? null : i.direction().name()).append('\t');
		text(t, i.orderReference()).append('\t');
		text(t, i.total() == null ? null : i.total().toPlainString()).append('\t');
		text(t, i.currency()).append('\t');
		text(t, i.store()).append('\t');
		text(t, i.staffId() == null ? null : i.staffId().toString()).append('\t');
		text(t, i.relatedPurchaseId() == null ? null : i.relatedPurchaseId().toString()).append('\t');
		text(t, i.attributes() == null ? "{}" : i.attributes()).append('\n');
		for (BulkInteraction.Line l : i.lines()) {
			StringBuilder s = this.lines;
			s.append(i.id()).append('\t').append(l.lineNo()).append('\t');
			text(s, l.sku()).append('\t');
			text(s, l.category()).append('\t').append(l.quantity().toPlainString()).append('\t');
			s.append(l.unitPrice().toPlainString()).append('\t').append(l.discount().toPlainString()).append('\t');
			s.append(l.amount().toPlainString()).append('\t');
			text(s, l.purchaseLineNo() == null ? null : l.purchaseLineNo().toString()).append('\n');
		}
		this.customers.computeIfAbsent(i.sourceSystem(), (s) -> new HashSet<>()).add(i.customerId());
		this.counts.merge(i.sourceSystem(), 1, Integer::sum);
		this.size++;
	}

	/**
	 * The staged interactions and customers per source system: what the chunk inserted
	 * when it inserted all of them (no query needed).
	 */
	Map<String, Inserted> staged() {
		Map<String, Inserted> bySource = new TreeMap<>();
		this.counts
			.forEach((source, n) -> bySource.put(source, new Inserted(n, List.copyOf(this.customers.get(source)))));
		return bySource;
	}

	/**
	 * Writes the chunk in the connection's open transaction (the caller commits).
	 * @return interactions inserted and lines inserted
	 */
	long[] write(Connection connection, CopyManager copy, String currency) throws SQLException {
		copy(copy, "COPY bulk_interaction_stage (" + COLUMNS + ") FROM STDIN", this.interactions);
		copy(copy, "COPY bulk_line_stage (" + LINE_COLUMNS + ") FROM STDIN", this.lines);
		long inserted;
		long lineCount;
		try (Statement statement = connection.createStatement()) {
			refuseUnknownSkus(statement);
			inserted = statement.executeUpdate(INSERT);
			lineCount = inserted == 0 ? 0 : statement.executeUpdate(INSERT_LINES);
		}
		if (inserted > 0) {
			StagedFigures.add(connection, FIGURES, OffsetDateTime.parse(this.recordedAt).toInstant(), currency);
		}
		return new long[] { inserted, lineCount };
	}

	/**
	 * Refuses the chunk when a line names a SKU that is not in the catalogue: one
	 * anti-join per chunk in place of a foreign key checked row by row.
	 */
	private static void refuseUnknownSkus(Statement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery("""
				SELECT DISTINCT l.sku FROM bulk_line_stage l
				WHERE NOT EXISTS (SELECT 1 FROM product p WHERE p.sku = l.sku) ORDER BY l.sku LIMIT 10""")) {
			List<String> unknown = new java.util.ArrayList<>();
			while (rs.next()) {
				unknown.add(rs.getString(1));
			}
			if (!unknown.isEmpty()) {
				throw new IllegalArgumentException("SKUs not in the catalogue: " + String.join(", ", unknown));
			}
		}
	}

	/** The interactions and customers of one source system that a chunk inserted. */
	record Inserted(int count, List<UUID> ids) {
	}

	/**
	 * What {@link #write} inserted, per source system: the number of interactions and
	 * their customers (called in the same transaction, after it).
	 */
	static Map<String, Inserted> inserted(Connection connection) throws SQLException {
		Map<String, Inserted> bySource = new TreeMap<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("""
				SELECT s.source_system, count(*), array_agg(DISTINCT s.customer_id)
				FROM bulk_interaction_stage s JOIN bulk_inserted n ON n.id = s.id GROUP BY s.source_system""")) {
			while (rs.next()) {
				UUID[] ids = (UUID[]) rs.getArray(3).getArray();
				bySource.put(rs.getString(1), new Inserted(rs.getInt(2), List.of(ids)));
			}
		}
		return bySource;
	}

	private static void copy(CopyManager copy, String sql, StringBuilder text) throws SQLException {
		if (text.isEmpty()) {
			return;
		}
		try {
			copy.copyIn(sql, new StringReader(text.toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A text column in COPY text format: {@code \N} for null, backslash escapes. */
	private static StringBuilder text(StringBuilder out, String value) {
		if (value == null) {
			return out.append("\\N");
		}
		for (int k = 0; k < value.length(); k++) {
			char c = value.charAt(k);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
		return out;
	}

}
