package org.rapport.customer;

import java.time.Instant;
import java.util.UUID;

/**
 * A person asked to be forgotten: their personal data was removed from the customer
 * memory. Modules that keep personal data about the customer remove or anonymise theirs;
 * figures needed for accounting stay, without personal data.
 */
public record CustomerErased(UUID customerId, Instant erasedAt) {
}
