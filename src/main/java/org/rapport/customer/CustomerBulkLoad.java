package org.rapport.customer;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.rapport.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.Text;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Front door for loading many customers at once (imports, the demo data set, the
 * benchmark). Rows are streamed in chunks of {@link Options#chunkSize()}: only a few
 * chunks are in memory at a time, so millions of rows load in bounded memory. Each chunk
 * is checked and rendered ahead on a thread of its own ({@link BulkChunkFeed}), then
 * written with PostgreSQL {@code COPY} into the customer tables and committed on its own;
 * two chunks are written at once on two connections ({@link BulkLanes}) with the outcome
 * of a one-at-a-time load. Inside a chunk's transaction the per-row foreign-key triggers
 * are skipped when the database role may (docs/adr/0023).
 * <p>
 * <b>Rejections.</b> A row whose identity cannot be normalised, or whose e-mail, phone,
 * card or external id is already taken (by an existing customer or by an earlier row of
 * the same load), is rejected as a whole with the reason and its row number; the other
 * rows load.
 * <p>
 * <b>Re-runs.</b> Every row carries an external key, stored as an {@code EXTERNAL}
 * identity with the load's {@link Options#source()} as source system. The unique index on
 * identities makes a row whose key is already there count as <em>skipped</em>, so running
 * the same load again (or resuming one that stopped half way) adds nothing twice.
 * Household ids are derived from the household key for the same reason.
 * <p>
 * <b>Checks after a conflict.</b> A chunk is written straight into the tables; the unique
 * index on identities is the check. When it refuses one (a stored identity, one repeated
 * in the chunk, one a concurrent writer just took), the chunk's transaction is rolled
 * back whole and the chunk is written again after the identity check of its rows, which
 * rejects or skips them as above; the next chunk goes through the check too, until one
 * meets no stored identity (docs/adr/0043). The check and the COPY of a checked chunk run
 * in one transaction; a concurrent writer that takes one of its identities in between
 * makes that chunk fail with a unique violation, and a re-run loads what is missing. One
 * audit row (entity {@code customer-import}) summarises the load.
 */
@Service
public class CustomerBulkLoad {

	public static final int DEFAULT_CHUNK = 5_000;

	private static final Logger log = LoggerFactory.getLogger(CustomerBulkLoad.class);

	/** Chunks written at the same time, each on a connection of its own. */
	static final int WRITERS = 2;

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	CustomerBulkLoad(DataSource dataSource, JdbcClient jdbc, AuditTrail audit, TransactionTemplate transactions,
			Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.audit = audit;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * How to load.
	 *
	 * @param source name of the system the rows come from (e.g. {@code demo}); the
	 * external keys are unique within it
	 * @param chunkSize rows per COPY and transaction
	 * @param actor who runs the load (recorded in the audit trail and consent history)
	 */
	public record Options(String source, int chunkSize, Actor actor) {

		public Options {
			if (source == null || source.isBlank()) {
				throw new IllegalArgumentException("a bulk load needs a source name");
			}
			source = source.strip().toLowerCase(Locale.ROOT);
			chunkSize = chunkSize <= 0 ? DEFAULT_CHUNK : chunkSize;
			actor = actor == null ? Actor.SYSTEM : actor;
		}

		public static Options of(String source) {
			return new Options(source, DEFAULT_CHUNK, Actor.SYSTEM);
		}

	}

	/** Whether there are no customers at all (a fresh installation). */
	public boolean noCustomersYet() {
		return this.jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM customer)").query(Boolean.class).single();
	}

	/**
	 * The customers holding these external keys of the source, by key; keys nobody holds
	 * are left out. Lets a loader of further data (e.g. generated interactions) find the
	 * customers it loaded before.
	 */
	public Map<String, UUID> customerIds(String source, Collection<String> externalKeys) {
		if (externalKeys.isEmpty()) {
			return Map.of();
		}
		Map<String, UUID> ids = new HashMap<>();
		this.jdbc
			.sql("SELECT value, customer_id FROM customer_identity WHERE type = 'EXTERNAL' AND source = ? "
					+ "AND value = ANY(?)")
			.params(source.strip().toLowerCase(Locale.ROOT), externalKeys.toArray(String[]::new))
			.query((rs) -> {
				ids.put(rs.getString(1), rs.getObject(2, UUID.class));
			});
		return ids;
	}

	public BulkLoadReport load(Iterator<BulkCustomer> rows, Options options,
			Consumer<BulkLoadReport.Progress> progress) {
		long started = System.nanoTime();
		String importId = Ids.next(this.clock).toString();
		Tally tally = new Tally();
		// Written straight into the tables until a chunk meets a stored identity.
		AtomicBoolean direct = new AtomicBoolean(true);
		BulkChunkWriter writer = new BulkChunkWriter(options.source(), options.actor().name(), this.clock.instant());
		try (BulkChunkFeed feed = new BulkChunkFeed(rows, options.chunkSize(), options.source(), writer, this.clock);
				BulkLanes lanes = new BulkLanes(this.dataSource, WRITERS, options.source())) {
			long waited = System.nanoTime();
			for (BulkChunkFeed.Chunk chunk = feed.next(); chunk != null; chunk = feed.next()) {
				long now = System.nanoTime();
				tally.waitedForFeed += now - waited;
				tally.chunks++;
				synchronized (tally) {
					tally.read += chunk.read();
					chunk.refused().forEach((r) -> tally.reject(r.row(), r.externalKey(), r.reason()));
				}
				lanes.submit(chunk, (lane, c) -> {
					loadChunk(lane, writer, c, tally, direct);
					if (progress != null) {
						synchronized (tally) {
							progress.accept(new BulkLoadReport.Progress(tally.read, tally.loaded, tally.skipped,
									tally.rejected));
						}
					}
				});
				waited = System.nanoTime();
				tally.waitedForLanes += waited - now;
			}
			lanes.finish();
			if (log.isDebugEnabled()) {
				log.debug(String.format(Locale.ROOT,
						"Bulk load of %d chunks: %d written again through the identity check, %d held back for "
								+ "a chunk in flight; waited %.1f s for the feed, %.1f s for a lane",
						tally.chunks, tally.checkedAgain, lanes.heldBack(), tally.waitedForFeed / 1e9,
						tally.waitedForLanes / 1e9));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Bulk load failed after " + tally.loaded + " customers: " + ex.getMessage(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Bulk load interrupted after " + tally.loaded + " customers", ex);
		}
		List<BulkLoadReport.Rejection> rejections = new ArrayList<>(tally.rejections);
		rejections.sort(java.util.Comparator.comparingLong(BulkLoadReport.Rejection::row));
		BulkLoadReport report = new BulkLoadReport(importId, tally.read, tally.loaded, tally.skipped, tally.rejected,
				List.copyOf(rejections), Duration.ofNanos(System.nanoTime() - started));
		recordAudit(report, options);
		return report;
	}

	private void loadChunk(BulkLanes.Lane lane, BulkChunkWriter writer, BulkChunkFeed.Chunk chunk, Tally tally,
			AtomicBoolean direct) throws SQLException {
		List<BulkRow> checked = chunk.checked();
		if (direct.get()) {
			// Optimistic: no identity is asked about beforehand; the unique index
			// answers.
			try {
				writer.write(chunk.encoded(), lane.copy, lane.statement, lane.skipKeyChecks);
				lane.connection.commit();
				synchronized (tally) {
					tally.loaded += checked.size();
				}
				return;
			}
			catch (SQLException ex) {
				if (!takenOrContended(ex)) {
					throw ex;
				}
				// Nothing of the chunk stays; it is written again, checked row by row.
				lane.restart();
				synchronized (tally) {
					tally.checkedAgain++;
				}
				direct.set(false);
			}
		}
		Map<Long, String> taken = BulkIdentityCheck.taken(lane.copy, lane.connection, checked, writer.source());
		List<BulkRow> accepted = new ArrayList<>(checked.size());
		Map<String, Long> seen = new HashMap<>();
		long skipped = 0;
		List<BulkLoadReport.Rejection> rejected = new ArrayList<>();
		for (BulkRow row : checked) {
			String conflict = taken.get(row.row());
			if (conflict != null) {
				if (conflict.isEmpty()) {
					skipped++;
				}
				else {
					rejected.add(new BulkLoadReport.Rejection(row.row(), row.input().externalKey(), conflict));
				}
				continue;
			}
			String repeated = BulkIdentityCheck.repeatedInLoad(row, seen);
			if (repeated != null) {
				rejected.add(new BulkLoadReport.Rejection(row.row(), row.input().externalKey(), repeated));
				continue;
			}
			row.identities().forEach((n) -> seen.put(n.key(), row.row()));
			accepted.add(row);
		}
		// Rendered again: the text rendered ahead was sent (in part) by the direct
		// attempt, or holds rows the database refused.
		BulkChunkWriter.Encoded encoded = writer.encode(accepted, this.clock.millis());
		writer.write(encoded, lane.copy, lane.statement, lane.skipKeyChecks);
		lane.connection.commit();
		// A chunk with no stored or repeated identity: the next one is written directly.
		direct.set(accepted.size() == checked.size());
		synchronized (tally) {
			tally.loaded += accepted.size();
			tally.skipped += skipped;
			rejected.forEach((r) -> tally.reject(r.row(), r.externalKey(), r.reason()));
		}
	}

	/**
	 * A unique violation (an identity stored or repeated) or a deadlock with a concurrent
	 * writer of identities: the chunk is written again through the check.
	 */
	static boolean takenOrContended(SQLException ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof SQLException sql
					&& ("23505".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
				return true;
			}
		}
		return false;
	}

	private void recordAudit(BulkLoadReport report, Options options) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("source", options.source());
		summary.put("read", report.read());
		summary.put("loaded", report.loaded());
		summary.put("skipped", report.skipped());
		summary.put("rejected", report.rejected());
		summary.put("seconds", report.duration().toMillis() / 1000.0);
		Text text = Text.of("customer.audit.bulk-loaded", "Bulk load from {0}: {1} loaded, {2} skipped, {3} rejected",
				options.source(), String.valueOf(report.loaded()), String.valueOf(report.skipped()),
				String.valueOf(report.rejected()));
		this.transactions.executeWithoutResult((status) -> this.audit.record(options.actor(),
				AuditTrail.Change.of("import", "customer-import", report.importId(), text, null, summary)));
	}

	private static final class Tally {

		long read;

		long loaded;

		long skipped;

		long rejected;

		long chunks;

		long checkedAgain;

		long waitedForFeed;

		long waitedForLanes;

		final List<BulkLoadReport.Rejection> rejections = new ArrayList<>();

		void reject(long row, String externalKey, String reason) {
			this.rejected++;
			if (this.rejections.size() < BulkLoadReport.MAX_LISTED) {
				this.rejections.add(new BulkLoadReport.Rejection(row, externalKey, reason));
			}
		}

	}

}
