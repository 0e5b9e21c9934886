package org.rapport.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

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

	/** The counters at one moment; CPU times in nanoseconds. */
	record Snapshot(long commits, long rollbacks, long interactions, long publications, long jvmCpu, long postgresCpu,
			TableWrites.Counts writes) {

		Snapshot withCpu(long jvm, long postgres) {
			return new Snapshot(this.commits, this.rollbacks, this.interactions, this.publications, jvm, postgres,
					this.writes);
		}

	}

	/** The difference of two snapshots. */
	record Cost(long commits, long rollbacks, long interactions, long publications, boolean drained, long jvmCpu,
			long postgresCpu, TableWrites.Counts writes, long outstanding, long drainNanos) {

		/**
		 * How far the listeners were behind when the calls ended: the publications not
		 * yet delivered then, and how long they took to be delivered (ADR 0064). A rate
		 * measured while its events pile up undelivered is not a rate the server can
		 * keep.
		 */
		String describeLag() {
			if (!this.drained) {
				return String.format(Locale.ROOT,
						"%,d event publications outstanding when the calls ended, some still undelivered after the wait",
						this.outstanding);
			}
			return String.format(Locale.ROOT,
					"%,d event publications outstanding when the calls ended, delivered %.1f s later", this.outstanding,
					this.drainNanos / 1e9);
		}

		/** Whether the listeners kept up: everything delivered within {@code limit}. */
		boolean keptUp(Duration limit) {
			return this.drained && this.drainNanos <= limit.toNanos();
		}

		double commitsPerInteraction() {
			return (this.interactions == 0) ? 0 : (double) this.commits / this.interactions;
		}

		String describe() {
			return describe("warm-up included");
		}

		/**
		 * As {@link #describe()}, saying which span was counted ({@code span}, e.g.
		 * "warm-up included").
		 */
		String describe(String span) {
			double per = Math.max(1, this.interactions);
			return String.format(Locale.ROOT,
					"Transactions committed in the application's database per purchase stored (" + span + ", "
							+ "every listener's delivery and the registry's marks included, from `pg_stat_database`): "
							+ "**%.2f** (%,d commits, %,d rollbacks, %,d purchases, %,d event publications written: "
							+ "one per listener and recording transaction%s). CPU per purchase over the same "
							+ "span: JVM (server and benchmark clients) %.2f ms, PostgreSQL (the postmaster and "
							+ "its backends) %.2f ms.",
					commitsPerInteraction(), this.commits, this.rollbacks, this.interactions, this.publications,
					this.drained ? "" : "; some deliveries were still pending", this.jvmCpu / per / 1e6,
					this.postgresCpu / per / 1e6);
		}

		/**
		 * One sentence: the rows, index entries and write-ahead log written per purchase
		 * (ADR 0039).
		 */
		String describeWrites() {
			return this.writes.describe(this.interactions);
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
		long publications = jdbc
			.sql("SELECT coalesce(sum(n_tup_ins), 0) FROM pg_stat_user_tables WHERE relname = 'event_publication'")
			.query(Long.class)
			.single();
		return new Snapshot(xact[0], xact[1], interactions, publications, jvmCpu(), postgresCpu(jdbc),
				TableWrites.take(jdbc));
	}

	/**
	 * The cost since {@code before}: waits up to {@code patience} for the run's event
	 * publications to be delivered, then for every backend's statistics to be flushed.
	 */
	static Cost since(JdbcClient jdbc, Snapshot before, Duration patience) throws InterruptedException {
		// the CPU up to the end of the deliveries, not of the wait for the statistics
		long[] cpu = null;
		long start = System.nanoTime();
		long until = start + patience.toNanos();
		boolean drained = false;
		long outstanding = -1;
		long drainNanos = -1;
		while (System.nanoTime() < until) {
			long left = jdbc.sql("SELECT count(*) FROM event_publication").query(Long.class).single();
			if (outstanding < 0) {
				outstanding = left;
			}
			if (left == 0) {
				drained = true;
				drainNanos = System.nanoTime() - start;
				cpu = new long[] { jvmCpu(), postgresCpu(jdbc) };
				break;
			}
			Thread.sleep(50);
		}
		// an idle backend flushes its counters within 10 s (PGSTAT_IDLE_INTERVAL); the
		// few
		// counting statements of this class are counted too (a dozen against thousands)
		Thread.sleep(11_000);
		Snapshot after = take(jdbc);
		if (cpu != null) {
			after = after.withCpu(cpu[0], cpu[1]);
		}
		return new Cost(after.commits() - before.commits(), after.rollbacks() - before.rollbacks(),
				after.interactions() - before.interactions(), after.publications() - before.publications(), drained,
				after.jvmCpu() - before.jvmCpu(), after.postgresCpu() - before.postgresCpu(),
				after.writes().minus(before.writes()), Math.max(0, outstanding), drainNanos);
	}

	static long jvmCpu() {
		return (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os)
				? os.getProcessCpuTime() : 0;
	}

	/**
	 * The CPU time of the PostgreSQL server's processes (the postmaster, named by the
	 * first line of its {@code postmaster.pid}, and its backends); backends that ended in
	 * between are missed. Zero when the server runs elsewhere.
	 */
	static long postgresCpu(JdbcClient jdbc) {
		try {
			Path dir = Path.of(jdbc.sql("SHOW data_directory").query(String.class).single());
			long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).strip());
			return ProcessHandle.of(pid)
				.map((postmaster) -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
					.mapToLong((p) -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
					.sum())
				.orElse(0L);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
