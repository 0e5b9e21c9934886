package org.rapport.analytics;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an installation tunes about analytics ({@code rapport.analytics.*}): the number of
 * RFM bins, when a buyer counts as lost or loyal, the window of the early-warning
 * signals, how much slower than their own rhythm a customer must be to raise a signal,
 * the loyalty × profitability thresholds (a quantile of the population, or a fixed value
 * that wins when set), how many months of stage flows are kept, the NPS answers that
 * count as negative and as promoting, the batch size of a full run (customers per write
 * statement and per progress step) and when a running run is taken for crashed; the value
 * model (CLV months, monthly discount rate, the fewest buyers it is fitted on), the
 * one-to-class clustering (sample size, largest k) and the explanatory churn model (label
 * horizon, monthly snapshots, test months after the cut-off, row cap, seed of the
 * customer sample) and the seeded sample of buyers the value model and the classes are
 * fitted on in a full run ({@code value-sample}, 500,000: the standard errors of the
 * parameters are √(N / 500,000) times those of a fit on all N buyers (for a sample of
 * 500,000 CDNOW-like buyers at most 2 % of the estimate), while the fit stays bounded and
 * a larger population only costs predicting everyone from the buyers' arrays, about 100
 * bytes per buyer), and how many connections stage a full run's base rows and write its
 * scores at once ({@code score-writers}, 2: one per core of a small server,
 * docs/adr/0047, docs/adr/0053). The schedule lives in
 * {@code rapport.analytics.full-cron} and {@code rapport.analytics.incremental-cron}.
 */
@ConfigurationProperties("rapport.analytics")
record AnalyticsSettings(@DefaultValue("5") int rfmBins, @DefaultValue("365") int lostAfterDays,
		@DefaultValue("5") int loyalMinPurchases, @DefaultValue("90") int signalWindowDays,
		@DefaultValue("1.5") BigDecimal rhythmFactor, @DefaultValue("0.5") double loyaltyQuantile,
		@DefaultValue("0.5") double profitabilityQuantile, BigDecimal loyaltyRate, BigDecimal profitabilityRevenue,
		@DefaultValue("12") int flowMonths, @DefaultValue("6") int negativeNps, @DefaultValue("9") int promoterNps,
		@DefaultValue("20000") int batchSize, @DefaultValue("15m") Duration staleRunAfter,
		@DefaultValue("1000") int incrementalBatch, @DefaultValue("12") int clvMonths,
		@DefaultValue("0.01") double discount, @DefaultValue("20") int minBuyers,
		@DefaultValue("20000") int classSample, @DefaultValue("8") int classMaxK,
		@DefaultValue("90") int churnHorizonDays, @DefaultValue("12") int churnSnapshots,
		@DefaultValue("3") int churnTestMonths, @DefaultValue("60000") int churnMaxRows, @DefaultValue("1") long seed,
		@DefaultValue("500000") int valueSample, @DefaultValue("2") int scoreWriters) {

	AnalyticsSettings {
		if (rfmBins < 2 || rfmBins > 10) {
			throw new IllegalArgumentException("rapport.analytics.rfm-bins must be between 2 and 10");
		}
		if (loyaltyQuantile <= 0 || loyaltyQuantile >= 1 || profitabilityQuantile <= 0 || profitabilityQuantile >= 1) {
			throw new IllegalArgumentException("rapport.analytics quantiles must lie strictly between 0 and 1");
		}
		if (clvMonths < 1 || discount <= -1 || minBuyers < 2 || classMaxK < 2 || classSample < classMaxK
				|| valueSample < minBuyers) {
			throw new IllegalArgumentException(
					"rapport.analytics: clv-months ≥ 1, discount > -1, min-buyers ≥ 2, class-max-k ≥ 2, "
							+ "class-sample ≥ class-max-k, value-sample ≥ min-buyers");
		}
		if (scoreWriters < 1) {
			throw new IllegalArgumentException("rapport.analytics.score-writers must be at least 1");
		}
		if (churnHorizonDays < 1 || churnTestMonths < 1 || churnSnapshots <= churnTestMonths || churnMaxRows < 100) {
			throw new IllegalArgumentException("rapport.analytics: churn-horizon-days ≥ 1, "
					+ "churn-snapshots > churn-test-months ≥ 1, churn-max-rows ≥ 100");
		}
	}

}
