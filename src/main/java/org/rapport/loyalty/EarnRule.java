package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

/**
 * An earning rule of a programme: valid in [validFrom, validTo) (open ends when null),
 * combined with the other matching rules of its {@code group} by the group's
 * {@link Combination}.
 */
public record EarnRule(UUID id, RuleKind kind, String group, String name, RuleParams params, Instant validFrom,
		Instant validTo, boolean active) {

	public boolean validAt(Instant at) {
		return this.active && (this.validFrom == null || !at.isBefore(this.validFrom))
				&& (this.validTo == null || at.isBefore(this.validTo));
	}

}
