package org.rapport.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClubSpendTest {

	static final BigDecimal NEAR_SILVER = new BigDecimal("450");

	static final BigDecimal NEAR_GOLD = new BigDecimal("1350");

	@Test
	void thePurchasesOfAMemberAddUpToTheirTotalInTheLastSixWeeks() {
		for (int rank = 0; rank < 200; rank++) {
			BigDecimal total = ClubSpend.totalFor(rank);
			List<ClubSpend.Purchase> purchases = ClubSpend.purchases(rank, total);

			assertThat(purchases).hasSizeBetween(2, 3)
				.allSatisfy((p) -> assertThat(p.total()).isPositive())
				.allSatisfy((p) -> assertThat(p.daysAgo()).isBetween(1, 42));
			assertThat(purchases.stream().map(ClubSpend.Purchase::total).reduce(BigDecimal.ZERO, BigDecimal::add))
				.isEqualByComparingTo(total);
		}
	}

	@Test
	void amongTwoHundredMembersAFewReachGoldSomeSilverAndSomeStandWithinTenPercentOfTheNext() {
		List<BigDecimal> totals = IntStream.range(0, 200).mapToObj(ClubSpend::totalFor).toList();

		assertThat(totals.stream().filter((t) -> t.compareTo(ClubSpend.GOLD) >= 0)).hasSize(10);
		assertThat(totals.stream().filter((t) -> t.compareTo(NEAR_GOLD) >= 0 && t.compareTo(ClubSpend.GOLD) < 0))
			.hasSize(5);
		assertThat(totals.stream().filter((t) -> t.compareTo(ClubSpend.SILVER) >= 0 && t.compareTo(NEAR_GOLD) < 0))
			.hasSizeGreaterThan(40);
		assertThat(totals.stream().filter((t) -> t.compareTo(NEAR_SILVER) >= 0 && t.compareTo(ClubSpend.SILVER) < 0))
			.hasSize(20);
		assertThat(ClubSpend.SHOWCASE).isBetween(NEAR_GOLD, ClubSpend.GOLD);
	}

	@Test
	void oneMemberInSixBoughtAboutTwoYearsAgoSoThatThosePointsExpireWithinTheDemosFirstMonth() {
		Instant now = Instant.parse("2026-12-07T09:30:00Z");
		List<Integer> veterans = IntStream.range(0, 200).filter((r) -> ClubSpend.earlier(r) != null).boxed().toList();

		assertThat(veterans).hasSize(33).allSatisfy((rank) -> {
			ClubSpend.Purchase earlier = ClubSpend.earlier(rank);
			Instant expires = earlier.at(now, 0).atZone(ZoneOffset.UTC).plusMonths(24).toInstant();
			assertThat(expires).isBetween(now.plus(7, ChronoUnit.DAYS), now.plus(25, ChronoUnit.DAYS));
			assertThat(earlier.total()).isBetween(new BigDecimal("60"), new BigDecimal("240"));
			// a member a week before it
			assertThat(ClubSpend.memberSince(rank, ClubSpend.totalFor(rank), now))
				.isEqualTo(now.truncatedTo(ChronoUnit.DAYS).minus(earlier.daysAgo() + 7L, ChronoUnit.DAYS));
		});
		assertThat(veterans).startsWith(4, 10, 16);
		assertThat(ClubSpend.earlier(1_000)).as("the showcase").isNull();
		assertThat(ClubSpend.earlier(5)).isNull();
	}

	@Test
	void theSameRankAlwaysGetsTheSamePurchases() {
		assertThat(ClubSpend.purchases(17, ClubSpend.totalFor(17)))
			.isEqualTo(ClubSpend.purchases(17, ClubSpend.totalFor(17)));
	}

}
