package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TierMembersTest {

	static final TierLadder LADDER = new TierLadder(TierLadder.Measure.SPEND, TierLadder.Window.ROLLING_12_MONTHS, 0,
			List.of(tier("SILVER", "Silver", "500"), tier("GOLD", "Gold", "1500")));

	@Test
	void everyTierOfTheLadderIsListedLowestFirstAndMembersWithoutAStoredTierHoldNone() {
		// 10 active members: 3 Gold (1 by hand), 2 with a row saying no tier, 5 never
		// qualified (no row)
		TierMembers members = TierMembers.of(LADDER,
				List.of(new TierMembers.Held("GOLD", 3, 1), new TierMembers.Held(null, 2, 0)), 10, Instant.EPOCH);

		assertThat(members.tiers()).containsExactly(new TierMembers.Line("SILVER", "Silver", 0, 0),
				new TierMembers.Line("GOLD", "Gold", 3, 1));
		assertThat(members.withoutTier()).isEqualTo(7);
		assertThat(members.members()).isEqualTo(10);
	}

	@Test
	void aTierMembersStillHoldThatTheLadderNoLongerHasComesAfterTheLaddersTiers() {
		TierMembers members = TierMembers.of(LADDER,
				List.of(new TierMembers.Held("PLATINUM", 2, 2), new TierMembers.Held("SILVER", 4, 0)), 6,
				Instant.EPOCH);

		assertThat(members.tiers()).extracting(TierMembers.Line::code).containsExactly("SILVER", "GOLD", "PLATINUM");
		assertThat(members.tiers().get(2).name()).isNull();
		assertThat(members.withoutTier()).isZero();
	}

	private static Tier tier(String code, String name, String threshold) {
		return new Tier(code, name, new BigDecimal(threshold), null, null, false, null);
	}

}
