package org.rapport.analytics;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuyerDaysTest {

	static final UUID LOW = UUID.fromString("00000000-0000-0000-0000-000000000001");

	static final UUID MIDDLE = UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff");

	// its most significant bit set: negative as a signed long, above the others as
	// PostgreSQL orders uuids
	static final UUID HIGH = UUID.fromString("80000000-0000-0000-0000-000000000000");

	static final UUID HIGHEST = UUID.fromString("ffffffff-ffff-ffff-ffff-fffffffffffe");

	@Test
	void aBuyersDaysAreTheSumOfTheirMonths() {
		BuyerDays days = new BuyerDays();
		days.row(LOW, 2);
		days.row(LOW, 3);
		days.row(HIGH, 1);

		assertThat(days.size()).isEqualTo(2);
		assertThat(find(days, LOW)).isEqualTo(5);
		assertThat(find(days, HIGH)).isEqualTo(1);
	}

	@Test
	void buyersAreFoundWalkingInPostgresUuidOrderAndAnUnseenBuyerHasNone() {
		BuyerDays days = new BuyerDays();
		days.row(LOW, 1);
		days.row(HIGH, 4);
		days.row(HIGHEST, 6);

		assertThat(find(days, LOW)).isEqualTo(1);
		assertThat(find(days, MIDDLE)).isEqualTo(-1);
		assertThat(find(days, HIGH)).isEqualTo(4);
		assertThat(find(days, HIGHEST)).isEqualTo(6);
		assertThat(find(days, new UUID(-1, -1))).isEqualTo(-1);
	}

	@Test
	void buyersTheStagedRowsDoNotHaveAreSkipped() {
		BuyerDays days = new BuyerDays();
		for (int i = 1; i <= 5000; i++) {
			days.row(new UUID(0, i), i % 7 + 1);
		}

		assertThat(find(days, new UUID(0, 10))).isEqualTo(4);
		assertThat(find(days, new UUID(0, 4999))).isEqualTo(4999 % 7 + 1);
		assertThat(find(days, new UUID(1, 0))).isEqualTo(-1);
	}

	@Test
	void uuidsCompareAsUnsignedBytes() {
		assertThat(BuyerDays.compare(MIDDLE.getMostSignificantBits(), MIDDLE.getLeastSignificantBits(),
				HIGH.getMostSignificantBits(), HIGH.getLeastSignificantBits()))
			.isNegative();
		assertThat(BuyerDays.compare(0, -1, 0, 1)).isPositive();
		assertThat(BuyerDays.compare(5, 5, 5, 5)).isZero();
	}

	private static int find(BuyerDays days, UUID buyer) {
		return days.find(buyer.getMostSignificantBits(), buyer.getLeastSignificantBits());
	}

}
