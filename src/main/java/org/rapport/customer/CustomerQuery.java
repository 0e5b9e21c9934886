package org.rapport.customer;

import java.util.UUID;

/**
 * A search over active customers. {@code text} matches names by word prefix, accent and
 * case-insensitively (every word must match: "jose gar" finds "José García"), and, when
 * it looks like one, an e-mail, phone or card number. Every other field, when set,
 * narrows the result.
 */
public record CustomerQuery(String text, LifecycleStage stage, String tag, UUID assignedTo, CustomerKind kind,
		CustomerSort sort) {

	public CustomerQuery {
		sort = sort == null ? CustomerSort.NAME : sort;
	}

	public static CustomerQuery text(String text) {
		return new CustomerQuery(text, null, null, null, null, CustomerSort.NAME);
	}

	public static CustomerQuery all() {
		return text(null);
	}

}
