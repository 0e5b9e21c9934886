package org.rapport;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The plan PostgreSQL makes for a statement, with sequential scans and sorts priced out
 * ({@code enable_seqscan} and {@code enable_sort} off, for one transaction): the planner
 * still uses either when nothing else can answer the statement, so a plan that shows
 * neither proves that an index can. The test tables are small, so left to itself the
 * planner would read them whole whatever indexes there are. The statement is explained,
 * not run.
 */
public final class Plans {

	private Plans() {
	}

	public static String of(JdbcClient jdbc, TransactionTemplate transactions, String sql, List<Object> params) {
		return transactions.execute((status) -> {
			jdbc.sql("SET LOCAL enable_seqscan = off").update();
			jdbc.sql("SET LOCAL enable_sort = off").update();
			return String.join("\n", jdbc.sql("EXPLAIN " + sql).params(params).query(String.class).list());
		});
	}

}
