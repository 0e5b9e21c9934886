package org.rapport.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the demo's loyalty members spend after they joined "Rapport Club", chosen so the
 * tier ladder (Silver from {@link #SILVER} EUR, Gold from {@link #GOLD} EUR spent in 12
 * months) has something to show: by the member's place {@code rank} in the list (highest
 * revenue first), one in twenty reaches Gold, one in forty stands within 10 % of Gold,
 * six in twenty reach Silver, two in twenty stand within 10 % of Silver, the others spend
 * a little. One member in six has been in the club for two years: an earlier purchase,
 * whose points expire within the demo's first month, puts them on the list of points
 * about to expire. Deterministic: the same rank always gives the same purchases.
 */
final class ClubSpend {

	static final BigDecimal SILVER = new BigDecimal("500");

	static final BigDecimal GOLD = new BigDecimal("1500");

	/** The showcase customer: Silver, and within 10 % of Gold. */
	static final BigDecimal SHOWCASE = new BigDecimal("1420.00");

	private ClubSpend() {
	}

	/** One purchase: how many days before today, and its total. */
	record Purchase(int daysAgo, BigDecimal total) {

		Instant at(Instant now, int index) {
			return now.truncatedTo(ChronoUnit.DAYS)
				.minus(this.daysAgo, ChronoUnit.DAYS)
				.plus(10 + (index % 9), ChronoUnit.HOURS)
				.plus((index * 17L) % 60, ChronoUnit.MINUTES);
		}

	}

	/**
	 * When the member of {@code rank} joined: a week before their first purchase in the
	 * club.
	 */
	static Instant memberSince(int rank, BigDecimal total, Instant now) {
		Purchase earlier = earlier(rank);
		int first = (earlier != null) ? earlier.daysAgo() : purchases(rank, total).get(0).daysAgo();
		return now.truncatedTo(ChronoUnit.DAYS).minus(first + 7L, ChronoUnit.DAYS);
	}

	/**
	 * The purchase a member of two years made before the last six weeks, or null: one
	 * member in six (rank 4, 10, 16, …: none of them takes a coffee or the discount), not
	 * the showcase (drawn at rank 1,000 and above). It was made 707 to 722 days ago, so
	 * the points it earned (the club's points last 24 months) expire 8 to 24 days from
	 * today.
	 */
	static Purchase earlier(int rank) {
		if (rank < 0 || rank >= 1_000 || rank % 6 != 4) {
			return null;
		}
		SplittableRandom random = new SplittableRandom(104_729L * (rank + 1));
		return new Purchase(722 - (rank % 16), euros(random, 60, 240));
	}

	/** The total the member of {@code rank} spends in the club. */
	static BigDecimal totalFor(int rank) {
		SplittableRandom random = new SplittableRandom(61_061L + rank);
		int band = rank % 20;
		if (band == 0) {
			return euros(random, 1_560, 2_100);
		}
		if (band == 1 && rank % 40 == 1) {
			return euros(random, 1_360, 1_490);
		}
		if (band >= 2 && band <= 7) {
			return euros(random, 520, 1_300);
		}
		if (band == 8 || band == 9) {
			return euros(random, 455, 495);
		}
		return euros(random, 40, 400);
	}

	/**
	 * The total split into two or three purchases in the last six weeks, oldest first;
	 * the parts add up to the total exactly.
	 */
	static List<Purchase> purchases(int rank, BigDecimal total) {
		SplittableRandom random = new SplittableRandom(7_919L * (rank + 1));
		int count = 2 + random.nextInt(2);
		List<Purchase> purchases = new ArrayList<>();
		BigDecimal left = total;
		int day = 35 + random.nextInt(8);
		for (int i = 0; i < count; i++) {
			BigDecimal part;
			if (i == count - 1) {
				part = left;
			}
			else {
				part = total.multiply(BigDecimal.valueOf(25 + random.nextInt(20)))
					.divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
			}
			left = left.subtract(part);
			purchases.add(new Purchase(day, part));
			day = Math.max(1, day - 8 - random.nextInt(12));
		}
		return purchases;
	}

	private static BigDecimal euros(SplittableRandom random, int from, int to) {
		long cents = from * 100L + random.nextLong((to - from) * 100L);
		return BigDecimal.valueOf(cents, 2);
	}

}
