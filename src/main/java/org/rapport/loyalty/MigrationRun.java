package org.rapport.loyalty;

/**
 * What a programme migration did: members moved, available and pending points carried
 * over by TRANSFER pairs, cards re-pointed, tier rows carried. A rerun moves nothing.
 */
public record MigrationRun(String fromProgramme, String toProgramme, int members, long availablePoints,
		long pendingPoints, int cards, int tiers) {
}
