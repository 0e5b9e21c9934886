package org.rapport.customer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person asked to be forgotten: their personal data was removed from the customer
 * memory. Modules that keep personal data about the customer remove or anonymise theirs;
 * figures needed for accounting stay, without personal data. {@code records} are the
 * customer and every record merged into it earlier (the same person), whose data goes
 * too.
 */
public record CustomerErased(UUID customerId, List<UUID> records, Instant erasedAt) {

	public CustomerErased {
		records = (records == null || records.isEmpty()) ? List.of(customerId) : List.copyOf(records);
	}

	public CustomerErased(UUID customerId, Instant erasedAt) {
		this(customerId, List.of(customerId), erasedAt);
	}

}
