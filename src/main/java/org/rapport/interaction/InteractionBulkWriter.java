package org.rapport.interaction;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import org.springframework.stereotype.Service;

/**
 * Front door for writing many interactions at once (generated histories, imports of
 * history). Interactions are streamed in chunks: only one chunk is in memory. Each chunk
 * is copied with PostgreSQL {@code COPY} into staging tables, moved into
 * {@code interaction} and {@code interaction_line}, added to {@code customer_figures}
 * with one set-based upsert, and committed on its own.
 * <p>
 * <b>Re-runs.</b> An interaction whose source system and idempotency key (or id) are
 * there already is skipped with its lines, so writing the same interactions again, or
 * resuming a write that stopped half way, adds nothing twice and counts nothing twice in
 * the figures. Ids come from {@link BulkInteraction#idFor}, the same in every run.
 * <p>
 * <b>Trust.</b> This is the fast path for checked data: customer ids must exist, SKUs
 * must be in the catalogue (the database refuses the chunk otherwise), returns must fit
 * their purchases, and no {@link InteractionRecorded} event is published per interaction.
 */
@Service
public class InteractionBulkWriter {

	public static final int DEFAULT_CHUNK = 20_000;

	private final DataSource dataSource;

	private final Clock clock;

	private final String currency;

	InteractionBulkWriter(DataSource dataSource, Clock clock, IngestionSettings settings) {
		this.dataSource = dataSource;
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
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				try (Statement statement = connection.createStatement()) {
					statement.execute(BulkStage.CREATE);
				}
				connection.commit();
				CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
				BulkStage stage = new BulkStage(this.clock.instant());
				while (interactions.hasNext()) {
					stage.add(interactions.next());
					if (stage.size() == size || !interactions.hasNext()) {
						long[] written = stage.write(connection, copy, this.currency);
						connection.commit();
						totals[0] += stage.size();
						totals[1] += written[0];
						totals[2] += written[1];
						stage = new BulkStage(this.clock.instant());
						if (progress != null) {
							progress.accept(report(totals, started));
						}
					}
				}
			}
			catch (SQLException | RuntimeException ex) {
				connection.rollback();
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(
					"Bulk write failed after " + totals[1] + " interactions: " + ex.getMessage(), ex);
		}
		return report(totals, started);
	}

	private static BulkWriteReport report(long[] totals, long started) {
		return new BulkWriteReport(totals[0], totals[1], totals[0] - totals[1], totals[2],
				Duration.ofNanos(System.nanoTime() - started));
	}

}
