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
			  AND (:first OR customer_id > :after) AND (CAST(:all AS boolean) OR customer_id = ANY(:ids))
			ORDER BY customer_id LIMIT :size
			""";

	private BuyerRows() {
	}

	/** Hands every buyer of the run (or of {@code only}) to the sink, batch by batch. */
	static void each(JdbcClient jdbc, UUID run, UUID[] only, int size, BiConsumer<List<UUID>, double[][]> sink) {
		UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
		boolean first = true;
		while (true) {
			List<UUID> ids = new ArrayList<>(size);
			List<double[]> rows = new ArrayList<>(size);
			jdbc.sql(SELECT)
				.param("run", run)
				.param("first", first)
				.param("after", after)
				.param("all", only == null)
				.param("ids", only == null ? new UUID[0] : only)
				.param("size", size)
				.query((rs) -> {
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
			first = false;
			after = ids.get(ids.size() - 1);
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
