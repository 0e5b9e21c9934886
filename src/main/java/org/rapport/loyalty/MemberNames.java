package org.rapport.loyalty;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.rapport.customer.Customers;

import org.springframework.stereotype.Component;

/** Customers' names for the rows an admin preview shows (at most {@link #SHOWN}). */
@Component
class MemberNames {

	static final int SHOWN = 200;

	private final Customers customers;

	MemberNames(Customers customers) {
		this.customers = customers;
	}

	/**
	 * The names of the first {@link #SHOWN} distinct customers, read in one statement.
	 */
	Map<UUID, String> of(Collection<UUID> customerIds) {
		return this.customers
			.displayNames(customerIds.stream().filter(Objects::nonNull).distinct().limit(SHOWN).toList());
	}

}
