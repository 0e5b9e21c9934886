package org.rapport.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.analytics.model.BgNbd;
import org.rapport.analytics.model.GammaGamma;
import org.rapport.analytics.model.Simulation;

/**
 * Enough buyers for the value model to be fitted, drawn from BG/NBD and Gamma-Gamma with
 * known parameters (seeded) and turned into purchase days before 2026-01-01, then scored
 * in a run scoped to them, so that every buyer has a predicted CLV.
 */
final class PredictedBuyers {

	static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

	private static final int BUYERS = 30;

	private static final Simulation.Population DRAWN = new Simulation(4).draw(BUYERS, new BgNbd(0.5, 20, 0.8, 2.4),
			new GammaGamma(6, 4, 15), 150, 360);

	private PredictedBuyers() {
	}

	record Population(List<UUID> ids, AnalyticsRun run) {
	}

	static Population score(AnalyticsFixture fx, Analytics analytics, String prefix) {
		List<UUID> ids = record(fx, prefix);
		return new Population(ids, analytics.runFor(ids, AS_OF));
	}

	/** The drawn buyers recorded as customers with their purchases, not yet scored. */
	static List<UUID> record(AnalyticsFixture fx, String prefix) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < BUYERS; i++) {
			UUID id = fx.customer(prefix + i);
			fx.purchases(id, amount(i), dates(i).toArray(String[]::new));
			ids.add(id);
		}
		return ids;
	}

	private static List<String> dates(int i) {
		int x = DRAWN.summaries().frequency()[i];
		long tx = Math.max(x, Math.round(DRAWN.summaries().recency()[i]));
		long age = Math.max((long) Math.ceil(DRAWN.summaries().age()[i]), tx + 1);
		LocalDate first = LocalDate.parse("2026-01-01").minusDays(age);
		List<String> dates = new ArrayList<>();
		dates.add(first.toString());
		for (int k = 1; k <= x; k++) {
			dates.add(first.plusDays(Math.round((double) k * tx / x)).toString());
		}
		return dates;
	}

	private static String amount(int i) {
		double spend = DRAWN.meanSpend()[i];
		return new BigDecimal(spend > 0 ? spend : 20 + i).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
	}

}
