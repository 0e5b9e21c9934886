package org.rapport.interaction;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The fast path of a bulk import: a chunk of interactions and their lines is streamed
 * with COPY into temporary staging tables (emptied at commit), then merged into the
 * interaction tables with one INSERT ... SELECT each. Rows whose (source system,
 * idempotency key) is taken are skipped by ON CONFLICT DO NOTHING; only the lines of the
 * inserted interactions follow them. Must run inside the chunk's transaction.
 */
@Repository
class ImportStaging {

	/** An interaction that was inserted. */
	record Inserted(UUID id, UUID customerId) {
	}

	private static final String STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_stage (id uuid, customer_id uuid, kind text, channel text,
			  occurred_at timestamptz, source_system text, external_id text, idempotency_key text, outcome text,
			  outcome_reason text, direction text, order_reference text, total numeric, currency text, store text,
			  staff_id uuid, reference_id uuid, attributes jsonb) ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS import_stage_line (interaction_id uuid, line_no int, sku text,
			  category text, quantity numeric, unit_price numeric, discount numeric, amount numeric)
			  ON COMMIT DELETE ROWS
			""";

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ImportStaging(DataSource dataSource, JdbcClient jdbc, JsonMapper json) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Inserted> merge(List<Prepared> items, Instant recordedAt) {
		if (items.isEmpty()) {
			return List.of();
		}
		copy(interactions(items), lines(items));
		List<Inserted> inserted = this.jdbc.sql("""
				INSERT INTO interaction (id, customer_id, kind, channel, occurred_at, recorded_at, source_system,
				  external_id, idempotency_key, outcome, outcome_reason, direction, order_reference, total, currency,
				  store, staff_id, reference_id, attributes)
				SELECT id, customer_id, kind, channel, occurred_at, ?, source_system, external_id, idempotency_key,
				  outcome, outcome_reason, direction, order_reference, total, currency, store, staff_id, reference_id,
				  attributes
				FROM import_stage ORDER BY source_system, idempotency_key
				ON CONFLICT (source_system, idempotency_key) DO NOTHING
				RETURNING id, customer_id
				""")
			.param(Timestamp.from(recordedAt))
			.query((rs, row) -> new Inserted(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
			.list();
		if (!inserted.isEmpty()) {
			this.jdbc
				.sql("""
						INSERT INTO interaction_line (interaction_id, line_no, sku, category, quantity, unit_price, discount,
						  amount)
						SELECT l.interaction_id, l.line_no, l.sku, l.category, l.quantity, l.unit_price, l.discount, l.amount
						FROM import_stage_line l WHERE l.interaction_id = ANY(?)
						""")
				.param(inserted.stream().map(Inserted::id).toArray(UUID[]::new))
				.update();
		}
		return inserted;
	}

	private void copy(String interactions, String lines) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(STAGE);
			}
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("COPY import_stage FROM STDIN", new StringReader(interactions));
			if (!lines.isEmpty()) {
				copy.copyIn("COPY import_stage_line FROM STDIN", new StringReader(lines));
			}
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("staging the chunk failed: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private String interactions(List<Prepared> items) {
		StringBuilder sb = new StringBuilder(items.size() * 200);
		for (Prepared p : items) {
			NewInteraction it = p.item();
			row(sb, p.id(), p.customerId(), it.kind().name(), it.channel(), it.occurredAt(), it.sourceSystem(),
					it.externalId(), p.key(), name(it.outcome()), it.outcomeReason(), name(it.direction()),
					it.orderReference(), it.total(), it.currency(), it.store(), it.staffId(), it.referenceId(),
					it.attributes().isEmpty() ? "{}" : this.json.writeValueAsString(it.attributes()));
		}
		return sb.toString();
	}

	private static String lines(List<Prepared> items) {
		StringBuilder sb = new StringBuilder();
		for (Prepared p : items) {
			for (Prepared.Line l : p.lines()) {
				row(sb, p.id(), l.lineNo(), l.sku(), l.category(), l.quantity(), l.unitPrice(), l.discount(),
						l.amount());
			}
		}
		return sb.toString();
	}

	/** Appends one row in COPY's text format: tab separated, \N for null, escaped. */
	private static void row(StringBuilder sb, Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				sb.append('\t');
			}
			Object value = values[i];
			if (value == null) {
				sb.append("\\N");
				continue;
			}
			String text = (value instanceof BigDecimal d) ? d.toPlainString() : value.toString();
			for (int c = 0; c < text.length(); c++) {
				char ch = text.charAt(c);
				switch (ch) {
					case '\\' -> sb.append("\\\\");
					case '\t' -> sb.append("\\t");
					case '\n' -> sb.append("\\n");
					case '\r' -> sb.append("\\r");
					default -> sb.append(ch);
				}
			}
		}
		sb.append('\n');
	}

	private static String name(Enum<?> value) {
		return value == null ? null : value.name();
	}

	static List<UUID> customers(List<Inserted> inserted) {
		List<UUID> ids = new ArrayList<>();
		inserted.stream().map(Inserted::customerId).distinct().forEach(ids::add);
		return ids;
	}

}
