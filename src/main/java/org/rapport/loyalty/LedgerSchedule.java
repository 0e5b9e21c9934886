package org.rapport.loyalty;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs activation, then expiry, then tier re-qualification, every night
 * ({@code rapport.loyalty.jobs-cron}, default 02:15; "-" turns it off); then brings the
 * programme figures' roll-up up to date (counting the last closed month again), so that
 * the day's first read does not.
 */
@Component
class LedgerSchedule {

	private final LedgerJobs jobs;

	private final Clock clock;

	private final Tiers tiers;

	private final FiguresRollUp figures;

	LedgerSchedule(LedgerJobs jobs, Clock clock, Tiers tiers, FiguresRollUp figures) {
		this.jobs = jobs;
		this.clock = clock;
		this.tiers = tiers;
		this.figures = figures;
	}

	@Scheduled(cron = "${rapport.loyalty.jobs-cron:0 15 2 * * *}")
	void nightly() {
		this.jobs.activate(this.clock.instant());
		this.jobs.expire(this.clock.instant());
		this.tiers.requalifyAll(this.clock.instant());
		this.figures.refreshNightly();
	}

}
