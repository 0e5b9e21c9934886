package org.rapport.analytics.clv;

import org.rapport.analytics.model.PurchaseSummaries;

/**
 * Per-customer summaries read from a file: ids, frequency/recency/T and the mean
 * repeat-purchase value ({@code monetary} null when the file has none).
 */
record CustomerTable(CustomerIds ids, PurchaseSummaries summaries, double[] monetary) {

	int size() {
		return this.ids.size();
	}

}
