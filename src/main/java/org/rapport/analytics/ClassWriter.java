package org.rapport.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.rapport.analytics.learn.ClassModel;
import org.rapport.analytics.learn.ClassProfiler;
import org.rapport.analytics.learn.ClusteringOptions;
import org.rapport.analytics.learn.Feature;
import org.rapport.analytics.learn.KSelection;
import org.rapport.analytics.learn.OneToClass;
import org.rapport.analytics.learn.Standardiser;
import org.rapport.analytics.model.BgNbd;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-to-class: classes are learned on a seeded sample of the run's buyers
 * ({@link OneToClass}; the sample is drawn by {@link BuyerPass}, which also assigns every
 * buyer in its streaming pass while the profiles accumulate over all of them), stored
 * with the run, and applied to the customers an incremental update rescores.
 */
@Component
class ClassWriter {

	static final List<Feature> FEATURES = List.of(Feature.of("recency").words("lapsed", "recent"),
			Feature.skewed("frequency").words("frequent", "occasional"),
			Feature.skewed("average basket").words("big baskets", "small baskets"),
			Feature.of("tenure").words("long-standing", "new"),
			Feature.skewed("purchase rate").words("fast rhythm", "slow rhythm"),
			Feature.of("buy again").words("likely to buy again", "unlikely to buy again"));

	/**
	 * The last feature of classes learned before ADR 0094: the probability alive, which
	 * the purchase model fixes at 1 for one-time buyers. Customers rescored against such
	 * a run's classes are assigned by it, as stored.
	 */
	static final Feature P_ALIVE = Feature.of("p alive").words("likely active", "likely gone");

	private static final int MIN_BUYERS = 10;

	/**
	 * The buyers the mean silhouette of each k is computed on, exactly (n² distances):
	 * the mean of 2,000 silhouette values of at most ±1 has a standard error below 0.01
	 * (typically 0.005), and every k is scored on the same buyers, so the comparison of
	 * the k is sharper still; the exact silhouette of 50,000 buyers would cost 600 times
	 * as much for a choice that differs only between k whose silhouettes are within
	 * noise.
	 */
	static final int SILHOUETTE_SAMPLE = 2_000;

	private final JdbcClient jdbc;

	private final AnalyticsSettings settings;

	private final ClassStore store;

	private final RunStore runs;

	ClassWriter(JdbcClient jdbc, AnalyticsSettings settings, ClassStore store, RunStore runs) {
		this.runs = runs;
		this.jdbc = jdbc;
		this.settings = settings;
		this.store = store;
	}

	/**
	 * Learns the run's classes from a sample of buyers' class features
	 * ({@link Buyers#classFeatures}); the k-means fit runs on at most
	 * {@code class-sample} of them and the silhouette that chooses k on at most
	 * {@link #SILHOUETTE_SAMPLE}. Answers null, with the reason stored, when there are
	 * too few buyers or no classes can be learned.
	 */
	ClassModel fit(UUID run, double[][] sample, List<Feature> features) {
		if (sample.length < MIN_BUYERS) {
			this.store.unavailable(run, "too few buyers to learn classes: " + sample.length + " < " + MIN_BUYERS);
			return null;
		}
		try {
			return OneToClass.fit(sample, features,
					ClusteringOptions.defaults()
						.withSeed(this.settings.seed())
						.withK(2, this.settings.classMaxK())
						.withFitSampleSize(this.settings.classSample())
						.withSilhouette(SILHOUETTE_SAMPLE, SILHOUETTE_SAMPLE));
		}
		catch (IllegalArgumentException ex) {
			this.store.unavailable(run, "classes could not be learned: " + ex.getMessage());
			return null;
		}
	}

	/** Stores the learned classes with the profiles of every classified buyer. */
	void save(UUID run, ClassModel model, ClassProfiler profiler, long fittedOn) {
		this.store.save(run, model, profiler.profiles(), Math.min(fittedOn, this.settings.classSample()));
	}

	/** Assigns the given customers with the run's stored classes (no refit). */
	void assign(UUID run, UUID[] ids) {
		CustomerClasses classes = this.store.find(run).orElse(null);
		if (classes == null) {
			return;
		}
		List<Feature> features = new ArrayList<>(FEATURES.subList(0, classes.features().size()));
		Sixth sixth = null;
		if (features.size() == FEATURES.size()) {
			if (classes.features().contains(P_ALIVE.name())) {
				features.set(features.size() - 1, P_ALIVE);
				sixth = Sixth.P_ALIVE;
			}
			else {
				ValueModel value = this.runs.valueModel(run);
				sixth = (value == null) ? Sixth.NONE : Sixth.of(value);
			}
		}
		CustomerClasses.Assignment a = classes.model();
		ClassModel model = new ClassModel(features, new Standardiser(features, a.means(), a.deviations()),
				a.centroids(), new KSelection(classes.chosenK(), classes.elbowK(), List.of(), 0, false), List.of(),
				0.5);
		batches(run, ids, features.size(), sixth, (batch, rows) -> write(run, batch, model.assignAll(rows)));
	}

	/**
	 * How the sixth feature is read for customers rescored against stored classes: the
	 * chance to buy again under the run's value model, or the stored probability alive
	 * for classes learned on it.
	 */
	private record Sixth(BgNbd purchases, double horizonDays, boolean storedPAlive) {

		static final Sixth P_ALIVE = new Sixth(null, 0, true);

		static final Sixth NONE = new Sixth(null, 0, false);

		/** The chance to buy again under the run's model, read once for the batches. */
		static Sixth of(ValueModel model) {
			try {
				return new Sixth(ModelValuePredictor.purchaseModel(model), model.horizonDays(), false);
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				return NONE;
			}
		}

		double of(double pAlive, double x, double tx, double t) {
			if (this.storedPAlive) {
				return pAlive;
			}
			if (this.purchases == null) {
				return 0;
			}
			double chance = this.purchases.probabilityOfPurchaseWithin(this.horizonDays, (int) Math.round(x), tx, t);
			return Double.isFinite(chance) ? chance : 0;
		}

	}

	private void batches(UUID run, UUID[] only, int width, Sixth sixth, BiConsumer<List<UUID>, double[][]> sink) {
		UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
		boolean first = true;
		while (true) {
			List<UUID> ids = new ArrayList<>();
			List<double[]> rows = new ArrayList<>();
			this.jdbc
				.sql("""
						SELECT customer_id, recency_days, purchases, average_basket, tenure_days, purchase_rate,
						  coalesce(p_alive, 0), purchase_days - 1,
						  CASE WHEN purchase_days > 1 THEN least(extract(epoch FROM last_purchase_at - first_purchase_at) / 86400,
						    tenure_days) ELSE 0 END
						FROM analytics_customer_score WHERE run_id = :run AND purchases > 0
						  AND (:first OR customer_id > :after) AND (CAST(:all AS boolean) OR customer_id = ANY(:ids))
						ORDER BY customer_id LIMIT :size
						""")
				.param("run", run)
				.param("first", first)
				.param("after", after)
				.param("all", only == null)
				.param("ids", only == null ? new UUID[0] : only)
				.param("size", this.settings.batchSize())
				.query((rs) -> {
					ids.add(rs.getObject(1, UUID.class));
					double[] row = new double[width];
					for (int f = 0; f < Math.min(width, 5); f++) {
						row[f] = rs.getDouble(2 + f);
					}
					if (width > 5) {
						// the sixth: stored p alive, or the chance to buy again from
						// frequency, recency and age as the run's predictions read them
						double chance = sixth.of(rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(5));
						row[5] = Math.round(chance * 1e6) / 1e6;
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

	private void write(UUID run, List<UUID> ids, int[] classes) {
		this.jdbc.sql("""
				UPDATE analytics_customer_score s SET class_index = c.k
				FROM unnest(:ids::uuid[], :classes::int[]) AS c(id, k) WHERE s.run_id = :run AND s.customer_id = c.id
				""")
			.param("ids", ids.toArray(UUID[]::new))
			.param("classes", Arrays.stream(classes).boxed().toArray(Integer[]::new))
			.param("run", run)
			.update();
	}

}
