package org.rapport.loyalty;

import java.time.Instant;

/**
 * What a ledger job run did: lots handled, movements written, points moved. A rerun
 * reports zeros.
 */
public record JobRun(String job, Instant asOf, int lots, int movements, long points) {
}
