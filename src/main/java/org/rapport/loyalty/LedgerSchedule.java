package org.rapport.loyalty;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs activation, then expiry, then tier re-qualification, every night
 * ({@code rapport.loyalty.jobs-cron}, default 02:15; "-" turns it off).
 */
@Component
class LedgerSchedule {

	private final LedgerJobs jobs;

	private final Clock clock;

	private final Tiers tiers;

	LedgerSchedule(LedgerJobs jobs, Clock clock, Tiers tiers) {
		this.jobs = jobs;
		this.clock = clock;
		this.tiers = tiers;
	}

	@Scheduled(cron = "${rapport.loyalty.jobs-cron:0 15 2 * * *}")
	void nightly() {
		this.jobs.activate(this.clock.instant());
		this.jobs.expire(this.clock.instant());
		this.tiers.requalifyAll(this.clock.instant());
	}

}
