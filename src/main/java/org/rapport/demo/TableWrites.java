package org.rapport.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database wrote over a run, table by table: rows inserted, updated (and of
 * those, updated in place without new index entries: HOT) and deleted, from
 * {@code pg_stat_user_tables} of the application's database; the index entries that
 * implies (every inserted row and every update that is not HOT adds one entry to each
 * index of its table — indexes with a predicate are left out, as their rows are not known
 * here); and the write-ahead log (records, bytes, full-page images and flushes, from
 * {@code pg_stat_wal}, server-wide). Divided by the purchases stored, it shows what one
 * purchase costs PostgreSQL beyond its CPU (ADR 0039).
 */
final class TableWrites {

	/** One table's counters. */
	record Table(String name, long inserted, long updated, long hot, long deleted, int indexes) {

		Table minus(Table before) {
			return (before == null) ? this : new Table(this.name, this.inserted - before.inserted,
					this.updated - before.updated, this.hot - before.hot, this.deleted - before.deleted, this.indexes);
		}

		long rows() {
			return this.inserted + this.updated + this.deleted;
		}

		long indexEntries() {
			return (this.inserted + this.updated - this.hot) * this.indexes;
		}

	}

	/** The counters at one moment, or their difference. */
	record Counts(Map<String, Table> tables, long walRecords, long walBytes, long walFullPages, long walSyncs) {

		static final Counts NONE = new Counts(Map.of(), 0, 0, 0, 0);

		Counts minus(Counts before) {
			Map<String, Table> diff = new HashMap<>();
			this.tables.forEach((name, t) -> diff.put(name, t.minus(before.tables.get(name))));
			return new Counts(diff, this.walRecords - before.walRecords, this.walBytes - before.walBytes,
					this.walFullPages - before.walFullPages, this.walSyncs - before.walSyncs);
		}

		/** One sentence per purchase stored. */
		String describe(long purchases) {
			double per = Math.max(1, purchases);
			List<Table> written = new ArrayList<>(this.tables.values()
				.stream()
				.filter((t) -> t.rows() / per >= 0.005)
				.sorted(Comparator.comparingLong(Table::rows).reversed().thenComparing(Table::name))
				.toList());
			StringBuilder text = new StringBuilder("Written per purchase stored over the same span (from "
					+ "`pg_stat_user_tables` and `pg_stat_wal`): ");
			long entries = 0;
			for (int i = 0; i < written.size(); i++) {
				Table t = written.get(i);
				entries += t.indexEntries();
				List<String> parts = new ArrayList<>();
				if (t.inserted() > 0) {
					parts.add(String.format(Locale.ROOT, "%.2f inserted", t.inserted() / per));
				}
				if (t.updated() > 0) {
					parts.add(String.format(Locale.ROOT, "%.2f updated (%.2f HOT)", t.updated() / per, t.hot() / per));
				}
				if (t.deleted() > 0) {
					parts.add(String.format(Locale.ROOT, "%.2f deleted", t.deleted() / per));
				}
				text.append(i == 0 ? "" : "; ")
					.append('`')
					.append(t.name())
					.append("` ")
					.append(String.join(", ", parts))
					.append(String.format(Locale.ROOT, " (%d %s)", t.indexes(),
							t.indexes() == 1 ? "index" : "indexes"));
			}
			if (written.isEmpty()) {
				text.append("no rows");
			}
			text.append(String.format(Locale.ROOT,
					". Index entries added (each inserted row and each update that is not HOT, once per index "
							+ "without a predicate): %.2f. Write-ahead log: %,.0f bytes in %.1f records (%.2f full-page "
							+ "images), %.2f flushes (`wal_sync`, server-wide).",
					entries / per, this.walBytes / per, this.walRecords / per, this.walFullPages / per,
					this.walSyncs / per));
			return text.toString();
		}

	}

	private TableWrites() {
	}

	static Counts take(JdbcClient jdbc) {
		try {
			Map<String, Table> tables = new HashMap<>();
			jdbc.sql("""
					SELECT s.relname, s.n_tup_ins, s.n_tup_upd, s.n_tup_hot_upd, s.n_tup_del,
					  (SELECT count(*) FROM pg_index i WHERE i.indrelid = s.relid AND i.indpred IS NULL)
					FROM pg_stat_user_tables s
					""").query((rs) -> {
				tables.put(rs.getString(1), new Table(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5), rs.getInt(6)));
			});
			long[] wal = jdbc.sql("SELECT wal_records, wal_bytes, wal_fpi, wal_sync FROM pg_stat_wal")
				.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4) })
				.single();
			return new Counts(tables, wal[0], wal[1], wal[2], wal[3]);
		}
		catch (RuntimeException ex) {
			// another server version: the other counters still count
			return Counts.NONE;
		}
	}

}
