package org.rapport.interaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Front door for writing many interactions at once (generated histories, imports of
 * history). Interactions are streamed in chunks: only one chunk is in memory. Each chunk
 * is copied with PostgreSQL {@code COPY} into staging tables, moved into
 * {@code interaction} and {@code interaction_line}, added to {@code customer_figures}
 * with one set-based upsert, and committed on its own with one
 * {@link InteractionsImported} per source system naming the chunk's customers (no job
 * id), published in the chunk's transaction through the durable event publication log, as
 * the import does: other modules hear of generated history too.
 * <p>
 * <b>Re-runs.</b> An interaction whose source system and idempotency key (or id) are
 * there already is skipped with its lines, so writing the same interactions again, or
 * resuming a write that stopped half way, adds nothing twice and counts nothing twice in
 * the figures. Ids come from {@link BulkInteraction#idFor}, the same in every run.
 * <p>
 * <b>Trust.</b> This is the fast path for checked data: customer ids must exist, SKUs
 * must be in the catalogue (the database refuses the chunk otherwise), returns must fit
 * their purchases, and no {@link InteractionsRecorded} event is published. A chunk whose
 * interactions were all there already publishes nothing.
 */
@Service
public class InteractionBulkWriter {

	public static final int DEFAULT_CHUNK = 20_000;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String currency;

	InteractionBulkWriter(DataSource dataSource, PlatformTransactionManager transactions,
			ApplicationEventPublisher events, Clock clock, IngestionSettings settings) {
		this.dataSource = dataSource;
		this.transactions = new TransactionTemplate(transactions);
		this.events = events;
		this.clock = clock;
		this.currency = settings.businessCurrency();
	}

	/**
	 * Writes the interactions, reporting progress after every chunk.
	 * @param chunkSize interactions per COPY and transaction (0: the default)
	 * @param progress told the running totals after each chunk; may be null
	 */
	public BulkWriteReport write(Iterator<BulkInteraction> interactions, int chunkSize,
			Consumer<BulkWriteReport> progress) {
		int size = chunkSize <= 0 ? DEFAULT_CHUNK : chunkSize;
		long started = System.nanoTime();
		long[] totals = new long[3];
		try {
			BulkStage stage = new BulkStage(this.clock.instant());
			while (interactions.hasNext()) {
				stage.add(interactions.next());
				if (stage.size() == size || !interactions.hasNext()) {
					BulkStage chunk = stage;
					long[] written = this.transactions.execute((status) -> writeChunk(chunk));
					totals[0] += chunk.size();
					totals[1] += written[0];
					totals[2] += written[1];
					stage = new BulkStage(this.clock.instant());
					if (progress != null) {
						progress.accept(report(totals, started));
					}
				}
			}
		}
		catch (DataAccessException ex) {
			throw new IllegalStateException(
					"Bulk write failed after " + totals[1] + " interactions: " + ex.getMessage(), ex);
		}
		return report(totals, started);
	}

	/**
	 * One chunk in the current transaction: copied, merged, added to the figures and
	 * announced with one {@link InteractionsImported} per source system (through the
	 * event publication log, so it is durable with the chunk).
	 */
	private long[] writeChunk(BulkStage stage) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(BulkStage.CREATE);
			}
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			long[] written = stage.write(connection, copy, this.currency);
			if (written[0] > 0) {
				// all staged interactions were new (the usual first write): no need to
				// ask which
				Map<String, BulkStage.Inserted> announced = (written[0] == stage.size()) ? stage.staged()
						: BulkStage.inserted(connection);
				announced.forEach((source, customers) -> this.events
					.publishEvent(new InteractionsImported(null, source, customers.count(), customers.ids())));
			}
			return written;
		}
		catch (SQLException ex) {
			throw new UncategorizedSQLException("bulk write", null, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
	}

	private static BulkWriteReport report(long[] totals, long started) {
		return new BulkWriteReport(totals[0], totals[1], totals[0] - totals[1], totals[2],
				Duration.ofNanos(System.nanoTime() - started));
	}

}
