package org.rapport.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The buyers of a run read back in keyset batches of customer ids, one row of numbers per
 * buyer: the value model's inputs ({@link #X}, {@link #TX}, {@link #T}, {@link #SPEND}:
 * repeat purchase days, days from first to last purchase, days since the first purchase,
 * average basket) and the class features without probability alive (recency, purchases,
 * average basket, tenure, purchase rate). Memory: one batch.
 */
final class BuyerRows {

	static final int X = 0;

	static final int TX = 1;

	static final int T = 2;

	static final int SPEND = 3;

	/** The first class feature; the class features run to the end of the row. */
	static final int FEATURES = 4;

	static final int WIDTH = 9;

	private static final String SELECT = """
			SELECT customer_id, purchase_days - 1,
			  CASE WHEN purchase_days > 1 THEN least(extract(epoch FROM last_purchase_at - first_purchase_at) / 86400,
			    tenure_days) ELSE 0 END, tenure_days, average_basket,
			  recency_days, purchases, average_basket, tenure_days, purchase_rate
			FROM analytics_customer_score WHERE run_id = :run AND purchases > 0
			  AND customer_id >= :from /* only */
			ORDER BY customer_id LIMIT :size
			""";

	private BuyerRows() {
	}

	/**
	 * Hands every buyer of the run (or of {@code only}) to the sink, batch by batch. The
	 * keyset condition is a plain range over the key (no OR with a flag), so every batch
	 * is an index range scan whatever plan the server caches.
	 */
	static void each(JdbcClient jdbc, UUID run, UUID[] only, int size, BiConsumer<List<UUID>, double[][]> sink) {
		String sql = SELECT.replace("/* only */", only == null ? "" : "AND customer_id = ANY(:ids)");
		UUID from = Keyset.FIRST;
		while (true) {
			List<UUID> ids = new ArrayList<>(size);
			List<double[]> rows = new ArrayList<>(size);
			JdbcClient.StatementSpec spec = jdbc.sql(sql).param("run", run).param("from", from).param("size", size);
			if (only != null) {
				spec = spec.param("ids", only);
			}
			spec.query((rs) -> {
				ids.add(rs.getObject(1, UUID.class));
				double[] row = new double[WIDTH];
				for (int c = 0; c < WIDTH; c++) {
					row[c] = rs.getDouble(2 + c);
				}
				rows.add(row);
			});
			if (ids.isEmpty()) {
				return;
			}
			sink.accept(ids, rows.toArray(double[][]::new));
			from = ids.size() < size ? null : Keyset.after(ids.get(ids.size() - 1));
			if (from == null) {
				return;
			}
		}
	}

	/** One column of the rows. */
	static double[] column(double[][] rows, int column) {
		double[] values = new double[rows.length];
		for (int i = 0; i < rows.length; i++) {
			values[i] = rows[i][column];
		}
		return values;
	}

	/**
	 * The class features of the rows, with probability alive (as stored: six decimals,
	 * none counts as 0) appended when {@code pAlive} is given.
	 */
	static double[][] classFeatures(double[][] rows, double[] pAlive) {
		int width = WIDTH - FEATURES + (pAlive == null ? 0 : 1);
		double[][] features = new double[rows.length][width];
		for (int i = 0; i < rows.length; i++) {
			System.arraycopy(rows[i], FEATURES, features[i], 0, WIDTH - FEATURES);
			if (pAlive != null) {
				features[i][width - 1] = Double.isNaN(pAlive[i]) ? 0 : Math.round(pAlive[i] * 1e6) / 1e6;
			}
		}
		return features;
	}

}
