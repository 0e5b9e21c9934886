package org.rapport.analytics;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AnalyticsRulesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			5 | 5 | 5 | CHAMPIONS
			4 | 5 | 4 | CHAMPIONS
			5 | 1 | 1 | NEW
			4 | 1 | 1 | PROMISING
			5 | 2 | 3 | POTENTIAL_LOYALIST
			3 | 4 | 4 | LOYAL
			3 | 3 | 3 | NEED_ATTENTION
			3 | 2 | 1 | ABOUT_TO_SLEEP
			2 | 3 | 4 | AT_RISK
			1 | 2 | 3 | AT_RISK
			1 | 5 | 4 | CANT_LOSE
			2 | 5 | 5 | CANT_LOSE
			2 | 1 | 2 | HIBERNATING
			1 | 1 | 1 | LOST
			""")
	void theSegmentIsReadFromRecencyAgainstTheRoundedMeanOfFrequencyAndMonetary(int r, int f, int m,
			RfmSegment segment) {
		assertThat(RfmSegment.of(r, f, m)).isEqualTo(segment);
	}

	@Test
	void everySegmentHasACellAndEveryCellASegment() {
		Set<RfmSegment> seen = EnumSet.noneOf(RfmSegment.class);
		for (int r = 1; r <= 5; r++) {
			for (int f = 1; f <= 5; f++) {
				for (int m = 1; m <= 5; m++) {
					seen.add(RfmSegment.of(r, f, m));
				}
			}
		}
		assertThat(seen).containsExactlyInAnyOrder(RfmSegment.values());
		assertThat(RfmSegment.sqlValues()).contains("(5, 5, 5, 'CHAMPIONS')").contains("(1, 1, 1, 'LOST')");
	}

	@Test
	void scoresOfOtherBinCountsAreRescaledToFive() {
		assertThat(RfmSegment.toFive(1, 3)).isEqualTo(2);
		assertThat(RfmSegment.toFive(3, 3)).isEqualTo(5);
		assertThat(RfmSegment.toFive(1, 10)).isEqualTo(1);
		assertThat(RfmSegment.toFive(10, 10)).isEqualTo(5);
		assertThat(RfmSegment.toFive(4, 5)).isEqualTo(4);
	}

	@Test
	void scoresOutsideOneToFiveAreRefused() {
		assertThatThrownBy(() -> RfmSegment.of(0, 3, 3)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> RfmSegment.of(3, 6, 3)).isInstanceOf(IllegalArgumentException.class);
	}

	@ParameterizedTest
	@CsvSource({ "true, true, TRUE_FRIEND", "false, true, BUTTERFLY", "true, false, BARNACLE",
			"false, false, STRANGER" })
	void theMatrixClassFollowsLoyaltyAndProfitability(boolean loyal, boolean profitable, LoyaltyClass expected) {
		assertThat(LoyaltyClass.of(loyal, profitable)).isEqualTo(expected);
		assertThat(LoyaltyClass.sqlValues()).contains("(" + loyal + ", " + profitable + ", '" + expected + "')");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", textBlock = """
			null, 0, false, LOW
			null, 1, false, MEDIUM
			null, 2, false, HIGH
			null, 4, false, HIGH
			0.9,  0, false, LOW
			0.69, 0, false, MEDIUM
			0.5,  1, false, HIGH
			0.29, 0, false, HIGH
			0.95, 3, true,  CHURNED
			null, 0, true,  CHURNED
			""")
	void riskRisesWithLowProbabilityAliveAndWithEachSignal(Double pAlive, int signals, boolean lapsed,
			RiskCategory expected) {
		assertThat(RiskCategory.of(pAlive, signals, lapsed)).isEqualTo(expected);
	}

	@Test
	void theRiskLookupTableAgreesWithTheRule() {
		String table = RiskCategory.sqlValues();
		assertThat(table).contains("(0, 0, false, 'LOW')", "(0, 1, false, 'MEDIUM')", "(1, 1, false, 'HIGH')",
				"(2, 0, false, 'HIGH')", "(0, 2, true, 'CHURNED')");
	}

	@Test
	void theValueTierFollowsTheMonetaryScore() {
		assertThat(ValueTier.ofMonetaryScore(5)).isEqualTo(ValueTier.HIGH);
		assertThat(ValueTier.ofMonetaryScore(4)).isEqualTo(ValueTier.HIGH);
		assertThat(ValueTier.ofMonetaryScore(3)).isEqualTo(ValueTier.MEDIUM);
		assertThat(ValueTier.ofMonetaryScore(2)).isEqualTo(ValueTier.MEDIUM);
		assertThat(ValueTier.ofMonetaryScore(1)).isEqualTo(ValueTier.LOW);
	}

	@Test
	void giniIsZeroForEqualValuesAndNMinusOneOverNWhenOneCustomerHoldsEverything() {
		assertThat(Concentration.gini(new double[] { 5, 5, 5, 5 })).isCloseTo(0, within(1e-12));
		assertThat(Concentration.gini(new double[] { 0, 0, 0, 7 })).isCloseTo(0.75, within(1e-12));
		assertThat(Concentration.gini(new double[] { 4, 1, 3, 2 })).isCloseTo(0.25, within(1e-12));
		assertThat(Concentration.gini(new double[] {})).isZero();
	}

	@Test
	void negativeRevenueCountsAsNothingInTheConcentration() {
		assertThat(Concentration.gini(new double[] { -10, 0, 0, 7 })).isCloseTo(0.75, within(1e-12));
	}

	@Test
	void theTopShareCountsWholeCustomersRoundedUpAndTheLorenzCurveJoinsWholeCustomersByStraightLines() {
		double[] values = { 1, 1, 1, 1, 1, 1, 1, 1, 10, 82 };
		assertThat(Concentration.topShare(values, 0.2)).isCloseTo(0.92, within(1e-12));
		assertThat(Concentration.lorenz(values, 0.8)).isCloseTo(0.08, within(1e-12));
		assertThat(Concentration.lorenz(values, 0.25)).isCloseTo(0.025, within(1e-12));
		assertThat(Concentration.lorenz(values, 0.95)).isCloseTo(0.59, within(1e-12));
		assertThat(Concentration.lorenz(values, 1)).isCloseTo(1, within(1e-12));
		assertThat(Concentration.topShare(new double[] { 1, 2, 3 }, 0.2)).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void theLorenzCurveOfRevenueSortedAscendingNeverRisesAboveTheDiagonal() {
		java.util.SplittableRandom random = new java.util.SplittableRandom(5);
		java.util.List<double[]> populations = new java.util.ArrayList<>(
				java.util.List.of(new double[] { 50 }, new double[] { 30, 30, 30 }, new double[] { 10, 20 },
						new double[] { -5, 40, 40 }, new double[] { 0, 0, 7 }));
		for (int i = 0; i < 200; i++) {
			double[] values = new double[1 + random.nextInt(12)];
			for (int v = 0; v < values.length; v++) {
				values[v] = random.nextInt(4) == 0 ? 0 : random.nextDouble(-20, 500);
			}
			populations.add(values);
		}
		for (double[] values : populations) {
			double previous = 0;
			for (int step = 0; step <= 20; step++) {
				double share = step / 20.0;
				double lorenz = Concentration.lorenz(values, share);
				assertThat(lorenz).as("L(%s) of %s", share, java.util.Arrays.toString(values))
					.isLessThanOrEqualTo(share + 1e-12)
					.isGreaterThanOrEqualTo(previous - 1e-12);
				previous = lorenz;
			}
			assertThat(previous).isCloseTo(1, within(1e-12));
		}
		assertThat(Concentration.lorenz(new double[] { 30, 30, 30 }, 0.05)).isCloseTo(0.05, within(1e-12));
	}

	@Test
	void withoutAModelNoPredictionIsAvailable() {
		ValuePredictor.Predictions p = ValuePredictor.NONE.predict(new double[] { 1 }, new double[] { 1 },
				new double[] { 2 }, new double[] { 10 });
		assertThat(p.available()).isFalse();
	}

}
