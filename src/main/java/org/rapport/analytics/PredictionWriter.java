package org.rapport.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores the predictions of the {@link ValuePredictor} for given buyers: fitted on all
 * buyers of a run at once (five numbers per buyer in memory; a full run uses the bounded
 * {@link BuyerPass} instead) with the fitted model, or the reason predictions are
 * unavailable, stored with the run; or, in an incremental update, the rescored customers
 * predicted from the model stored with the run.
 */
@Component
class PredictionWriter {

	private static final int CHUNK = 10_000;

	private final JdbcClient jdbc;

	private final RunStore runs;

	PredictionWriter(JdbcClient jdbc, RunStore runs) {
		this.jdbc = jdbc;
		this.runs = runs;
	}

	/** Fits and predicts every buyer of the run; answers whether predictions exist. */
	boolean predict(UUID run, ValuePredictor predictor) {
		Inputs in = inputs(run, null);
		ValuePredictor.Predictions predictions = predictor.predict(in.x, in.tx, in.t, in.spend);
		if (!predictions.available()) {
			this.runs.valueModel(run, null, predictions.unavailableReason());
			return false;
		}
		this.runs.valueModel(run, predictions.model(), null);
		write(run, in.ids, predictions);
		return true;
	}

	/**
	 * Predicts the given customers (buyers among them) from the run's stored model; does
	 * nothing when the run has none.
	 */
	void predictStored(UUID run, UUID[] ids, ValuePredictor predictor) {
		ValueModel model = this.runs.valueModel(run);
		if (model == null) {
			return;
		}
		Inputs in = inputs(run, ids);
		if (in.ids.isEmpty()) {
			return;
		}
		ValuePredictor.Predictions predictions = predictor.predictWith(model, in.x, in.tx, in.t, in.spend);
		if (predictions.available()) {
			write(run, in.ids, predictions);
		}
	}

	private record Inputs(List<UUID> ids, double[] x, double[] tx, double[] t, double[] spend) {
	}

	private Inputs inputs(UUID run, UUID[] only) {
		List<UUID> ids = new ArrayList<>();
		List<double[]> rows = new ArrayList<>();
		this.jdbc
			.sql("""
					SELECT customer_id, purchase_days - 1,
					  CASE WHEN purchase_days > 1 THEN least(extract(epoch FROM last_purchase_at - first_purchase_at) / 86400,
					    tenure_days) ELSE 0 END, tenure_days, average_basket
					FROM analytics_customer_score WHERE run_id = :run AND purchases > 0
					  AND (CAST(:all AS boolean) OR customer_id = ANY(:ids)) ORDER BY customer_id
					""")
			.param("run", run)
			.param("all", only == null)
			.param("ids", only == null ? new UUID[0] : only)
			.query((rs) -> {
				ids.add(rs.getObject(1, UUID.class));
				rows.add(new double[] { rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5) });
			});
		int n = ids.size();
		double[][] columns = new double[4][n];
		for (int i = 0; i < n; i++) {
			double[] row = rows.set(i, null);
			for (int c = 0; c < 4; c++) {
				columns[c][i] = row[c];
			}
		}
		return new Inputs(ids, columns[0], columns[1], columns[2], columns[3]);
	}

	private void write(UUID run, List<UUID> ids, ValuePredictor.Predictions predictions) {
		int n = ids.size();
		for (int from = 0; from < n; from += CHUNK) {
			int to = Math.min(n, from + CHUNK);
			this.jdbc.sql("""
					UPDATE analytics_customer_score s SET expected_purchases = round(p.e::numeric, 6),
					  p_alive = round(p.a::numeric, 6), predicted_clv = round(p.c::numeric, 2)
					FROM unnest(:ids::uuid[], :e::float8[], :a::float8[], :c::float8[]) AS p(id, e, a, c)
					WHERE s.run_id = :run AND s.customer_id = p.id
					""")
				.param("ids", ids.subList(from, to).toArray(UUID[]::new))
				.param("e", boxed(predictions.expectedPurchases(), from, to))
				.param("a", boxed(predictions.pAlive(), from, to))
				.param("c", boxed(predictions.clv(), from, to))
				.param("run", run)
				.update();
		}
	}

	private static Double[] boxed(double[] values, int from, int to) {
		Double[] out = new Double[to - from];
		for (int i = from; i < to; i++) {
			out[i - from] = values == null || Double.isNaN(values[i]) ? null : values[i];
		}
		return out;
	}

}
