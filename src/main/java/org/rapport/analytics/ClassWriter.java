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
import org.rapport.analytics.learn.ReservoirSample;
import org.rapport.analytics.learn.Standardiser;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-to-class in a run: the buyers' behavioural features are read from the scores in
 * keyset batches into a seeded reservoir sample, classes are learned on the sample
 * ({@link OneToClass}), then every buyer is assigned batch by batch (class stored per
 * customer) while the profiles accumulate over all of them. Memory: the sample and one
 * batch.
 */
@Component
class ClassWriter {

	static final List<Feature> FEATURES = List.of(Feature.of("recency").words("lapsed", "recent"),
			Feature.skewed("frequency").words("frequent", "occasional"),
			Feature.skewed("average basket").words("big baskets", "small baskets"),
			Feature.of("tenure").words("long-standing", "new"),
			Feature.skewed("purchase rate").words("fast rhythm", "slow rhythm"),
			Feature.of("p alive").words("likely active", "likely gone"));

	private static final int MIN_BUYERS = 10;

	private final JdbcClient jdbc;

	private final AnalyticsSettings settings;

	private final ClassStore store;

	ClassWriter(JdbcClient jdbc, AnalyticsSettings settings, ClassStore store) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.store = store;
	}

	/**
	 * Learns the run's classes and stores every buyer's class; answers whether it did.
	 */
	boolean classify(UUID run) {
		List<Feature> features = features(run);
		ReservoirSample sample = new ReservoirSample(this.settings.classSample(), this.settings.seed());
		batches(run, null, features.size(), (ids, rows) -> {
			for (double[] row : rows) {
				sample.offer(row);
			}
		});
		if (sample.seen() < MIN_BUYERS) {
			this.store.unavailable(run, "too few buyers to learn classes: " + sample.seen() + " < " + MIN_BUYERS);
			return false;
		}
		ClassModel model;
		try {
			model = OneToClass.fit(sample.rows(), features,
					ClusteringOptions.defaults()
						.withSeed(this.settings.seed())
						.withK(2, this.settings.classMaxK())
						.withFitSampleSize(this.settings.classSample()));
		}
		catch (IllegalArgumentException ex) {
			this.store.unavailable(run, "classes could not be learned: " + ex.getMessage());
			return false;
		}
		ClassProfiler profiler = model.profiler();
		batches(run, null, features.size(), (ids, rows) -> write(run, ids, profiler.acceptAll(rows)));
		this.store.save(run, model, profiler.profiles(), sample.rows().length);
		return true;
	}

	/** Assigns the given customers with the run's stored classes (no refit). */
	void assign(UUID run, UUID[] ids) {
		CustomerClasses classes = this.store.find(run).orElse(null);
		if (classes == null) {
			return;
		}
		List<Feature> features = FEATURES.subList(0, classes.features().size());
		CustomerClasses.Assignment a = classes.model();
		ClassModel model = new ClassModel(features, new Standardiser(features, a.means(), a.deviations()),
				a.centroids(), new KSelection(classes.chosenK(), classes.elbowK(), List.of(), 0, false), List.of(),
				0.5);
		batches(run, ids, features.size(), (batch, rows) -> write(run, batch, model.assignAll(rows)));
	}

	private List<Feature> features(UUID run) {
		Boolean predicted = this.jdbc.sql("SELECT value_model IS NOT NULL FROM analytics_run WHERE id = ?")
			.param(run)
			.query(Boolean.class)
			.single();
		return predicted ? FEATURES : FEATURES.subList(0, FEATURES.size() - 1);
	}

	private void batches(UUID run, UUID[] only, int width, BiConsumer<List<UUID>, double[][]> sink) {
		UUID after = new UUID(Long.MIN_VALUE, Long.MIN_VALUE);
		boolean first = true;
		while (true) {
			List<UUID> ids = new ArrayList<>();
			List<double[]> rows = new ArrayList<>();
			this.jdbc.sql("""
					SELECT customer_id, recency_days, purchases, average_basket, tenure_days, purchase_rate,
					  coalesce(p_alive, 0)
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
					for (int f = 0; f < width; f++) {
						row[f] = rs.getDouble(2 + f);
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
