package org.rapport.demo;

import java.time.Duration;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a run of single purchases cost the database in transactions: the transactions
 * committed and rolled back in the application's database (from {@code pg_stat_database})
 * and the interactions stored, read before the run and again after it, once the run's
 * events have been delivered (no publication left) and the statistics of every backend
 * have reached the shared counters. Everything the run caused is counted: the recordings,
 * the listeners' work and the registry's own transactions. Warm-up calls included: the
 * counts are divided by the interactions stored over the same span.
 */
final class CommitCount {

	/** The counters at one moment. */
	record Snapshot(long commits, long rollbacks, long interactions) {

	}

	/** The difference of two snapshots. */
	record Cost(long commits, long rollbacks, long interactions, boolean drained) {

		double commitsPerInteraction() {
			return (this.interactions == 0) ? 0 : (double) this.commits / this.interactions;
		}

		String describe() {
			return String.format(Locale.ROOT,
					"Transactions committed in the application's database per purchase stored (warm-up included, "
							+ "every listener's delivery and the registry's marks included, from `pg_stat_database`): "
							+ "**%.2f** (%,d commits, %,d rollbacks, %,d purchases%s).",
					commitsPerInteraction(), this.commits, this.rollbacks, this.interactions,
					this.drained ? "" : "; some deliveries were still pending");
		}

	}

	private CommitCount() {
	}

	static Snapshot take(JdbcClient jdbc) {
		// a new snapshot of the statistics for this backend's next read
		jdbc.sql("SELECT pg_stat_clear_snapshot()").query(Object.class).optional();
		long[] xact = jdbc
			.sql("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()")
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
		long interactions = jdbc.sql("SELECT count(*) FROM interaction").query(Long.class).single();
		return new Snapshot(xact[0], xact[1], interactions);
	}

	/**
	 * The cost since {@code before}: waits up to {@code patience} for the run's event
	 * publications to be delivered, then for every backend's statistics to be flushed.
	 */
	static Cost since(JdbcClient jdbc, Snapshot before, Duration patience) throws InterruptedException {
		long until = System.nanoTime() + patience.toNanos();
		boolean drained = false;
		while (System.nanoTime() < until) {
			if (jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single() == 0) {
				drained = true;
				break;
			}
			Thread.sleep(200);
		}
		// an idle backend flushes its counters within 10 s (PGSTAT_IDLE_INTERVAL); the
		// few
		// counting statements of this class are counted too (a dozen against thousands)
		Thread.sleep(11_000);
		Snapshot after = take(jdbc);
		return new Cost(after.commits() - before.commits(), after.rollbacks() - before.rollbacks(),
				after.interactions() - before.interactions(), drained);
	}

}
