package org.rapport.analytics;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleLadderTest {

	@Test
	void theFunnelFollowsTheLadderAndShowsAStageNobodyIsAtAsZero() {
		// as the snapshot counts them: most customers first
		List<Charts.Count> counted = List.of(count("LOST", 2488), count("FIRST_TIME_BUYER", 1053),
				count("REPEAT_BUYER", 948), count("LOYAL", 511));

		List<Charts.Count> funnel = DashboardView.ladder(counted);

		assertThat(funnel).extracting(Charts.Count::key)
			.containsExactly("PROSPECT", "POTENTIAL", "FIRST_TIME_BUYER", "REPEAT_BUYER", "LOYAL", "PROMOTER", "LOST");
		assertThat(funnel).extracting(Charts.Count::customers).containsExactly(0L, 0L, 1053L, 948L, 511L, 0L, 2488L);
	}

	@Test
	void movesBetweenStagesAreListedByTheStageLeftThenTheStageReachedInTheLaddersOrder() {
		TreeSet<String> lines = new TreeSet<>(DashboardView.FLOW_ORDER);
		lines.addAll(List.of("REPEAT_BUYER>LOST", "FIRST_TIME_BUYER>REPEAT_BUYER", "LOST>REPEAT_BUYER",
				"PROSPECT>FIRST_TIME_BUYER", "FIRST_TIME_BUYER>LOST", "REPEAT_BUYER>LOYAL", "LOYAL>PROMOTER"));

		assertThat(lines).containsExactly("PROSPECT>FIRST_TIME_BUYER", "FIRST_TIME_BUYER>REPEAT_BUYER",
				"FIRST_TIME_BUYER>LOST", "REPEAT_BUYER>LOYAL", "REPEAT_BUYER>LOST", "LOYAL>PROMOTER",
				"LOST>REPEAT_BUYER");
	}

	private static Charts.Count count(String stage, long customers) {
		return new Charts.Count(stage, customers, BigDecimal.TEN);
	}

}
