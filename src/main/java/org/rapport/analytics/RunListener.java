package org.rapport.analytics;

/** Watches a run as it goes: after every batch of customers, and at each phase. */
public interface RunListener {

	RunListener NONE = new RunListener() {
	};

	default void progress(AnalyticsRun run) {
	}

	default void phase(String name) {
	}

}
