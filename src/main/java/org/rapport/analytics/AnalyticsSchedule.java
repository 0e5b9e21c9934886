package org.rapport.analytics;

import org.rapport.platform.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps analytics current: a full run every night ({@code rapport.analytics.full-cron},
 * default 02:00) and the incremental update of dirty customers every five minutes
 * ({@code rapport.analytics.incremental-cron}). "-" switches either off (tests, or all
 * but one node of a cluster for the full run).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AnalyticsSchedule {

	private static final Logger log = LoggerFactory.getLogger(AnalyticsSchedule.class);

	private final Analytics analytics;

	AnalyticsSchedule(Analytics analytics) {
		this.analytics = analytics;
	}

	@Scheduled(cron = "${rapport.analytics.full-cron:0 0 2 * * *}")
	void fullRun() {
		try {
			AnalyticsRun run = this.analytics.runAll(RunListener.NONE);
			log.info("Analytics run {} {}: {} customers", run.id(), run.status(), run.customersTotal());
		}
		catch (ApiException ex) {
			log.info("Nightly analytics run skipped: {}", ex.getMessage());
		}
	}

	@Scheduled(cron = "${rapport.analytics.incremental-cron:0 */5 * * * *}")
	void incremental() {
		int updated = this.analytics.updateDirty();
		if (updated > 0) {
			log.info("Analytics updated for {} customers", updated);
		}
	}

}
