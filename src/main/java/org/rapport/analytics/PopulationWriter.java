package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The population views of a run: revenue concentration (Gini and the top 20 % share with
 * the definitions of {@link Concentration}) and the Lorenz curve in steps of 5 %
 * (interpolated between whole customers, so on or below the diagonal), computed from the
 * buyers' revenue the run holds in memory. Cohort retention by month of first purchase
 * and the month-by-month lifecycle flows are counted by {@link PurchaseMonths} while the
 * base rows are written (no read of the purchases of their own) and stored here. Months
 * are calendar months in UTC.
 */
@Component
class PopulationWriter {

	private final JdbcClient jdbc;

	private final AnalyticsSettings settings;

	PopulationWriter(JdbcClient jdbc, AnalyticsSettings settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/**
	 * Revenue concentration (buyers, revenue, Gini, top 20 % share) and the Lorenz curve
	 * in steps of 5 % of the run's buyers, from their revenue ({@code count} values, as
	 * stored: two decimals), with the definitions of {@link Concentration} in exact
	 * decimal arithmetic, rounded to six decimals as stored.
	 */
	void concentration(UUID run, double[] revenue, int count) {
		long[] cents = new long[count];
		for (int i = 0; i < count; i++) {
			cents[i] = Math.max(0, Math.round(revenue[i] * 100));
		}
		Arrays.parallelSort(cents);
		long total = 0;
		BigInteger weighted = BigInteger.ZERO;
		for (int i = 0; i < count; i++) {
			total += cents[i];
			weighted = weighted.add(BigInteger.valueOf(cents[i]).multiply(BigInteger.valueOf(i + 1L)));
		}
		BigDecimal gini = BigDecimal.ZERO;
		BigDecimal top20 = BigDecimal.ZERO;
		if (total > 0) {
			BigDecimal n = BigDecimal.valueOf(count);
			gini = new BigDecimal(weighted.shiftLeft(1))
				.divide(n.multiply(BigDecimal.valueOf(total)), MathContext.DECIMAL128)
				.subtract(n.add(BigDecimal.ONE).divide(n, MathContext.DECIMAL128));
			int top = (int) Math.ceil(0.2 * count);
			long topSum = 0;
			for (int i = count - top; i < count; i++) {
				topSum += cents[i];
			}
			top20 = BigDecimal.valueOf(topSum).divide(BigDecimal.valueOf(total), MathContext.DECIMAL128);
		}
		this.jdbc.sql("""
				UPDATE analytics_run SET buyers = :buyers, revenue = :revenue, gini = :gini, top20_share = :top20
				WHERE id = :run
				""")
			.param("buyers", (long) count)
			.param("revenue", BigDecimal.valueOf(total, 2))
			.param("gini", gini.setScale(6, RoundingMode.HALF_UP))
			.param("top20", top20.setScale(6, RoundingMode.HALF_UP))
			.param("run", run)
			.update();
		String[] shares = new String[21];
		String[] values = new String[21];
		long cumulative = 0;
		int reached = 0;
		for (int g = 0; g <= 20; g++) {
			BigDecimal share = BigDecimal.valueOf(g).divide(BigDecimal.valueOf(20));
			shares[g] = share.toPlainString();
			if (g == 0) {
				values[g] = "0";
				continue;
			}
			if (count == 0 || total == 0) {
				values[g] = share.toPlainString();
				continue;
			}
			// the row i = ⌊share · n⌋ + 1 (at most n) in ascending order, its cumulative
			// sum
			BigDecimal position = share.multiply(BigDecimal.valueOf(count));
			int i = (int) Math.min(count, position.setScale(0, RoundingMode.FLOOR).longValueExact() + 1);
			while (reached < i) {
				cumulative += cents[reached++];
			}
			BigDecimal x = BigDecimal.valueOf(cents[i - 1]);
			BigDecimal part = BigDecimal.valueOf(cumulative)
				.subtract(BigDecimal.valueOf(i).subtract(position).multiply(x));
			values[g] = part.divide(BigDecimal.valueOf(total), MathContext.DECIMAL128)
				.setScale(6, RoundingMode.HALF_UP)
				.toPlainString();
		}
		this.jdbc.sql("""
				INSERT INTO analytics_lorenz (run_id, population_share, revenue_share)
				SELECT :run, l.share, l.value
				FROM unnest(CAST(:shares AS numeric[]), CAST(:values AS numeric[])) AS l(share, value)
				""").param("run", run).param("shares", shares).param("values", values).update();
	}

	/** A fresh accumulator of cohorts and stage flows for a run as of an instant. */
	PurchaseMonths months(Instant asOf) {
		return new PurchaseMonths(asOf, this.settings.flowMonths(), this.settings.lostAfterDays(),
				this.settings.loyalMinPurchases());
	}

	/** Stores the cohort retention and stage flows accumulated over the run's buyers. */
	void cohortsAndFlows(UUID run, PurchaseMonths months) {
		List<PurchaseMonths.Cohort> cohorts = months.cohorts();
		this.jdbc.sql("""
				INSERT INTO analytics_cohort (run_id, cohort_month, months_since, cohort_size, customers)
				SELECT :run, c.month, c.since, c.size, c.n
				FROM unnest(CAST(:month AS date[]), CAST(:since AS int[]), CAST(:size AS int[]), CAST(:n AS int[]))
				  AS c(month, since, size, n)
				""")
			.param("run", run)
			.param("month", cohorts.stream().map((c) -> c.cohort().atDay(1).toString()).toArray(String[]::new))
			.param("since", cohorts.stream().map(PurchaseMonths.Cohort::monthsSince).toArray(Integer[]::new))
			.param("size", cohorts.stream().map((c) -> (int) c.cohortSize()).toArray(Integer[]::new))
			.param("n", cohorts.stream().map((c) -> (int) c.customers()).toArray(Integer[]::new))
			.update();
		List<PurchaseMonths.Flow> flows = months.flows();
		this.jdbc.sql("""
				INSERT INTO analytics_stage_flow (run_id, month, from_stage, to_stage, customers)
				SELECT :run, f.month, f.from_stage, f.to_stage, f.n
				FROM unnest(CAST(:month AS date[]), CAST(:from AS text[]), CAST(:to AS text[]), CAST(:n AS int[]))
				  AS f(month, from_stage, to_stage, n)
				""")
			.param("run", run)
			.param("month", flows.stream().map((f) -> f.month().atDay(1).toString()).toArray(String[]::new))
			.param("from", flows.stream().map((f) -> f.from().name()).toArray(String[]::new))
			.param("to", flows.stream().map((f) -> f.to().name()).toArray(String[]::new))
			.param("n", flows.stream().map((f) -> (int) f.customers()).toArray(Integer[]::new))
			.update();
	}

}
