package org.rapport.interaction;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * The fast path of a bulk import. The interactions and lines of a chunk are rendered as
 * COPY text ahead of the write, on the reading thread ({@link #render}), each interaction
 * naming its customer by a reference of the chunk ({@link ImportBatch}). The write
 * ({@link #merge}) streams them with COPY into temporary staging tables (emptied at
 * commit) together with the customer of each reference, then moves them into the
 * interaction tables with one INSERT ... SELECT each, joined with the references:
 * interactions whose customer was not found stay behind. Rows whose (source system,
 * idempotency key) is taken are skipped by ON CONFLICT DO NOTHING, once per chunk. When
 * every staged interaction was inserted (a first run), their lines are copied straight
 * into {@code interaction_line} and the figures and announced customers come from the
 * staged rows and references (ADR 0036); otherwise the ids and customers of those
 * inserted go to a third staging table (found by their ids, new in every run), the lines
 * are staged too and only those of the inserted interactions follow them (a hash join,
 * not a list of ids sent back and forth). The customers' figures are added from the
 * staged rows ({@link StagedFigures}), so a chunk costs the same whatever the size of the
 * history already stored. Must run inside the chunk's transaction.
 */
@Repository
class ImportStaging {

	/** What a chunk merge inserted: how many interactions, for which customers. */
	record Merged(int count, List<UUID> customers) {

		static final Merged NONE = new Merged(0, List.of());

	}

	private static final String STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_stage (id uuid, ref int, kind text, channel text,
			  occurred_at timestamptz, source_system text, external_id text, idempotency_key text, outcome text,
			  outcome_reason text, direction text, order_reference text, total numeric, currency text, store text,
			  staff_id uuid, reference_id uuid, attributes jsonb) ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS import_stage_line (interaction_id uuid, line_no int, sku text,
			  category text, quantity numeric, unit_price numeric, discount numeric, amount numeric)
			  ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS import_ref (ref int PRIMARY KEY, customer_id uuid NOT NULL)
			  ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS import_inserted (id uuid PRIMARY KEY, customer_id uuid)
			  ON COMMIT DELETE ROWS;
			SET LOCAL work_mem = '64MB'
			""";

	private static final String INSERT = """
			INSERT INTO interaction (id, customer_id, kind, channel, occurred_at, recorded_at, source_system,
			  external_id, idempotency_key, outcome, outcome_reason, direction, order_reference, total, currency,
			  store, staff_id, reference_id, attributes)
			SELECT s.id, r.customer_id, s.kind, s.channel, s.occurred_at, ?, s.source_system, s.external_id,
			  s.idempotency_key, s.outcome, s.outcome_reason, s.direction, s.order_reference, s.total, s.currency,
			  s.store, s.staff_id, s.reference_id, s.attributes
			FROM import_stage s JOIN import_ref r ON r.ref = s.ref ORDER BY s.source_system, s.idempotency_key
			ON CONFLICT (source_system, idempotency_key) DO NOTHING
			""";

	/**
	 * Which staged interactions the chunk inserted, when not all: those whose id is now
	 * stored (ids are new for every run, so a skipped row's id is nowhere).
	 */
	private static final String INSERTED = """
			INSERT INTO import_inserted (id, customer_id)
			SELECT i.id, i.customer_id FROM import_stage s JOIN interaction i ON i.id = s.id
			""";

	private static final String LINE_COLUMNS = "interaction_id, line_no, sku, category, quantity, unit_price, "
			+ "discount, amount";

	private static final String INSERT_LINES = """
			INSERT INTO interaction_line (interaction_id, line_no, sku, category, quantity, unit_price, discount, amount)
			SELECT l.interaction_id, l.line_no, l.sku, l.category, l.quantity, l.unit_price, l.discount, l.amount
			FROM import_stage_line l JOIN import_inserted n ON n.id = l.interaction_id
			""";

	private static final String FIGURES = StagedFigures.sql("import_stage", "import_inserted", "n.customer_id");

	/** The figures of a chunk whose every staged interaction was inserted. */
	private static final String FIGURES_ALL = StagedFigures.joined("import_stage s JOIN import_ref n ON n.ref = s.ref",
			"n.customer_id");

	/** uuids as PostgreSQL orders them: unsigned, most significant half first. */
	private static final Comparator<UUID> AS_STORED = (a, b) -> {
		int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
		return (high != 0) ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
	};

	private final DataSource dataSource;

	private final String currency;

	ImportStaging(DataSource dataSource, IngestionSettings settings) {
		this.dataSource = dataSource;
		this.currency = settings.businessCurrency();
	}

	/**
	 * Appends a checked interaction and its lines to the chunk's COPY text, its customer
	 * named by the chunk's reference {@code ref}. Static, so the reading thread calls it
	 * directly, not through the repository's proxy.
	 */
	static void render(JsonMapper json, ImportBatch batch, int ref, Prepared p) {
		NewInteraction it = p.item();
		row(batch.interactions(), p.id(), ref, it.kind().name(), it.channel(), it.occurredAt(), it.sourceSystem(),
				it.externalId(), p.key(), name(it.outcome()), it.outcomeReason(), name(it.direction()),
				it.orderReference(), it.total(), it.currency(), it.store(), it.staffId(), it.referenceId(),
				it.attributes().isEmpty() ? "{}" : json.writeValueAsString(it.attributes()));
		for (Prepared.Line l : p.lines()) {
			row(batch.lines(), p.id(), l.lineNo(), l.sku(), l.category(), l.quantity(), l.unitPrice(), l.discount(),
					l.amount());
		}
	}

	/**
	 * Stages, merges and adds to the figures the rendered interactions of one chunk, in
	 * the caller's transaction.
	 * @param customers the customer of each reference of the chunk; null for a reference
	 * nobody answers to, whose interactions are left out
	 */
	Merged merge(ImportBatch batch, UUID[] customers, Instant recordedAt) {
		if (batch.staged().isEmpty()) {
			return Merged.NONE;
		}
		StringBuilder refs = new StringBuilder(customers.length * 42);
		for (int ref = 0; ref < customers.length; ref++) {
			if (customers[ref] != null) {
				refs.append(ref).append('\t').append(customers[ref]).append('\n');
			}
		}
		if (refs.isEmpty()) {
			return Merged.NONE;
		}
		long t = System.nanoTime();
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(STAGE);
			}
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			copy.copyIn("COPY import_ref FROM STDIN", new StringReader(refs.toString()));
			copy.copyIn("COPY import_stage FROM STDIN", new StringReader(batch.interactions().toString()));
			t = ImportPhases.add(ImportPhases.Step.STAGE, t);
			int inserted;
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				insert.setTimestamp(1, Timestamp.from(recordedAt));
				inserted = insert.executeUpdate();
			}
			t = ImportPhases.add(ImportPhases.Step.INSERT, t);
			if (inserted == 0) {
				return Merged.NONE;
			}
			// every staged interaction inserted (a first run): all the lines are theirs,
			// and the figures and customers come from the staged rows and references
			boolean all = inserted == batch.staged().size();
			if (!all) {
				try (Statement statement = connection.createStatement()) {
					statement.executeUpdate(INSERTED);
				}
			}
			if (!batch.lines().isEmpty()) {
				String lines = batch.lines().toString();
				if (all) {
					copy.copyIn("COPY interaction_line (" + LINE_COLUMNS + ") FROM STDIN", new StringReader(lines));
				}
				else {
					copy.copyIn("COPY import_stage_line FROM STDIN", new StringReader(lines));
					try (Statement statement = connection.createStatement()) {
						statement.executeUpdate(INSERT_LINES);
					}
				}
			}
			t = ImportPhases.add(ImportPhases.Step.LINES, t);
			StagedFigures.add(connection, all ? FIGURES_ALL : FIGURES, recordedAt, this.currency);
			t = ImportPhases.add(ImportPhases.Step.FIGURES, t);
			Merged merged = new Merged(inserted, all ? customers(batch, customers) : customers(connection));
			ImportPhases.add(ImportPhases.Step.ANNOUNCE, t);
			return merged;
		}
		catch (SQLException | IOException ex) {
			throw new IllegalStateException("storing the chunk failed: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * The distinct customers of the staged rows, in the order PostgreSQL sorts uuids (as
	 * {@link #customers(Connection)} answers them).
	 */
	private static List<UUID> customers(ImportBatch batch, UUID[] customers) {
		UUID[] named = new UUID[batch.staged().size()];
		int n = 0;
		for (ImportBatch.Staged s : batch.staged()) {
			named[n++] = customers[s.ref()];
		}
		Arrays.sort(named, AS_STORED);
		List<UUID> distinct = new ArrayList<>();
		for (UUID id : named) {
			if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(id)) {
				distinct.add(id);
			}
		}
		return distinct;
	}

	private static List<UUID> customers(Connection connection) throws SQLException {
		List<UUID> ids = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT DISTINCT customer_id FROM import_inserted ORDER BY customer_id")) {
			while (rs.next()) {
				ids.add(rs.getObject(1, UUID.class));
			}
		}
		return ids;
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

}
