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
 * count as negative and as promoting, the batch size of a full run and when a running run
 * is taken for crashed. The schedule lives in {@code rapport.analytics.full-cron} and
 * {@code rapport.analytics.incremental-cron}.
 */
@ConfigurationProperties("rapport.analytics")
record AnalyticsSettings(@DefaultValue("5") int rfmBins, @DefaultValue("365") int lostAfterDays,
		@DefaultValue("5") int loyalMinPurchases, @DefaultValue("90") int signalWindowDays,
		@DefaultValue("1.5") BigDecimal rhythmFactor, @DefaultValue("0.5") double loyaltyQuantile,
		@DefaultValue("0.5") double profitabilityQuantile, BigDecimal loyaltyRate, BigDecimal profitabilityRevenue,
		@DefaultValue("12") int flowMonths, @DefaultValue("6") int negativeNps, @DefaultValue("9") int promoterNps,
		@DefaultValue("20000") int batchSize, @DefaultValue("15m") Duration staleRunAfter,
		@DefaultValue("1000") int incrementalBatch) {

	AnalyticsSettings {
		if (rfmBins < 2 || rfmBins > 10) {
			throw new IllegalArgumentException("rapport.analytics.rfm-bins must be between 2 and 10");
		}
		if (loyaltyQuantile <= 0 || loyaltyQuantile >= 1 || profitabilityQuantile <= 0 || profitabilityQuantile >= 1) {
			throw new IllegalArgumentException("rapport.analytics quantiles must lie strictly between 0 and 1");
		}
	}

}
