package org.rapport.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * What one durable commit costs on this machine when nothing else commits: one connection
 * inserts a row into a scratch table and commits, a few hundred times one after the
 * other, and every round trip with its commit is timed. With {@code fsync} and
 * {@code synchronous_commit} on, each commit waits for its write-ahead log to be flushed,
 * so the median is the flush latency of the disk plus one round trip. A path that commits
 * one transaction at a time cannot commit more often than once per this time (ADR 0039).
 */
final class CommitProbe {

	/** Commit times in microseconds. */
	record Result(int commits, long p50, long p90, long max) {

		String describe() {
			return String.format(Locale.ROOT,
					"a lone durable commit (one connection, insert one row and commit, %d times one after the other, "
							+ "nothing else committing): p50 %.2f ms, p90 %.2f ms, max %.1f ms — at most %,.0f commits/s "
							+ "for a writer that waits for each",
					this.commits, this.p50 / 1000.0, this.p90 / 1000.0, this.max / 1000.0,
					(this.p50 == 0) ? 0 : 1e6 / this.p50);
		}

	}

	private CommitProbe() {
	}

	static Result run(DataSource dataSource, int commits) throws SQLException {
		long[] micros = new long[commits];
		try (Connection connection = dataSource.getConnection()) {
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("CREATE TABLE IF NOT EXISTS bench_commit_probe (n INT NOT NULL)");
			}
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_commit_probe VALUES (?)")) {
				for (int i = 0; i < commits; i++) {
					long start = System.nanoTime();
					insert.setInt(1, i);
					insert.executeUpdate();
					connection.commit();
					micros[i] = (System.nanoTime() - start) / 1000;
				}
			}
			finally {
				connection.setAutoCommit(true);
				try (Statement ddl = connection.createStatement()) {
					ddl.execute("DROP TABLE IF EXISTS bench_commit_probe");
				}
			}
		}
		Arrays.sort(micros);
		return new Result(commits, micros[commits / 2], micros[(int) Math.min(commits - 1, commits * 0.9)],
				micros[commits - 1]);
	}

}
