package org.rapport.analytics;

import java.util.List;
import java.util.UUID;

/**
 * The partition of {@code analytics_customer_score} that holds one run's rows
 * (docs/adr/0032): the table is partitioned by run, a run writes its rows into a fresh
 * table without indexes, builds them once in bulk and attaches the table as its
 * partition; a superseded or failed run goes with its partition.
 */
record ScorePartition(UUID run) {

	/** The partition's table name: the prefix and the run's id without dashes. */
	String table() {
		return "analytics_customer_score_" + this.run.toString().replace("-", "");
	}

	/**
	 * A fresh table with the columns of the scores and a check that every row is the
	 * run's (so attaching it needs no scan to prove it); autovacuum leaves it alone until
	 * it is attached ({@link #attach}), so that no vacuum of the half-written table holds
	 * up the index builds (docs/adr/0047).
	 */
	String create() {
		return "CREATE TABLE " + table() + " (LIKE analytics_customer_score INCLUDING DEFAULTS, CONSTRAINT " + table()
				+ "_run CHECK (run_id = '" + this.run + "')) WITH (autovacuum_enabled = false)";
	}

	/**
	 * The columns the readers of the scores filter, group, order or join on
	 * (ScoreQueries, ChartQueries, StageMoveSql): analysed when the run writes its rows.
	 */
	static final List<String> READ_COLUMNS = List.of("customer_id", "purchases", "revenue", "first_purchase_at",
			"r_score", "f_score", "m_score", "rfm_segment", "lifecycle_stage", "loyalty_class", "risk_category",
			"value_tier", "class_index", "predicted_clv");

	/**
	 * The risk × value priority order's first two keys ({@code ScoreQueries.priority},
	 * ADR 0069), the first one an expression, as the partitioned table's index has them:
	 * ties on both (rare: two customers of one risk category with the same predicted CLV)
	 * are put in order by revenue and customer as they are read (an incremental sort),
	 * which keeps the index a third cheaper to build than one with all four keys.
	 */
	static final String PRIORITY_KEY = ScoreQueries.priorityKeys("");

	/**
	 * The indexes of the partitioned table (the primary key leading with the customer,
	 * the revenue order, docs/adr/0040, and the priority order, ADR 0069), built once
	 * over the written rows (attaching adopts them), and the statistics of the columns
	 * readers select by ({@link #READ_COLUMNS}; an {@code ANALYZE} of every column,
	 * arrays and text included, costs three times as much, and autovacuum's analyse of
	 * the new table completes them after the run, as a column list does not reset its
	 * count of changed rows).
	 */
	List<String> index() {
		return List.of("ALTER TABLE " + table() + " ADD PRIMARY KEY (customer_id, run_id)",
				"CREATE INDEX ON " + table() + " (revenue DESC, customer_id)",
				"CREATE INDEX " + priorityIndex() + " ON " + table() + " (" + PRIORITY_KEY + ")",
				"ANALYZE " + table() + " (" + String.join(", ", READ_COLUMNS) + ")");
	}

	/**
	 * Makes the rows readable through analytics_customer_score (autovacuum looks after
	 * the table from then on).
	 */
	List<String> attach() {
		return List.of("ALTER TABLE " + table() + " RESET (autovacuum_enabled)",
				"ALTER TABLE analytics_customer_score ATTACH PARTITION " + table() + " FOR VALUES IN ('" + this.run
						+ "')");
	}

	/** The name of the partition's index in the priority order. */
	String priorityIndex() {
		return "analytics_score_priority_" + this.run.toString().replace("-", "");
	}

	/** Drops the run's rows with their partition (none: nothing to do). */
	String drop() {
		return "DROP TABLE IF EXISTS " + table();
	}

}
