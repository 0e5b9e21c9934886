package org.rapport.loyalty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How many of a programme's active members hold each tier of its ladder now, lowest tier
 * first and every tier listed (none at zero), those held by a manual override counted
 * apart; tiers members still hold that the ladder no longer has come after (a code only),
 * and last the members without a tier.
 */
public record TierMembers(Instant at, List<Line> tiers, long withoutTier, long members) {

	/**
	 * A tier and its members now; {@code name} null for a code the ladder no longer has.
	 */
	@Schema(name = "TierMembersLine")
	public record Line(String code, String name, long members, long byOverride) {
	}

	/**
	 * What one group of stored tier rows counts: a tier code (or none), members,
	 * overrides.
	 */
	record Held(String code, long members, long byOverride) {
	}

	/**
	 * The lines in the ladder's order from the counts of the stored tier rows of the
	 * active members ({@code held}; a null code is no tier) and the number of active
	 * members: those with no stored row hold no tier either.
	 */
	static TierMembers of(TierLadder ladder, List<Held> held, long members, Instant at) {
		Map<String, Held> byCode = new LinkedHashMap<>();
		long withTier = 0;
		for (Held h : held) {
			if (h.code() != null) {
				byCode.put(h.code(), h);
				withTier += h.members();
			}
		}
		List<Line> lines = new ArrayList<>();
		for (Tier tier : ladder.tiers()) {
			Held h = byCode.remove(tier.code());
			lines.add(new Line(tier.code(), tier.name(), (h == null) ? 0 : h.members(),
					(h == null) ? 0 : h.byOverride()));
		}
		byCode.values().forEach((h) -> lines.add(new Line(h.code(), null, h.members(), h.byOverride())));
		return new TierMembers(at, lines, Math.max(0, members - withTier), members);
	}

}
