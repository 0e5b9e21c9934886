package org.rapport.demo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A measured rate counts only when the listeners kept up with it (ADR 0064): the events
 * of the window were all delivered, and soon after the calls ended.
 */
class CommitCountTest {

	private static CommitCount.Cost cost(boolean drained, long outstanding, Duration drain) {
		return new CommitCount.Cost(100, 0, 100, 50, drained, 0, 0, TableWrites.Counts.NONE, outstanding,
				drained ? drain.toNanos() : -1);
	}

	@Test
	void listenersKeptUpWhenTheWindowsEventsWereDeliveredWithinTheLimit() {
		assertThat(cost(true, 12, Duration.ofMillis(300)).keptUp(Duration.ofSeconds(2))).isTrue();
		assertThat(cost(true, 0, Duration.ZERO).keptUp(Duration.ofSeconds(2))).isTrue();
	}

	@Test
	void listenersFellBehindWhenTheDeliveryTookLongerThanTheLimitOrNeverEnded() {
		assertThat(cost(true, 4_000, Duration.ofMillis(2_001)).keptUp(Duration.ofSeconds(2))).isFalse();
		assertThat(cost(false, 9_000, Duration.ZERO).keptUp(Duration.ofSeconds(2))).isFalse();
	}

	@Test
	void theLagSaysWhatWasOutstandingAndHowLongItTook() {
		assertThat(cost(true, 1_234, Duration.ofMillis(1_460)).describeLag())
			.isEqualTo("1,234 event publications outstanding when the calls ended, delivered 1.5 s later");
		assertThat(cost(false, 9_000, Duration.ZERO).describeLag()).isEqualTo(
				"9,000 event publications outstanding when the calls ended, some still undelivered after the wait");
	}

}
