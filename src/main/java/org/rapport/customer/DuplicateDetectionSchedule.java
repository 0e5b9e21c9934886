package org.rapport.customer;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Runs duplicate detection every night. The time is the cron expression
 * {@code rapport.duplicates.detection-cron} (default 03:30 every day); "-" switches the
 * schedule off, e.g. on all but one node of a cluster.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DuplicateDetectionSchedule {

	private final CustomerDuplicates duplicates;

	DuplicateDetectionSchedule(CustomerDuplicates duplicates) {
		this.duplicates = duplicates;
	}

	@Scheduled(cron = "${rapport.duplicates.detection-cron:0 30 3 * * *}")
	void detectNightly() {
		this.duplicates.detect();
	}

}
