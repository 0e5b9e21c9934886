package org.rapport.interaction;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.rapport.platform.db.BinaryCopyRows;

import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

/**
 * The write of a bulk import's chunk (ADR 0041). The interactions and lines of a chunk
 * come as binary COPY rows made ahead of the write on the reading thread
 * ({@link ImportBatch}, {@link BinaryCopyRows}); the writer fills in each row's customer
 * (the chunk's references resolved in its transaction) and recorded-at, leaves out the
 * rows whose customer was not found and the repeats of a key within the chunk, and
 * streams the rest:
 * <ul>
 * <li>{@linkplain Path#DIRECT directly} into {@code interaction} with {@code COPY} when
 * the rows are expected to be new (a first run): no staging table, no
 * {@code INSERT … SELECT}. A key stored already (or being stored by a concurrent writer)
 * makes the COPY fail with a unique violation: {@link KeyTaken} is thrown, the chunk's
 * transaction is rolled back and the chunk is stored again on the other path;</li>
 * <li>{@linkplain Path#STAGED through a staging table} and one
 * {@code INSERT … ON CONFLICT DO NOTHING RETURNING id} otherwise (re-runs, files holding
 * keys stored before), which skips the stored keys.</li>
 * </ul>
 * Either way the lines of the inserted interactions follow with one binary COPY straight
 * into {@code interaction_line}, and the customers' figures are added from per-customer
 * and channel sums made in Java ({@code import_figures}, one upsert per chunk), so a
 * chunk costs the same whatever the size of the history already stored. Must run inside
 * the chunk's transaction.
 */
@Repository
class ImportStaging {

	/** How a chunk's interactions go into {@code interaction}. */
	enum Path {

		/** COPY straight into the table; fails on a stored key. */
		DIRECT,
		/**
		 * COPY straight into the table under a savepoint; on a stored key the COPY alone
		 * is rolled back and the rows go through staging in the same transaction (writing
		 * lanes, ADR 0050: the chunk keeps its turn and its customers).
		 */
		DIRECT_OR_STAGED,
		/** COPY into a staging table, then INSERT … ON CONFLICT DO NOTHING. */
		STAGED

	}

	/**
	 * A key of the chunk was stored already or is being stored by another writer: the
	 * direct COPY failed and the chunk's transaction is to be rolled back.
	 */
	static final class KeyTaken extends RuntimeException {

		KeyTaken(SQLException cause) {
			super("a key of the chunk is stored already: " + cause.getMessage(), cause, false, false);
		}

	}

	/** What a chunk write inserted: how many interactions, for which customers. */
	record Merged(int count, List<UUID> customers, boolean keysTaken) {

		static final Merged NONE = new Merged(0, List.of(), false);

	}

	/** The columns of an interaction row, in the order of {@link ImportChecks}' rows. */
	static final String COLUMNS = "id, customer_id, recorded_at, kind, channel, occurred_at, source_system, "
			+ "external_id, idempotency_key, outcome, outcome_reason, direction, order_reference, total, currency, "
			+ "store, staff_id, reference_id, attributes";

	static final int FIELDS = 19;

	static final String LINE_COLUMNS = "interaction_id, line_no, sku, category, quantity, unit_price, discount, "
			+ "amount";

	static final int LINE_FIELDS = 8;

	private static final String STAGE = """
			CREATE TEMP TABLE IF NOT EXISTS import_rows (id uuid, customer_id uuid, recorded_at timestamptz, kind text,
			  channel text, occurred_at timestamptz, source_system text, external_id text, idempotency_key text,
			  outcome text, outcome_reason text, direction text, order_reference text, total numeric, currency text,
			  store text, staff_id uuid, reference_id uuid, attributes jsonb) ON COMMIT DELETE ROWS
			""";

	private static final String INSERT = "INSERT INTO interaction (" + COLUMNS + ") SELECT " + COLUMNS
			+ " FROM import_rows ORDER BY source_system, idempotency_key"
			+ " ON CONFLICT (source_system, idempotency_key) DO NOTHING RETURNING id";

	private static final String FIGURES_TABLE = """
			CREATE TEMP TABLE IF NOT EXISTS import_figures (customer_id uuid, channel text,
			  first_purchase_at timestamptz, last_purchase_at timestamptz, purchases int, purchases_in_currency int,
			  revenue numeric, last timestamptz) ON COMMIT DELETE ROWS
			""";

	/**
	 * The chunk's sums per customer and channel merged into the kept figures, with the
	 * same result as {@link StagedFigures} (imports stage no returns).
	 */
	private static final String FIGURES = """
			INSERT INTO customer_figures AS f (customer_id, first_purchase_at, last_purchase_at, purchases, revenue,
			  returns, returned_amount, average_basket, last_contact, updated_at, purchases_in_currency)
			SELECT d.customer_id, d.first_purchase_at, d.last_purchase_at, d.purchases, d.revenue, 0, 0,
			  %s, d.last_contact, ?, d.purchases_in_currency
			FROM (
			  SELECT c.customer_id, min(c.first_purchase_at) AS first_purchase_at,
			    max(c.last_purchase_at) AS last_purchase_at, sum(c.purchases) AS purchases,
			    sum(c.purchases_in_currency) AS purchases_in_currency, sum(c.revenue) AS revenue,
			    jsonb_object_agg(c.channel, c.last) AS last_contact
			  FROM import_figures c GROUP BY c.customer_id) d
			ORDER BY d.customer_id
			""".formatted(FiguresStore.averageBasket("d.revenue", "d.purchases_in_currency")) + FiguresStore.MERGE;

	/** The unique index whose violation means a key of the chunk is taken. */
	private static final String KEY_INDEX = "interaction_idempotency_idx";

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
	 * Writes the staged interactions of one chunk whose customer was found, their lines
	 * and figures, in the caller's transaction.
	 * @param customers the customer of each reference of the chunk; null for a reference
	 * nobody answers to, whose interactions are left out
	 * @throws KeyTaken on the direct path, when a key of the chunk is stored already
	 */
	Merged merge(ImportBatch batch, UUID[] customers, Instant recordedAt, Path path) {
		return merge(batch, customers, recordedAt, path, ImportTurn.NONE);
	}

	/**
	 * As {@link #merge(ImportBatch, UUID[], Instant, Path)}, taking each stage (insert,
	 * lines, figures) in its turn among the writing lanes of the run.
	 */
	Merged merge(ImportBatch batch, UUID[] customers, Instant recordedAt, Path proposed, ImportTurn turn) {
		List<ImportBatch.Staged> staged = batch.staged();
		boolean[] take = new boolean[staged.size()];
		int taken = 0;
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < take.length; i++) {
			ImportBatch.Staged s = staged.get(i);
			UUID customer = customers[s.ref()];
			// a key repeated within the chunk: the first is stored, the repeats skipped
			if (customer != null && (s.key() == null || keys.add(s.item().sourceSystem() + '\u0000' + s.key()))) {
				take[i] = true;
				taken++;
				batch.interactions().putUuid(s.customerAt(), customer);
				batch.interactions().putTimestamptz(s.recordedAt(), recordedAt);
			}
		}
		if (taken == 0) {
			return Merged.NONE;
		}
		turn.to(ImportTurns.Stage.INSERT);
		Path path = turn.path(proposed);
		long t = System.nanoTime();
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			boolean[] inserted = null;
			int count = 0;
			boolean keysTaken = false;
			if (path == Path.DIRECT) {
				try {
					copyRows(copy, "COPY interaction (" + COLUMNS + ") FROM STDIN (FORMAT binary)", batch, take, false);
				}
				catch (SQLException ex) {
					if (isKeyTaken(ex)) {
						throw new KeyTaken(ex);
					}
					throw ex;
				}
				inserted = take;
				count = taken;
				t = ImportPhases.add(ImportPhases.Step.INSERT, t);
			}
			else if (path == Path.DIRECT_OR_STAGED) {
				Savepoint before = connection.setSavepoint();
				try {
					copyRows(copy, "COPY interaction (" + COLUMNS + ") FROM STDIN (FORMAT binary)", batch, take, false);
					connection.releaseSavepoint(before);
					inserted = take;
					count = taken;
				}
				catch (SQLException ex) {
					if (!isKeyTaken(ex)) {
						throw ex;
					}
					connection.rollback(before);
					ImportPhases phases = ImportPhases.current();
					if (phases != null) {
						phases.fellBack();
					}
					path = Path.STAGED;
				}
				t = ImportPhases.add(ImportPhases.Step.INSERT, t);
			}
			if (path == Path.STAGED) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(STAGE);
				}
				copyRows(copy, "COPY import_rows FROM STDIN (FORMAT binary)", batch, take, false);
				t = ImportPhases.add(ImportPhases.Step.STAGE, t);
				Set<UUID> ids = new HashSet<>();
				try (PreparedStatement insert = connection.prepareStatement(INSERT);
						ResultSet rs = insert.executeQuery()) {
					while (rs.next()) {
						ids.add(rs.getObject(1, UUID.class));
					}
				}
				inserted = new boolean[take.length];
				count = 0;
				for (int i = 0; i < take.length; i++) {
					if (take[i] && ids.contains(staged.get(i).id())) {
						inserted[i] = true;
						count++;
					}
				}
				keysTaken = count < taken;
				t = ImportPhases.add(ImportPhases.Step.INSERT, t);
			}
			turn.keysTaken(keysTaken);
			if (count == 0) {
				return new Merged(0, List.of(), keysTaken);
			}
			turn.to(ImportTurns.Stage.LINES);
			t = System.nanoTime();
			copyRows(copy, "COPY interaction_line (" + LINE_COLUMNS + ") FROM STDIN (FORMAT binary)", batch, inserted,
					true);
			t = ImportPhases.add(ImportPhases.Step.LINES, t);
			turn.to(ImportTurns.Stage.FIGURES);
			t = System.nanoTime();
			figures(connection, copy, staged, inserted, customers, recordedAt);
			t = ImportPhases.add(ImportPhases.Step.FIGURES, t);
			Merged merged = new Merged(count, customers(staged, inserted, customers), keysTaken);
			ImportPhases.add(ImportPhases.Step.ANNOUNCE, t);
			return merged;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("storing the chunk failed: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	/**
	 * Streams the chosen rows (or their lines) of the chunk with one binary COPY, each
	 * run of consecutive chosen rows in one piece.
	 */
	private static void copyRows(CopyManager copy, String sql, ImportBatch batch, boolean[] chosen, boolean lines)
			throws SQLException {
		List<ImportBatch.Staged> staged = batch.staged();
		BinaryCopyRows rows = lines ? batch.lines() : batch.interactions();
		CopyIn in = copy.copyIn(sql);
		try {
			in.writeToCopy(BinaryCopyRows.HEADER, 0, BinaryCopyRows.HEADER.length);
			int from = -1;
			int to = -1;
			for (int i = 0; i < chosen.length; i++) {
				if (!chosen[i]) {
					continue;
				}
				ImportBatch.Staged s = staged.get(i);
				int start = lines ? s.lineStart() : s.rowStart();
				int end = lines ? s.lineEnd() : s.rowEnd();
				if (start == to) {
					to = end;
				}
				else {
					if (to > from && from >= 0) {
						in.writeToCopy(rows.bytes(), from, to - from);
					}
					from = start;
					to = end;
				}
			}
			if (to > from && from >= 0) {
				in.writeToCopy(rows.bytes(), from, to - from);
			}
			in.writeToCopy(BinaryCopyRows.TRAILER, 0, BinaryCopyRows.TRAILER.length);
			in.endCopy();
		}
		finally {
			cancelIfActive(in);
		}
	}

	/**
	 * Adds the inserted interactions to their customers' figures: sums per customer and
	 * channel made here, copied into {@code import_figures} and merged with one upsert.
	 */
	private void figures(Connection connection, CopyManager copy, List<ImportBatch.Staged> staged, boolean[] inserted,
			UUID[] customers, Instant now) throws SQLException {
		record Key(UUID customer, String channel) {
		}
		Map<Key, ChannelSum> sums = new HashMap<>();
		for (int i = 0; i < inserted.length; i++) {
			if (!inserted[i]) {
				continue;
			}
			ImportBatch.Staged s = staged.get(i);
			NewInteraction it = s.item();
			sums.computeIfAbsent(new Key(customers[s.ref()], it.channel()), (k) -> new ChannelSum(this.currency))
				.add(it);
		}
		BinaryCopyRows rows = BinaryCopyRows.withoutHeader(sums.size() * 88);
		sums.forEach((k, sum) -> rows.row(8)
			.uuid(k.customer())
			.text(k.channel())
			.timestamptz(sum.firstPurchase)
			.timestamptz(sum.lastPurchase)
			.int4Field(sum.purchases)
			.int4Field(sum.purchasesInCurrency)
			.numeric(sum.revenue)
			.timestamptz(sum.last));
		try (Statement statement = connection.createStatement()) {
			statement.execute(FIGURES_TABLE);
		}
		CopyIn in = copy.copyIn("COPY import_figures FROM STDIN (FORMAT binary)");
		try {
			in.writeToCopy(BinaryCopyRows.HEADER, 0, BinaryCopyRows.HEADER.length);
			in.writeToCopy(rows.bytes(), 0, rows.size());
			in.writeToCopy(BinaryCopyRows.TRAILER, 0, BinaryCopyRows.TRAILER.length);
			in.endCopy();
		}
		finally {
			cancelIfActive(in);
		}
		try (PreparedStatement upsert = connection.prepareStatement(FIGURES)) {
			upsert.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
			upsert.executeUpdate();
		}
	}

	/**
	 * The figures of a chunk's interactions of one customer on one channel: first and
	 * last purchase, the purchases, those in the business currency and their revenue
	 * (what the average basket divides), and the last contact. Imports stage no returns.
	 */
	static final class ChannelSum {

		private final String currency;

		Instant firstPurchase;

		Instant lastPurchase;

		int purchases;

		int purchasesInCurrency;

		BigDecimal revenue = BigDecimal.ZERO;

		Instant last;

		ChannelSum(String currency) {
			this.currency = currency;
		}

		void add(NewInteraction it) {
			Instant at = it.occurredAt();
			if (it.kind() == InteractionKind.PURCHASE) {
				this.purchases++;
				this.firstPurchase = (this.firstPurchase == null || at.isBefore(this.firstPurchase)) ? at
						: this.firstPurchase;
				this.lastPurchase = (this.lastPurchase == null || at.isAfter(this.lastPurchase)) ? at
						: this.lastPurchase;
				if (this.currency.equals(it.currency())) {
					this.purchasesInCurrency++;
					if (it.total() != null) {
						this.revenue = this.revenue.add(it.total());
					}
				}
			}
			this.last = (this.last == null || at.isAfter(this.last)) ? at : this.last;
		}

	}

	/**
	 * The distinct customers of the inserted rows, in the order PostgreSQL sorts uuids.
	 */
	private static List<UUID> customers(List<ImportBatch.Staged> staged, boolean[] inserted, UUID[] customers) {
		List<UUID> named = new ArrayList<>();
		for (int i = 0; i < inserted.length; i++) {
			if (inserted[i]) {
				named.add(customers[staged.get(i).ref()]);
			}
		}
		UUID[] sorted = named.toArray(UUID[]::new);
		Arrays.sort(sorted, AS_STORED);
		List<UUID> distinct = new ArrayList<>();
		for (UUID id : sorted) {
			if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).equals(id)) {
				distinct.add(id);
			}
		}
		return distinct;
	}

	/** Ends a COPY that failed half way; the failure that stopped it is the one told. */
	private static void cancelIfActive(CopyIn in) {
		if (in.isActive()) {
			try {
				in.cancelCopy();
			}
			catch (SQLException ex) {
				// the transaction is rolled back with the failure being thrown
			}
		}
	}

	/**
	 * Whether the COPY failed on a taken key (a unique violation of the idempotency
	 * index) or a deadlock with another writer of the same keys.
	 */
	private static boolean isKeyTaken(SQLException ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql) {
				if ("40P01".equals(sql.getSQLState())) {
					return true;
				}
				if ("23505".equals(sql.getSQLState()) && String.valueOf(sql.getMessage()).contains(KEY_INDEX)) {
					return true;
				}
			}
		}
		return false;
	}

}
