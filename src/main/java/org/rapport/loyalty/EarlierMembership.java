package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * A membership that is no longer active but whose ledger stays: {@code status} MIGRATED
 * (its programme's members were moved into another programme) or MERGED (combined into
 * another account of the same programme when two customers were merged), closed at
 * {@code closedAt} (null when not known), its balance carried on by {@code continuedIn}
 * of the programme {@code continuedInProgramme}.
 */
public record EarlierMembership(UUID accountId, String programmeCode, String status, Instant enrolledAt,
		Instant closedAt, UUID continuedIn, String continuedInProgramme) {
}
