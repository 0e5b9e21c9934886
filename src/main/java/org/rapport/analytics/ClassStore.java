package org.rapport.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.analytics.learn.ClassModel;
import org.rapport.analytics.learn.Feature;
import org.rapport.analytics.learn.KScore;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The classes of a run, kept as JSON with the run: features, k curve, profiles and the
 * transform and centres that assign a customer; or why there are none.
 */
@Repository
class ClassStore {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ClassStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void save(UUID run, ClassModel model, List<org.rapport.analytics.learn.ClassProfile> profiles, long fittedOn) {
		List<CustomerClasses.KPoint> curve = new ArrayList<>();
		for (KScore s : model.selection().curve()) {
			curve.add(new CustomerClasses.KPoint(s.k(), finite(s.withinSS()), finite(s.silhouette())));
		}
		List<CustomerClasses.ClassProfile> classes = new ArrayList<>();
		long customers = 0;
		for (org.rapport.analytics.learn.ClassProfile p : profiles) {
			classes.add(new CustomerClasses.ClassProfile(p.index(), p.label(), p.size(), finite(p.share()), p.features()
				.stream()
				.map((m) -> new CustomerClasses.FeatureMean(m.feature(), finite(m.mean()), finite(m.deviation())))
				.toList()));
			customers += p.size();
		}
		List<Feature> features = model.features();
		CustomerClasses stored = new CustomerClasses(run, features.stream().map(Feature::name).toList(), model.k(),
				model.selection().elbowK(), curve, classes, customers, fittedOn,
				new CustomerClasses.Assignment(features.stream().map(Feature::logScale).toList(),
						model.standardiser().means(), model.standardiser().deviations(), model.centroids()));
		this.jdbc.sql("UPDATE analytics_run SET class_model = :m::jsonb, classes_unavailable = NULL WHERE id = :id")
			.param("m", this.json.writeValueAsString(stored))
			.param("id", run)
			.update();
	}

	void unavailable(UUID run, String reason) {
		this.jdbc.sql("UPDATE analytics_run SET class_model = NULL, classes_unavailable = ? WHERE id = ?")
			.params(reason, run)
			.update();
	}

	Optional<CustomerClasses> find(UUID run) {
		return this.jdbc.sql("SELECT class_model FROM analytics_run WHERE id = ? AND class_model IS NOT NULL")
			.param(run)
			.query(String.class)
			.optional()
			.map((text) -> this.json.readValue(text, CustomerClasses.class));
	}

	/** Why the run has no classes (null when it has them or was not classified). */
	String unavailableReason(UUID run) {
		return this.jdbc.sql("SELECT classes_unavailable FROM analytics_run WHERE id = ?")
			.param(run)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.single()
			.orElse(null);
	}

	private static double finite(double value) {
		return Double.isFinite(value) ? value : 0;
	}

}
