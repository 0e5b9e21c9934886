package org.rapport.customer;

import java.time.Instant;

/**
 * One entry of a customer's consent history: what was decided, when, where and by whom.
 */
public record ConsentRecord(ConsentChannel channel, ConsentPurpose purpose, boolean granted, Instant changedAt,
		String source, String recordedBy) {
}
