package org.rapport.interaction;

import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is running an import, as PostgreSQL sees it. The process that runs a job holds a
 * session-level advisory lock on the job's key, on a connection of its own, from before
 * the job is RUNNING until after it ends. When that process dies (killed, crashed, its
 * machine lost), the server ends its session and drops the lock: a RUNNING job whose lock
 * can be taken has no live owner and is marked INTERRUPTED. The lock connection asks the
 * server for TCP keepalives so a vanished machine is noticed in about a minute, not after
 * the system default of hours.
 */
@Component
class ImportLeases {

	private static final Logger log = LoggerFactory.getLogger(ImportLeases.class);

	/** First key of every import lock ("RIMP"), so they cannot meet other locks. */
	static final int NAMESPACE = 0x52494d50;

	private static final String OWNER = owner();

	private final DataSource dataSource;

	private final JdbcClient jdbc;

	private final Clock clock;

	ImportLeases(DataSource dataSource, JdbcClient jdbc, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The lock key of a job. */
	static int key(UUID job) {
		return job.hashCode();
	}

	/** This process, as shown with the jobs it runs: {@code pid@host}. */
	static String owner() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException ex) {
			host = "localhost";
		}
		return ProcessHandle.current().pid() + "@" + host;
	}

	String self() {
		return OWNER;
	}

	/**
	 * Takes the lock of a job on a connection of its own.
	 * @return the held lease, or null when another live process holds it
	 */
	Lease hold(UUID job) {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(true);
			try (Statement settings = connection.createStatement()) {
				settings.execute("SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; "
						+ "SET tcp_keepalives_count = 3");
			}
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
				lock.setInt(1, NAMESPACE);
				lock.setInt(2, key(job));
				try (ResultSet rs = lock.executeQuery()) {
					rs.next();
					if (!rs.getBoolean(1)) {
						connection.close();
						return null;
					}
				}
			}
			return new Lease(connection, job);
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new IllegalStateException("Cannot lock import " + job + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Marks every RUNNING job whose owner is gone as INTERRUPTED (its lock could be
	 * taken, for the length of this statement only).
	 * @return how many jobs were marked
	 */
	int reap() {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		int marked = this.jdbc.sql("""
				WITH running AS MATERIALIZED (SELECT id, lock_key FROM import_job WHERE status = 'RUNNING'),
				gone AS MATERIALIZED (SELECT id FROM running WHERE pg_try_advisory_xact_lock(?, lock_key))
				UPDATE import_job j SET status = 'INTERRUPTED', finished_at = ?, updated_at = ?,
				  error = 'the importing process (' || coalesce(j.owner, '?') || ') stopped before the end; '
				    || 'import the same file again to resume'
				FROM gone WHERE j.id = gone.id AND j.status = 'RUNNING'""").params(NAMESPACE, now, now).update();
		if (marked > 0) {
			log.warn("{} import(s) were left running by a process that stopped; marked INTERRUPTED", marked);
		}
		return marked;
	}

	@EventListener(ApplicationReadyEvent.class)
	void reapAtStartup() {
		reap();
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// the lock goes with the session
			}
		}
	}

	/** A held job lock; closing it releases the lock and its connection. */
	static final class Lease implements AutoCloseable {

		private final Connection connection;

		private final UUID job;

		private Lease(Connection connection, UUID job) {
			this.connection = connection;
			this.job = job;
		}

		UUID job() {
			return this.job;
		}

		@Override
		public void close() {
			try (PreparedStatement unlock = this.connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
				unlock.setInt(1, NAMESPACE);
				unlock.setInt(2, key(this.job));
				unlock.execute();
			}
			catch (SQLException ex) {
				log.debug("Could not release the lock of import {}", this.job, ex);
			}
			finally {
				closeQuietly(this.connection);
			}
		}

	}

}
