package org.rapport.interaction;

import java.util.List;
import java.util.UUID;

/**
 * A chunk of a bulk import was stored (published once per chunk, in its transaction,
 * through the durable event publication log, instead of {@link InteractionsRecorded} with
 * every interaction). Listeners recompute what they keep for the named customers from
 * their interactions (docs/adr/0007-bulk-import.md). The bulk writer of generated
 * histories publishes it too, per chunk and source system, with no {@code jobId}.
 *
 * @param jobId the import run, or null for a bulk write outside an import
 */
public record InteractionsImported(UUID jobId, String sourceSystem, int interactions, List<UUID> customerIds) {

}
