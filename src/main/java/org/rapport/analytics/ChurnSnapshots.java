package org.rapport.analytics;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.analytics.learn.SnapshotRow;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Training rows of the churn model, computed in SQL from the interaction table: for a
 * seeded sample of the run's buyers and each monthly snapshot date, the features as they
 * were at that date (only interactions before it) and the label, no purchase in the
 * following horizon. A customer appears at a snapshot once they have purchased before it.
 * The sample is bounded ({@code churn-max-rows} / snapshots customers, the same customers
 * at every snapshot, so each month is represented in proportion to its buyers): its cost
 * does not grow with the population.
 */
@Component
class ChurnSnapshots {

	/** The features, in column order; the first is the recency baseline. */
	static final List<String> FEATURES = List.of("days since last purchase", "purchases", "revenue",
			"mean days between purchases", "tenure days", "refused service", "negative survey");

	private static final String NPS = "(CASE WHEN i.attributes->>'nps' ~ '^[0-9]{1,2}$' "
			+ "THEN (i.attributes->>'nps')::int END)";

	/**
	 * One read of the sampled customers' interactions: each is put in the period between
	 * two snapshot dates it falls in (width_bucket: p snapshot dates lie on or before
	 * it), and summed per customer and period; a snapshot k then sums the periods before
	 * it (p < k) and looks for the first purchase in the periods from it on (p ≥ k). The
	 * early-warning signals keep the last refused call and the last negative answer of a
	 * period, so "within the window before the snapshot" is one comparison. Rows grow
	 * with sampled customers × periods × snapshots, not with their interactions.
	 */
	private static final String ROWS = """
			WITH s AS (SELECT DISTINCT unnest(CAST(:sample AS uuid[])) AS customer_id),
			d AS (
			  SELECT row_number() OVER (ORDER BY snap) AS k, snap, snap::timestamp AT TIME ZONE 'UTC' AS at,
			    (snap + :horizon)::timestamp AT TIME ZONE 'UTC' AS until
			  FROM (SELECT (CAST(:last AS date) - make_interval(months => g))::date AS snap
			        FROM generate_series(0, :snapshots - 1) g) x),
			b AS (
			  SELECT i.customer_id, width_bucket(i.occurred_at, (SELECT array_agg(at ORDER BY at) FROM d)) AS p,
			    min(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS first_at,
			    max(i.occurred_at) FILTER (WHERE i.kind = 'PURCHASE') AS last_at,
			    count(*) FILTER (WHERE i.kind = 'PURCHASE') AS purchases,
			    coalesce(sum(i.total) FILTER (WHERE i.kind = 'PURCHASE' AND i.currency = :currency), 0)
			      - coalesce(sum(i.total) FILTER (WHERE i.kind = 'RETURN' AND i.currency = :currency), 0) AS revenue,
			    max(i.occurred_at) FILTER (WHERE i.kind = 'CALL' AND i.outcome = 'REFUSED') AS refused_at,
			    max(i.occurred_at) FILTER (WHERE i.kind = 'SURVEY_ANSWER'
			      AND (%s <= :negativeNps OR lower(i.attributes->>'sentiment') = 'negative')) AS negative_at
			  FROM interaction i JOIN s ON s.customer_id = i.customer_id
			  WHERE i.occurred_at < :end AND i.kind IN ('PURCHASE', 'RETURN', 'CALL', 'SURVEY_ANSWER')
			  GROUP BY 1, 2),
			a AS (
			  SELECT d.snap, d.at, b.customer_id,
			    min(b.first_at) FILTER (WHERE b.p < d.k) AS first_at,
			    max(b.last_at) FILTER (WHERE b.p < d.k) AS last_at,
			    coalesce(sum(b.purchases) FILTER (WHERE b.p < d.k), 0) AS purchases,
			    coalesce(sum(b.revenue) FILTER (WHERE b.p < d.k), 0) AS revenue,
			    coalesce(max(b.refused_at) FILTER (WHERE b.p < d.k) > d.at - make_interval(days => :window), FALSE)
			      AS refused,
			    coalesce(max(b.negative_at) FILTER (WHERE b.p < d.k) > d.at - make_interval(days => :window), FALSE)
			      AS negative,
			    coalesce(min(b.first_at) FILTER (WHERE b.p >= d.k) < d.until, FALSE) AS bought
			  FROM d CROSS JOIN b
			  GROUP BY d.snap, d.at, d.until, b.customer_id)
			SELECT snap, extract(epoch FROM at - last_at) / 86400, purchases, revenue,
			  CASE WHEN purchases > 1 THEN extract(epoch FROM last_at - first_at) / 86400 / (purchases - 1)
			    ELSE extract(epoch FROM at - first_at) / 86400 END,
			  extract(epoch FROM at - first_at) / 86400, refused, negative, NOT bought
			FROM a WHERE purchases > 0 ORDER BY snap, customer_id
			""".formatted(NPS);

	/** The snapshot dates and the sample behind a set of rows. */
	record Rows(List<SnapshotRow> rows, int customers, LocalDate first, LocalDate last) {
	}

	private final JdbcClient jdbc;

	private final AnalyticsSettings settings;

	private final String currency;

	ChurnSnapshots(JdbcClient jdbc, AnalyticsSettings settings, BusinessCurrency currency) {
		this.jdbc = jdbc;
		this.settings = settings;
		this.currency = currency.code();
	}

	/**
	 * The number of buyers the model is trained on: {@code churn-max-rows} / snapshots.
	 */
	int customers() {
		return Math.max(1, this.settings.churnMaxRows() / this.settings.churnSnapshots());
	}

	/**
	 * The rows of the sampled buyers (drawn by the run, {@link #customers()} of them):
	 * the latest snapshot is the run's as-of date minus the horizon (its label is known),
	 * then one per month before it.
	 */
	Rows rows(UUID[] sample, java.time.Instant asOf) {
		int snapshots = this.settings.churnSnapshots();
		LocalDate last = asOf.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(this.settings.churnHorizonDays());
		int sampled = sample.length;
		List<SnapshotRow> rows = new ArrayList<>();
		this.jdbc.sql(ROWS)
			.param("sample", sample)
			.param("last", last)
			.param("snapshots", snapshots)
			.param("horizon", this.settings.churnHorizonDays())
			.param("end", RunStore.at(asOf))
			.param("currency", this.currency)
			.param("window", this.settings.signalWindowDays())
			.param("negativeNps", this.settings.negativeNps())
			.query((rs) -> {
				double[] features = new double[FEATURES.size()];
				for (int f = 0; f < 5; f++) {
					features[f] = rs.getDouble(2 + f);
				}
				features[5] = rs.getBoolean(7) ? 1 : 0;
				features[6] = rs.getBoolean(8) ? 1 : 0;
				rows.add(new SnapshotRow(rs.getObject(1, LocalDate.class), features, rs.getBoolean(9)));
			});
		return new Rows(rows, sampled, last.minusMonths(snapshots - 1), last);
	}

}
