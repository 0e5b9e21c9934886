package org.rapport;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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
		return explain(jdbc, transactions, () -> jdbc.sql("EXPLAIN " + sql).params(params));
	}

	/** The same for a statement with named parameters. */
	public static String of(JdbcClient jdbc, TransactionTemplate transactions, String sql, Map<String, ?> params) {
		return explain(jdbc, transactions, () -> jdbc.sql("EXPLAIN " + sql).params(params));
	}

	private static String explain(JdbcClient jdbc, TransactionTemplate transactions,
			Supplier<JdbcClient.StatementSpec> statement) {
		return transactions.execute((status) -> {
			jdbc.sql("SET LOCAL enable_seqscan = off").update();
			jdbc.sql("SET LOCAL enable_sort = off").update();
			return String.join("\n", statement.get().query(String.class).list());
		});
	}

}
