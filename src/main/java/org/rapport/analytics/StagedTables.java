package org.rapport.analytics;

import java.util.List;
import java.util.UUID;

/**
 * The staged tables of one run (docs/adr/0047): the base rows and the learned values,
 * unlogged tables named by the run ({@code analytics_base_} and
 * {@code analytics_learned_} and the run's id without dashes) so that a second connection
 * can read them while it writes half of the run's scores. They are created in the run's
 * first transaction (a failure before its commit leaves nothing), dropped in the
 * transaction that attaches the run's partition, by the failure path
 * ({@link RunStore#fail}) and, for a run that crashed, by the next full run
 * ({@link #LEFT_OVER}).
 */
record StagedTables(UUID run) {

	String base() {
		return "analytics_base_" + key();
	}

	String learned() {
		return "analytics_learned_" + key();
	}

	private String key() {
		return this.run.toString().replace("-", "");
	}

	List<String> create() {
		return ScoreSql.stageTables(base(), learned());
	}

	List<String> drop() {
		return List.of("DROP TABLE IF EXISTS " + base(), "DROP TABLE IF EXISTS " + learned());
	}

	/**
	 * The tables a run left behind although it no longer runs: its staged tables, an
	 * unattached table of its scores, and the attached partition of a failed run (a run
	 * that crashed is marked failed when the next full run starts). The tables of a
	 * running run are kept.
	 */
	static final String LEFT_OVER = """
			SELECT c.relname FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
			LEFT JOIN analytics_run r ON replace(r.id::text, '-', '') = substring(c.relname FROM '[0-9a-f]{32}$')
			WHERE ns.nspname = current_schema() AND c.relkind = 'r'
			  AND c.relname ~ '^analytics_(base|learned|customer_score)_[0-9a-f]{32}$'
			  AND (r.id IS NULL AND NOT c.relispartition
			    OR r.status = 'FAILED'
			    OR r.status <> 'RUNNING' AND NOT c.relispartition)
			""";

}
