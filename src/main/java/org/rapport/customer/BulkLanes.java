package org.rapport.customer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes the chunks of a bulk load on several connections at once, each chunk in one
 * transaction of its own, so PostgreSQL works on two chunks on two cores.
 * <p>
 * The outcome is that of writing the chunks one after the other: a chunk is held back
 * until every chunk before it has committed when it shares an identity with a chunk still
 * being written (the identity check reads committed rows only, so it would not see it) or
 * names a company as contact whose row is still being written. Chunks that share a
 * household insert it with {@code ON CONFLICT DO NOTHING} in id order, so the second
 * waits for the first and they cannot deadlock. A failed chunk is rolled back, no further
 * chunk starts, and the failure is thrown once the chunks in flight have ended; the
 * chunks committed before stay, as in a sequential load, and a re-run skips them.
 */
final class BulkLanes implements AutoCloseable {

	/** Loads one chunk in the lane's open transaction; the lane commits. */
	interface ChunkLoader {

		void load(Lane lane, BulkChunkFeed.Chunk chunk) throws SQLException;

	}

	/** One connection with its COPY API, staging tables and transaction. */
	static final class Lane {

		final Connection connection;

		final Statement statement;

		final CopyManager copy;

		final boolean skipKeyChecks;

		private final boolean autoCommit;

		Lane(DataSource dataSource) throws SQLException {
			this.connection = dataSource.getConnection();
			this.autoCommit = this.connection.getAutoCommit();
			this.connection.setAutoCommit(false);
			this.statement = this.connection.createStatement();
			this.statement.execute(BulkChunkWriter.STAGING);
			this.connection.commit();
			this.skipKeyChecks = mayLeaveKeyChecksToTheWriter(this.connection, this.statement);
			this.copy = this.connection.unwrap(PGConnection.class).getCopyAPI();
		}

		/**
		 * Rolls the chunk's transaction back and begins it again as a chunk's transaction
		 * begins.
		 */
		void restart() throws SQLException {
			this.connection.rollback();
			begin();
		}

		void begin() throws SQLException {
			if (this.skipKeyChecks) {
				this.statement.execute(SKIP_KEY_CHECKS);
			}
		}

		void close() {
			try {
				this.connection.rollback();
				this.statement.close();
				this.connection.setAutoCommit(this.autoCommit);
			}
			catch (SQLException ex) {
				// closing below hands the connection back in any case
			}
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				// nothing more to do
			}
		}

	}

	/** Transaction-local: ends with the chunk's commit or rollback. */
	static final String SKIP_KEY_CHECKS = "SET LOCAL session_replication_role = replica";

	private final List<Lane> lanes = new ArrayList<>();

	private final BlockingQueue<Lane> free = new LinkedBlockingQueue<>();

	private Semaphore idle;

	private final Map<Long, Set<String>> inFlight = new ConcurrentHashMap<>();

	private final AtomicReference<Throwable> failure = new AtomicReference<>();

	private final String source;

	private long chunks;

	private long heldBack;

	BulkLanes(DataSource dataSource, int count, String source) throws SQLException {
		this.source = source;
		try {
			for (int i = 0; i < count; i++) {
				Lane lane = new Lane(dataSource);
				this.lanes.add(lane);
				this.free.add(lane);
			}
		}
		catch (SQLException | RuntimeException ex) {
			close();
			throw ex;
		}
		this.idle = new Semaphore(this.lanes.size());
	}

	/**
	 * Starts writing the chunk on a free lane, after the chunks it depends on have ended.
	 * Throws the failure of an earlier chunk instead, if there was one.
	 */
	void submit(BulkChunkFeed.Chunk chunk, ChunkLoader loader) throws SQLException, InterruptedException {
		Set<String> keys = keys(chunk);
		if (dependsOnChunksInFlight(chunk, keys)) {
			this.heldBack++;
			awaitIdle();
		}
		this.idle.acquire();
		throwFailure();
		Lane lane = this.free.take();
		long number = this.chunks++;
		this.inFlight.put(number, keys);
		Thread thread = new Thread(() -> {
			try {
				lane.begin();
				loader.load(lane, chunk);
			}
			catch (Throwable ex) {
				this.failure.compareAndSet(null, ex);
				try {
					lane.connection.rollback();
				}
				catch (SQLException ignored) {
					// the failure above is what the caller learns
				}
			}
			finally {
				this.inFlight.remove(number);
				this.free.add(lane);
				this.idle.release();
			}
		}, "bulk-load-lane");
		thread.setDaemon(true);
		thread.start();
	}

	/** Chunks that waited for the chunks in flight before they started. */
	long heldBack() {
		return this.heldBack;
	}

	/** Waits for the chunks in flight, then throws the first failure, if any. */
	void finish() throws SQLException, InterruptedException {
		awaitIdle();
		throwFailure();
	}

	private void awaitIdle() throws InterruptedException {
		this.idle.acquire(this.lanes.size());
		this.idle.release(this.lanes.size());
	}

	private void throwFailure() throws SQLException {
		Throwable ex = this.failure.get();
		if (ex == null) {
			return;
		}
		if (ex instanceof SQLException sql) {
			throw sql;
		}
		if (ex instanceof RuntimeException runtime) {
			throw runtime;
		}
		if (ex instanceof Error error) {
			throw error;
		}
		throw new IllegalStateException(ex);
	}

	private static Set<String> keys(BulkChunkFeed.Chunk chunk) {
		Set<String> keys = new HashSet<>();
		for (BulkRow row : chunk.checked()) {
			row.identities().forEach((n) -> keys.add(n.key()));
		}
		return keys;
	}

	private boolean dependsOnChunksInFlight(BulkChunkFeed.Chunk chunk, Set<String> keys) {
		if (this.inFlight.isEmpty()) {
			return false;
		}
		for (Set<String> other : this.inFlight.values()) {
			for (String key : keys) {
				if (other.contains(key)) {
					return true;
				}
			}
		}
		for (BulkRow row : chunk.checked()) {
			String company = row.input().contactOfKey();
			if (company != null && !company.isBlank()) {
				String key = new BulkRow.Normalised(Identity.external(this.source, company), company, false).key();
				if (!keys.contains(key) && this.inFlight.values().stream().anyMatch((s) -> s.contains(key))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether this connection may set {@code session_replication_role} (a superuser, as
	 * on the embedded database, or a role granted the parameter): then each chunk's
	 * transaction skips the per-row foreign-key triggers, whose guarantee the writer
	 * gives by construction (see {@link BulkChunkWriter} and docs/adr/0023). Without the
	 * right the keys are checked row by row as before.
	 */
	private static boolean mayLeaveKeyChecksToTheWriter(Connection connection, Statement statement) {
		try {
			statement.execute(SKIP_KEY_CHECKS);
			connection.rollback();
			return true;
		}
		catch (SQLException ex) {
			try {
				connection.rollback();
			}
			catch (SQLException ignored) {
				// the next statement reports a broken connection
			}
			return false;
		}
	}

	/**
	 * Waits for the chunks in flight (whatever the way out), then hands the connections
	 * back.
	 */
	@Override
	public void close() {
		if (this.idle != null) {
			this.idle.acquireUninterruptibly(this.lanes.size());
			this.idle.release(this.lanes.size());
		}
		this.lanes.forEach(Lane::close);
	}

}
