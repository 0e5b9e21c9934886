package org.rapport.customer;

import java.time.Instant;
import java.util.UUID;

/**
 * Two customer records were found to be one person and merged: everything of
 * {@code mergedId} now belongs to {@code survivorId}. Modules that keep data per customer
 * (interactions, loyalty accounts) move theirs.
 */
public record CustomerMerged(UUID survivorId, UUID mergedId, Instant mergedAt) {
}
