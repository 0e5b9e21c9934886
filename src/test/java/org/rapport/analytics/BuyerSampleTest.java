package org.rapport.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuyerSampleTest {

	@Test
	void upToItsCapacityTheSampleIsEveryBuyerInStreamOrder() {
		BuyerSample sample = new BuyerSample(10, 1);
		List<UUID> ids = ids(7);
		sample.offer(ids.subList(0, 4), rows(0, 4));
		sample.offer(ids.subList(4, 7), rows(4, 7));
		assertThat(sample.complete()).isTrue();
		assertThat(sample.ids()).containsExactlyElementsOf(ids);
		assertThat(sample.rows()[6][0]).isEqualTo(6);
	}

	@Test
	void aboveItsCapacityTheSampleHoldsDistinctBuyersAndTheSameSeedDrawsTheSameOnes() {
		List<UUID> ids = ids(5_000);
		BuyerSample first = new BuyerSample(100, 7);
		BuyerSample again = new BuyerSample(100, 7);
		for (int from = 0; from < ids.size(); from += 1_000) {
			first.offer(ids.subList(from, from + 1_000), rows(from, from + 1_000));
			again.offer(ids.subList(from, from + 1_000), rows(from, from + 1_000));
		}
		assertThat(first.complete()).isFalse();
		assertThat(first.seen()).isEqualTo(5_000);
		assertThat(first.ids()).hasSize(100).doesNotHaveDuplicates().containsExactly(again.ids());
		Set<UUID> drawn = new HashSet<>(Arrays.asList(first.ids()));
		assertThat(drawn).isSubsetOf(ids);
		long late = Arrays.stream(first.rows()).filter((row) -> row[0] >= 2_500).count();
		assertThat(late).as("buyers from the second half of the stream").isBetween(25L, 75L);
	}

	private static List<UUID> ids(int n) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			ids.add(new UUID(0, i));
		}
		return ids;
	}

	private static double[][] rows(int from, int to) {
		double[][] rows = new double[to - from][];
		for (int i = from; i < to; i++) {
			rows[i - from] = new double[] { i };
		}
		return rows;
	}

}
