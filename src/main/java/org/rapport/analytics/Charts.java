package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The population views of a snapshot, as a dashboard draws them. */
public final class Charts {

	private Charts() {
	}

	/** A count of customers (and their revenue) under a key: a segment, class, stage. */
	public record Count(String key, long customers, BigDecimal revenue) {
	}

	public record LorenzPoint(BigDecimal populationShare, BigDecimal revenueShare) {
	}

	/** Revenue concentration among buyers: top 20 % share, Gini, the Lorenz curve. */
	public record Pareto(UUID run, long buyers, BigDecimal revenue, BigDecimal top20Share, BigDecimal gini,
			List<LorenzPoint> lorenz) {
	}

	public record RfmCell(int r, int f, long customers, BigDecimal revenue) {
	}

	/** Buyers per recency × frequency cell and per named segment. */
	public record RfmGrid(UUID run, int bins, List<RfmCell> cells, List<Count> segments) {
	}

	/** Buyers per loyalty class, with the thresholds that drew the lines. */
	public record Matrix(UUID run, BigDecimal loyaltyThreshold, BigDecimal profitabilityThreshold,
			List<Count> classes) {
	}

	public record Flow(LocalDate month, String from, String to, long customers) {
	}

	/** Customers per stage now (the funnel) and the month-by-month flows. */
	public record Lifecycle(UUID run, List<Count> stages, List<Flow> flows) {
	}

	/**
	 * Of the buyers first buying in cohortMonth, how many bought monthsSince months
	 * later.
	 */
	public record CohortCell(LocalDate cohortMonth, int monthsSince, int cohortSize, int customers,
			BigDecimal retention) {
	}

	public record Cohorts(UUID run, List<CohortCell> cells) {
	}

	public record PriorityCell(RiskCategory risk, ValueTier valueTier, long customers, BigDecimal revenue) {
	}

	/** Buyers per risk category × value tier. */
	public record Priority(UUID run, List<PriorityCell> cells) {
	}

	public record ClvBucket(int decile, BigDecimal from, BigDecimal to, long customers) {
	}

	/** Predicted CLV by decile of buyers; empty while no predictions exist. */
	public record ClvDistribution(UUID run, List<ClvBucket> buckets) {
	}

	/** Buyers whose predicted CLV lies in [from, to); a null {@code to} is open-ended. */
	public record ClvBin(BigDecimal from, BigDecimal to, long customers) {
	}

	/**
	 * Predicted CLV (over the run's CLV months) as a histogram of equal-width bins up to
	 * about the 95th percentile and one open-ended bin above; empty while no predictions
	 * exist.
	 */
	public record ClvHistogram(UUID run, List<ClvBin> bins) {
	}

}
