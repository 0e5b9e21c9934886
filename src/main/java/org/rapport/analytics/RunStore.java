package org.rapport.analytics;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The analytics_run table: starting a run (at most one full run at a time; a full run
 * whose heartbeat stopped longer than {@code stale-run-after} ago is marked failed
 * first), progress, thresholds, completion and failure.
 */
@Repository
class RunStore {

	private static final String COLUMNS = "id, scope, model_version, as_of, status, started_at, finished_at, "
			+ "started_by, customers_total, customers_done, error, buyers, revenue, top20_share, gini, value_model, "
			+ "predictions_unavailable";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AnalyticsSettings settings;

	private final JsonMapper json;

	RunStore(JdbcClient jdbc, Clock clock, AnalyticsSettings settings, JsonMapper json) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
		this.json = json;
	}

	AnalyticsRun start(Collection<UUID> scope, Instant asOf, String version, String startedBy) {
		Instant now = this.clock.instant();
		if (scope == null) {
			this.jdbc.sql("""
					UPDATE analytics_run SET status = 'FAILED', finished_at = :now,
					  error = 'interrupted: no progress since ' || heartbeat_at
					WHERE status = 'RUNNING' AND heartbeat_at < :stale
					""").param("now", at(now)).param("stale", at(now.minus(this.settings.staleRunAfter()))).update();
			dropLeftOvers();
		}
		UUID id = Ids.next();
		try {
			this.jdbc
				.sql("""
						INSERT INTO analytics_run (id, scope, scope_customers, model_version, as_of, status, started_at,
						  heartbeat_at, started_by, rfm_bins, settings)
						VALUES (:id, :scope, :customers, :version, :asOf, 'RUNNING', :now, :now, :by, :bins, :settings::jsonb)
						""")
				.param("id", id)
				.param("scope", scope == null ? "ALL" : "CUSTOMERS")
				.param("customers", scope == null ? null : scope.toArray(UUID[]::new))
				.param("version", version)
				.param("asOf", at(asOf))
				.param("now", at(now))
				.param("by", startedBy)
				.param("bins", this.settings.rfmBins())
				.param("settings", settingsJson())
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw ApiException.conflict("analytics-run-running",
					Text.of("analytics.run.already-running", "A full analytics run is already running."));
		}
		return find(id).orElseThrow();
	}

	void total(UUID id, long total) {
		this.jdbc.sql("UPDATE analytics_run SET customers_total = ?, heartbeat_at = ? WHERE id = ?")
			.params(total, at(this.clock.instant()), id)
			.update();
	}

	void progress(UUID id, long done) {
		this.jdbc.sql("UPDATE analytics_run SET customers_done = ?, heartbeat_at = ? WHERE id = ?")
			.params(done, at(this.clock.instant()), id)
			.update();
	}

	void cuts(UUID id, List<BigDecimal> r, List<BigDecimal> f, List<BigDecimal> m, BigDecimal loyalty,
			BigDecimal profitability) {
		this.jdbc
			.sql("""
					UPDATE analytics_run SET r_cuts = :r::numeric[], f_cuts = :f::numeric[], m_cuts = :m::numeric[], loyalty_threshold = :loyalty,
					  profitability_threshold = :profitability WHERE id = :id
					""")
			.param("r", text(r))
			.param("f", text(f))
			.param("m", text(m))
			.param("loyalty", loyalty)
			.param("profitability", profitability)
			.param("id", id)
			.update();
	}

	/**
	 * Marks the run completed; a full run supersedes the previous one, whose scores go
	 * with their partition.
	 */
	void complete(UUID id, boolean full) {
		Instant now = this.clock.instant();
		if (full) {
			List<UUID> old = this.jdbc
				.sql("UPDATE analytics_run SET status = 'SUPERSEDED' WHERE scope = 'ALL' AND status = 'COMPLETED' "
						+ "RETURNING id")
				.query(UUID.class)
				.list();
			for (UUID run : old) {
				this.jdbc.sql(new ScorePartition(run).drop()).update();
			}
			for (String table : List.of("analytics_lorenz", "analytics_cohort", "analytics_stage_flow")) {
				this.jdbc.sql("DELETE FROM " + table + " WHERE run_id = ANY(?)")
					.param(old.toArray(UUID[]::new))
					.update();
			}
			this.jdbc
				.sql("DELETE FROM analytics_dirty WHERE last_marked_at < (SELECT started_at FROM analytics_run "
						+ "WHERE id = ?)")
				.param(id)
				.update();
		}
		this.jdbc
			.sql("UPDATE analytics_run SET status = 'COMPLETED', finished_at = ?, heartbeat_at = ?, "
					+ "customers_done = customers_total WHERE id = ?")
			.params(at(now), at(now), id)
			.update();
	}

	/**
	 * Drops the tables of runs that no longer run ({@link StagedTables#LEFT_OVER}: a
	 * crashed run's staged tables and unattached scores); answers how many.
	 */
	int dropLeftOvers() {
		List<String> tables = this.jdbc.sql(StagedTables.LEFT_OVER).query(String.class).list();
		tables.forEach((table) -> this.jdbc.sql("DROP TABLE IF EXISTS " + table).update());
		return tables.size();
	}

	void fail(UUID id, String error) {
		Instant now = this.clock.instant();
		this.jdbc.sql("UPDATE analytics_run SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ?")
			.params(at(now), error, id)
			.update();
		this.jdbc.sql(new ScorePartition(id).drop()).update();
		new StagedTables(id).drop().forEach((statement) -> this.jdbc.sql(statement).update());
		for (String table : List.of("analytics_lorenz", "analytics_cohort", "analytics_stage_flow")) {
			this.jdbc.sql("DELETE FROM " + table + " WHERE run_id = ?").param(id).update();
		}
	}

	Optional<AnalyticsRun> find(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM analytics_run WHERE id = ?")
			.param(id)
			.query(this::map)
			.optional();
	}

	/** The latest completed full run: the current snapshot. */
	Optional<AnalyticsRun> current() {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM analytics_run WHERE scope = 'ALL' AND status = 'COMPLETED' "
					+ "ORDER BY finished_at DESC LIMIT 1")
			.query(this::map)
			.optional();
	}

	int bins(UUID id) {
		return this.jdbc.sql("SELECT rfm_bins FROM analytics_run WHERE id = ?").param(id).query(Integer.class).single();
	}

	/** The customers of a scoped run (null for a full run). */
	UUID[] scope(UUID id) {
		return this.jdbc.sql("SELECT scope_customers FROM analytics_run WHERE id = ?")
			.param(id)
			.query((rs, n) -> Optional.ofNullable(rs.getArray(1)))
			.single()
			.map(RunStore::uuids)
			.orElse(null);
	}

	private static UUID[] uuids(Array array) {
		try {
			return (UUID[]) array.getArray();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String[] text(List<BigDecimal> values) {
		return values.stream().map(BigDecimal::toPlainString).toArray(String[]::new);
	}

	private String settingsJson() {
		AnalyticsSettings s = this.settings;
		return """
				{"rfmBins": %d, "lostAfterDays": %d, "loyalMinPurchases": %d, "signalWindowDays": %d,
				 "rhythmFactor": %s, "loyaltyQuantile": %s, "profitabilityQuantile": %s, "loyaltyRate": %s,
				 "profitabilityRevenue": %s, "flowMonths": %d, "negativeNps": %d, "promoterNps": %d}""".formatted(
				s.rfmBins(), s.lostAfterDays(), s.loyalMinPurchases(), s.signalWindowDays(), s.rhythmFactor(),
				s.loyaltyQuantile(), s.profitabilityQuantile(), s.loyaltyRate(), s.profitabilityRevenue(),
				s.flowMonths(), s.negativeNps(), s.promoterNps());
	}

	/** Stores the run's fitted value model, or why predictions are unavailable. */
	void valueModel(UUID id, ValueModel model, String unavailable) {
		this.jdbc.sql(
				"UPDATE analytics_run SET value_model = :model::jsonb, predictions_unavailable = :reason WHERE id = :id")
			.param("model", model == null ? null : this.json.writeValueAsString(model))
			.param("reason", unavailable)
			.param("id", id)
			.update();
	}

	/** The value model fitted in the run, null when none. */
	ValueModel valueModel(UUID id) {
		return this.jdbc.sql("SELECT value_model FROM analytics_run WHERE id = ?")
			.param(id)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap((o) -> o)
			.map((text) -> this.json.readValue(text, ValueModel.class))
			.orElse(null);
	}

	private AnalyticsRun map(ResultSet rs, int row) throws SQLException {
		String model = rs.getString(16);
		return new AnalyticsRun(rs.getObject(1, UUID.class), AnalyticsRun.Scope.valueOf(rs.getString(2)),
				rs.getString(3), instant(rs, 4), AnalyticsRun.Status.valueOf(rs.getString(5)), instant(rs, 6),
				instant(rs, 7), rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getString(11),
				rs.getObject(12, Long.class), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getBigDecimal(15),
				model == null ? null : this.json.readValue(model, ValueModel.class), rs.getString(17));
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
