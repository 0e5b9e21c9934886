package org.rapport.loyalty;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.rapport.customer.Customers;

import org.springframework.stereotype.Component;

/**
 * Customers' names for the rows an admin page shows: at most {@link #SHOWN} rows per
 * list, and up to three lists on a page.
 */
@Component
class MemberNames {

	static final int SHOWN = 200;

	/** The most names read at once: three lists of {@link #SHOWN}. */
	static final int NAMED = 3 * SHOWN;

	private final Customers customers;

	MemberNames(Customers customers) {
		this.customers = customers;
	}

	/**
	 * The names of the first {@link #NAMED} distinct customers, read in one statement.
	 */
	Map<UUID, String> of(Collection<UUID> customerIds) {
		return this.customers
			.displayNames(customerIds.stream().filter(Objects::nonNull).distinct().limit(NAMED).toList());
	}

}
