package org.rapport.analytics.learn;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class AucTest {

	static final boolean[] LABELS = { false, false, true, true, false, true };

	@Test
	void aPerfectRankingScoresOne() {
		assertThat(Auc.of(new double[] { 0.1, 0.2, 0.8, 0.9, 0.3, 0.7 }, LABELS)).isEqualTo(1.0);
	}

	@Test
	void anInvertedRankingScoresZero() {
		assertThat(Auc.of(new double[] { 0.9, 0.8, 0.2, 0.1, 0.7, 0.3 }, LABELS)).isEqualTo(0.0);
	}

	@Test
	void aRandomScoreScoresAboutOneHalf() {
		SplittableRandom random = new SplittableRandom(12);
		double[] scores = new double[100_000];
		boolean[] labels = new boolean[scores.length];
		for (int i = 0; i < scores.length; i++) {
			scores[i] = random.nextDouble();
			labels[i] = random.nextDouble() < 0.3;
		}

		assertThat(Auc.of(scores, labels)).isCloseTo(0.5, offset(0.01));
	}

	@Test
	void tiesCountOneHalf() {
		// churners 2 and 3 against stayers 1 and 2: 1 + ½ + 1 + 1 of 4 pairs
		assertThat(Auc.of(new double[] { 1, 2, 2, 3 }, new boolean[] { false, true, false, true })).isEqualTo(0.875);
		assertThat(Auc.of(new double[] { 5, 5, 5, 5 }, new boolean[] { false, true, false, true })).isEqualTo(0.5);
	}

	@Test
	void withoutBothClassesItIsUndefined() {
		assertThat(Auc.of(new double[] { 1, 2 }, new boolean[] { true, true })).isNaN();
	}

}
