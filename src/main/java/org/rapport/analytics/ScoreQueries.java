package org.rapport.analytics;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.rapport.analytics.model.BgNbd;
import org.rapport.customer.LifecycleStage;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads of stored scores: one customer, and the customers of a chart cell (a page, or all
 * of them streamed for an export). Display names come from the customer table (read
 * model).
 */
@Repository
class ScoreQueries {

	private static final String COLUMNS = """
			s.customer_id, c.display_name, s.run_id, s.model_version, s.computed_at, s.first_purchase_at,
			s.last_purchase_at, s.purchases, s.revenue, s.average_basket, s.tenure_days, s.recency_days,
			s.mean_gap_days, s.purchase_rate, s.r_score, s.f_score, s.m_score, s.rfm_segment, s.lifecycle_stage,
			s.loyalty_class, s.risk_category, s.risk_reasons, s.value_tier, s.expected_purchases, s.p_alive,
			s.predicted_clv, s.class_index, s.churn_probability, s.churn_path, s.purchase_days, s.tenure_days,
			s.first_purchase_at, s.last_purchase_at""";

	/**
	 * The risk × value priority order: high risk first, then medium and churned, each by
	 * predicted CLV then revenue. Each run's partition has an index in this order
	 * ({@link ScorePartition#index}, ADR 0069), so the first rows of the list are read
	 * from it rather than by sorting the run's every row.
	 */
	static String priority(String alias) {
		return "CASE " + alias + "risk_category WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 WHEN 'CHURNED' THEN 2 "
				+ "WHEN 'LOW' THEN 3 ELSE 4 END, " + alias + "predicted_clv DESC NULLS LAST, " + alias
				+ "revenue DESC, " + alias + "customer_id";
	}

	/**
	 * The first two keys of {@link #priority} as an index has them, the expression in
	 * parentheses.
	 */
	static String priorityKeys(String alias) {
		String order = priority(alias);
		int end = order.indexOf(" END, ") + " END".length();
		String second = order.substring(end + 2, order.indexOf(", ", end + 2));
		return "(" + order.substring(0, end) + "), " + second;
	}

	private static final String PRIORITY = priority("s.");

	private final JdbcClient jdbc;

	private final JdbcClient cursor;

	private final TransactionTemplate readOnly;

	private final String currency;

	private final RunStore runs;

	/**
	 * The purchase model of recent runs, for the chance to buy again (a run's fit never
	 * changes once stored; a run without one is asked again).
	 */
	private final Map<UUID, BuyAgain> models = java.util.Collections
		.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<UUID, BuyAgain> eldest) {
				return size() > 8;
			}
		});

	ScoreQueries(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions,
			BusinessCurrency currency, RunStore runs) {
		this.jdbc = jdbc;
		this.runs = runs;
		JdbcTemplate fetching = new JdbcTemplate(dataSource);
		fetching.setFetchSize(1000);
		this.cursor = JdbcClient.create(fetching);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.currency = currency.code();
	}

	Optional<CustomerScores> customer(UUID run, UUID customer) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM analytics_customer_score s JOIN customer c ON c.id = s.customer_id "
					+ "WHERE s.run_id = ? AND s.customer_id = ?")
			.params(run, customer)
			.query(this::map)
			.optional();
	}

	/** A page of the customers of a filter, in its order. */
	static String page(ScoreFilter filter) {
		return "SELECT " + COLUMNS + from(filter) + " ORDER BY " + order(filter) + " LIMIT :limit OFFSET :offset";
	}

	List<CustomerScores> list(UUID run, ScoreFilter filter, long offset, int limit) {
		return spec(page(filter), run, filter).param("limit", limit).param("offset", offset).query(this::map).list();
	}

	long count(UUID run, ScoreFilter filter) {
		return spec("SELECT count(*)" + from(filter), run, filter).query(Long.class).single();
	}

	/**
	 * Streams the rows through a server-side cursor (fetch size 1,000 inside a read-only
	 * transaction), so an export of a million customers holds one fetch in memory.
	 */
	void stream(UUID run, ScoreFilter filter, Consumer<CustomerScores> sink) {
		this.readOnly.executeWithoutResult(
				(status) -> spec(this.cursor, "SELECT " + COLUMNS + from(filter) + " ORDER BY " + order(filter), run,
						filter)
					.query((ResultSet rs) -> sink.accept(map(rs, 0))));
	}

	private static String order(ScoreFilter filter) {
		return filter.order() == ScoreFilter.Order.PRIORITY ? PRIORITY : "s.revenue DESC, s.customer_id";
	}

	private static String from(ScoreFilter f) {
		StringBuilder sql = new StringBuilder(
				" FROM analytics_customer_score s JOIN customer c ON c.id = s.customer_id");
		if (f.topPercent() != null) {
			sql.append(" JOIN (SELECT customer_id, row_number() OVER (ORDER BY revenue DESC, customer_id) AS rank, ")
				.append("count(*) OVER () AS n FROM analytics_customer_score WHERE run_id = :run AND purchases > 0) t ")
				.append("ON t.customer_id = s.customer_id AND t.rank <= ceil(t.n * :top / 100.0)");
		}
		sql.append(" WHERE s.run_id = :run");
		if (f.r() != null) {
			sql.append(" AND s.r_score = :r");
		}
		if (f.f() != null) {
			sql.append(" AND s.f_score = :f");
		}
		if (f.m() != null) {
			sql.append(" AND s.m_score = :m");
		}
		if (f.segment() != null) {
			sql.append(" AND s.rfm_segment = :segment");
		}
		if (f.loyaltyClass() != null) {
			sql.append(" AND s.loyalty_class = :class");
		}
		if (f.stage() != null) {
			sql.append(" AND s.lifecycle_stage = :stage");
		}
		if (f.risk() != null) {
			sql.append(" AND s.risk_category = :risk");
		}
		if (f.valueTier() != null) {
			sql.append(" AND s.value_tier = :tier");
		}
		if (f.customerClass() != null) {
			sql.append(" AND s.class_index = :customerClass");
		}
		if (f.cohort() != null) {
			sql.append(" AND date_trunc('month', s.first_purchase_at AT TIME ZONE 'UTC')::date = :cohort");
		}
		if (f.clv() != null && f.clv().from() != null) {
			sql.append(" AND s.predicted_clv >= :clvFrom");
		}
		if (f.clv() != null && f.clv().to() != null) {
			sql.append(" AND s.predicted_clv < :clvTo");
		}
		if (f.move() != null) {
			sql.append(" AND s.customer_id IN (").append(StageMoveSql.MOVERS).append(')');
		}
		return sql.toString();
	}

	private JdbcClient.StatementSpec spec(String sql, UUID run, ScoreFilter f) {
		return spec(this.jdbc, sql, run, f);
	}

	private static JdbcClient.StatementSpec spec(JdbcClient client, String sql, UUID run, ScoreFilter f) {
		JdbcClient.StatementSpec spec = client.sql(sql).param("run", run);
		if (f.topPercent() != null) {
			spec = spec.param("top", f.topPercent());
		}
		spec = f.r() == null ? spec : spec.param("r", f.r());
		spec = f.f() == null ? spec : spec.param("f", f.f());
		spec = f.m() == null ? spec : spec.param("m", f.m());
		spec = f.segment() == null ? spec : spec.param("segment", f.segment().name());
		spec = f.loyaltyClass() == null ? spec : spec.param("class", f.loyaltyClass().name());
		spec = f.stage() == null ? spec : spec.param("stage", f.stage().name());
		spec = f.risk() == null ? spec : spec.param("risk", f.risk().name());
		spec = f.valueTier() == null ? spec : spec.param("tier", f.valueTier().name());
		spec = f.customerClass() == null ? spec : spec.param("customerClass", f.customerClass());
		spec = f.cohort() == null ? spec : spec.param("cohort", f.cohort().atDay(1));
		if (f.clv() != null) {
			spec = f.clv().from() == null ? spec : spec.param("clvFrom", f.clv().from());
			spec = f.clv().to() == null ? spec : spec.param("clvTo", f.clv().to());
		}
		if (f.move() != null) {
			spec = spec.param("moveMonth", f.move().month().atDay(1))
				.param("moveFrom", f.move().from().name())
				.param("moveTo", f.move().to().name());
		}
		return spec;
	}

	private CustomerScores map(ResultSet rs, int row) throws SQLException {
		return new CustomerScores(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
				rs.getString(4), RunStore.instant(rs, 5), RunStore.instant(rs, 6), RunStore.instant(rs, 7),
				rs.getInt(8), rs.getBigDecimal(9), rs.getBigDecimal(10), this.currency, rs.getBigDecimal(11),
				rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getBigDecimal(14), rs.getObject(15, Integer.class),
				rs.getObject(16, Integer.class), rs.getObject(17, Integer.class),
				value(rs.getString(18), RfmSegment.class), LifecycleStage.valueOf(rs.getString(19)),
				value(rs.getString(20), LoyaltyClass.class), value(rs.getString(21), RiskCategory.class),
				reasons(rs.getArray(22)), value(rs.getString(23), ValueTier.class), rs.getBigDecimal(24),
				rs.getBigDecimal(25), rs.getBigDecimal(26), rs.getObject(27, Integer.class), rs.getBigDecimal(28),
				texts(rs.getArray(29)), rs.getInt(30), chanceToBuyAgain(rs));
	}

	/**
	 * The chance of a purchase within the run's value-model horizon (BG/NBD, days), from
	 * the row's frequency (purchase days − 1), recency and age, as the run's predictions
	 * read them; null without a fitted model or a purchase.
	 */
	private BigDecimal chanceToBuyAgain(ResultSet rs) throws SQLException {
		int days = rs.getInt(30);
		BigDecimal tenure = rs.getBigDecimal(31);
		if (days < 1 || tenure == null) {
			return null;
		}
		BuyAgain model = model(rs.getObject(3, UUID.class));
		if (model == null) {
			return null;
		}
		double age = tenure.doubleValue();
		Instant first = RunStore.instant(rs, 32);
		Instant last = RunStore.instant(rs, 33);
		double recency = (days > 1 && first != null && last != null)
				? Math.min(java.time.Duration.between(first, last).toMillis() / 86_400_000.0, age) : 0;
		double chance = model.purchases().probabilityOfPurchaseWithin(model.horizonDays(), days - 1, recency, age);
		return Double.isFinite(chance) ? BigDecimal.valueOf(chance).setScale(6, RoundingMode.HALF_EVEN) : null;
	}

	private BuyAgain model(UUID run) {
		BuyAgain known = this.models.get(run);
		if (known != null) {
			return known;
		}
		ValueModel stored = this.runs.valueModel(run);
		if (stored == null) {
			return null;
		}
		try {
			BuyAgain model = new BuyAgain(ModelValuePredictor.purchaseModel(stored), stored.horizonDays());
			this.models.put(run, model);
			return model;
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			return null;
		}
	}

	/** A run's purchase model and the horizon of its predictions, in days. */
	private record BuyAgain(BgNbd purchases, double horizonDays) {
	}

	private static List<RiskReason> reasons(Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		List<RiskReason> out = new ArrayList<>();
		Arrays.stream((String[]) array.getArray()).forEach((r) -> out.add(RiskReason.valueOf(r)));
		return out;
	}

	private static List<String> texts(Array array) throws SQLException {
		return array == null ? List.of() : List.of((String[]) array.getArray());
	}

	private static <E extends Enum<E>> E value(String name, Class<E> type) {
		return name == null ? null : Enum.valueOf(type, name);
	}

}
