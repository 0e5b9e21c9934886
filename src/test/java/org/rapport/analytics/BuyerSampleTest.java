package org.rapport.analytics;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuyerSampleTest {

	@Test
	void upToItsCapacityTheSampleIsEveryBuyerInOrder() {
		assertThat(BuyerSample.draw(10, 1, 7)).containsExactly(0, 1, 2, 3, 4, 5, 6);
		assertThat(BuyerSample.complete(10, 7)).isTrue();
		assertThat(BuyerSample.complete(10, 11)).isFalse();
	}

	@Test
	void aboveItsCapacityTheSampleHoldsDistinctBuyersAndTheSameSeedDrawsTheSameOnes() {
		int[] first = BuyerSample.draw(100, 7, 5_000);
		int[] again = BuyerSample.draw(100, 7, 5_000);
		int[] other = BuyerSample.draw(100, 8, 5_000);
		assertThat(first).hasSize(100).doesNotHaveDuplicates().containsExactly(again);
		assertThat(first).isNotEqualTo(other);
		assertThat(Arrays.stream(first).min().getAsInt()).isGreaterThanOrEqualTo(0);
		assertThat(Arrays.stream(first).max().getAsInt()).isLessThan(5_000);
		long late = Arrays.stream(first).filter((i) -> i >= 2_500).count();
		assertThat(late).as("buyers from the second half").isBetween(25L, 75L);
	}

}
