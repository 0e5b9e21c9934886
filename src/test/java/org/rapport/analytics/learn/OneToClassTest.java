package org.rapport.analytics.learn;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class OneToClassTest {

	static final List<Feature> RFM = List.of(Feature.of("frequency"), Feature.skewed("spend"),
			Feature.of("days since last purchase").words("lapsed", "recent"));

	@Test
	void silhouettePicksTheTrueNumberOfBlobs() {
		double[][] centres = { { 0, 0, 0 }, { 12, 0, 0 }, { 0, 12, 0 }, { 0, 0, 12 } };
		Blobs blobs = Blobs.around(centres, 150, 1.0, 21);
		List<Feature> features = List.of(Feature.of("a"), Feature.of("b"), Feature.of("c"));

		ClassModel model = OneToClass.fit(blobs.points(), features, ClusteringOptions.defaults());

		assertThat(model.selection().chosenK()).isEqualTo(4);
		assertThat(model.selection().curve()).extracting(KScore::k).containsExactly(2, 3, 4, 5, 6, 7, 8);
		assertThat(model.selection().silhouetteExact()).isTrue();
		assertThat(blobs.recoveredBy(model.assignAll(blobs.points()))).isTrue();
	}

	@Test
	void theElbowOfTheWithinSumOfSquaresIsReportedBesideIt() {
		double[][] centres = { { 0, 0 }, { 12, 0 }, { 0, 12 }, { 12, 12 } };
		Blobs blobs = Blobs.around(centres, 100, 1.0, 4);

		ClassModel model = OneToClass.fit(blobs.points(), List.of(Feature.of("x"), Feature.of("y")),
				ClusteringOptions.defaults());

		assertThat(model.selection().elbowK()).isEqualTo(4);
		List<KScore> curve = model.selection().curve();
		for (int i = 1; i < curve.size(); i++) {
			assertThat(curve.get(i).withinSS()).isLessThanOrEqualTo(curve.get(i - 1).withinSS());
		}
	}

	@Test
	void theSameSeedGivesTheSameClassesAndCurve() {
		double[][] rows = customers(600, 3);

		ClassModel first = OneToClass.fit(rows, RFM, ClusteringOptions.defaults().withSeed(17));
		ClassModel second = OneToClass.fit(rows, RFM, ClusteringOptions.defaults().withSeed(17));

		assertThat(second.selection()).isEqualTo(first.selection());
		assertThat(second.profiles()).isEqualTo(first.profiles());
		assertThat(second.assignAll(rows)).isEqualTo(first.assignAll(rows));
	}

	@Test
	void theKFittedSideBySideGiveTheModelOfTheKFittedOneAfterTheOther() {
		double[][] rows = customers(3000, 9);
		ClusteringOptions options = ClusteringOptions.defaults().withSeed(5).withFitSampleSize(2000);

		ClassModel parallel = OneToClass.fit(rows, RFM, options, true);
		ClassModel sequential = OneToClass.fit(rows, RFM, options, false);

		assertThat(parallel.selection()).isEqualTo(sequential.selection());
		assertThat(parallel.centroids()).isDeepEqualTo(sequential.centroids());
		assertThat(parallel.profiles()).isEqualTo(sequential.profiles());
		assertThat(parallel.assignAll(rows)).isEqualTo(sequential.assignAll(rows));
	}

	@Test
	void profilesGiveSizeShareOriginalMeansAndDeterministicLabels() {
		double[][] rows = customers(1000, 5);

		ClassModel model = OneToClass.fit(rows, RFM, ClusteringOptions.defaults().withK(2, 2));

		ClassProfile occasional = model.profiles().get(0);
		ClassProfile loyal = model.profiles().get(1);
		assertThat(occasional.size()).isEqualTo(700);
		assertThat(loyal.size()).isEqualTo(300);
		assertThat(occasional.share()).isCloseTo(0.7, offset(1e-12));
		assertThat(loyal.features()).extracting(FeatureMean::feature)
			.containsExactly("frequency", "spend", "days since last purchase");
		assertThat(loyal.features().get(1).mean()).isCloseTo(meanOf(rows, 1, true), offset(1e-6));
		assertThat(loyal.label()).contains("high frequency", "high spend", "recent");
		assertThat(occasional.label()).contains("low frequency", "low spend", "lapsed");
	}

	@Test
	void aClassIsNamedByItsLargestDeviationsFirstAndAtMostThree() {
		List<Feature> features = List.of(Feature.of("frequency"), Feature.skewed("spend"),
				Feature.of("days since last purchase").words("lapsed", "recent"), Feature.of("basket"));
		List<FeatureMean> means = List.of(new FeatureMean("frequency", 9, 1.2), new FeatureMean("spend", 900, 2.0),
				new FeatureMean("days since last purchase", 4, -0.8), new FeatureMean("basket", 3, 0.6));

		assertThat(ClassProfiler.label(means, features, 0.5)).isEqualTo("high spend · high frequency · recent");
	}

	@Test
	void aClassCloseToThePopulationIsTypical() {
		List<FeatureMean> means = List.of(new FeatureMean("frequency", 3, 0.2), new FeatureMean("spend", 90, -0.4),
				new FeatureMean("days since last purchase", 40, 0.1));

		assertThat(ClassProfiler.label(means, RFM, 0.5)).isEqualTo("typical");
	}

	@Test
	void millionsOfRowsFitOnASampleAndAreProfiledInBatches() {
		double[][] rows = customers(20_000, 9);
		ClusteringOptions options = ClusteringOptions.defaults().withK(2, 3).withFitSampleSize(2_000);

		ClassModel model = OneToClass.fit(rows, RFM, options);
		ClassProfiler profiler = model.profiler();
		for (int from = 0; from < rows.length; from += 1_000) {
			profiler.acceptAll(java.util.Arrays.copyOfRange(rows, from, from + 1_000));
		}

		assertThat(model.selection().chosenK()).isEqualTo(2);
		assertThat(profiler.profiles()).isEqualTo(model.profiles());
		assertThat(profiler.profiles().get(0).size() + profiler.profiles().get(1).size()).isEqualTo(20_000);
		assertThat(profiler.profiles().get(1).size()).isEqualTo(6_000);
	}

	@Test
	void aSkewedFeatureIsStandardisedOnTheLogScale() {
		double[][] rows = { { 0 }, { Math.E - 1 }, { Math.E * Math.E - 1 } };

		Standardiser s = Standardiser.fit(rows, List.of(Feature.skewed("spend")));

		assertThat(s.means()[0]).isCloseTo(1.0, offset(1e-12));
		assertThat(s.apply(new double[] { Math.E - 1 })[0]).isCloseTo(0.0, offset(1e-12));
		assertThat(s.apply(new double[] { 0 })[0]).isCloseTo(-Math.sqrt(1.5), offset(1e-12));
	}

	@Test
	void aConstantFeatureStandardisesToZero() {
		Standardiser s = Standardiser.fit(new double[][] { { 5, 1 }, { 5, 3 } },
				List.of(Feature.of("a"), Feature.of("b")));

		assertThat(s.apply(new double[] { 5, 3 })).containsExactly(0.0, 1.0);
	}

	@Test
	void aReservoirKeepsAFixedSizeSeededSampleOfAStream() {
		ReservoirSample first = new ReservoirSample(100, 3);
		ReservoirSample second = new ReservoirSample(100, 3);
		for (int i = 0; i < 10_000; i++) {
			first.offer(new double[] { i });
			second.offer(new double[] { i });
		}

		assertThat(first.seen()).isEqualTo(10_000);
		assertThat(first.rows()).hasDimensions(100, 1).isDeepEqualTo(second.rows());
		double mean = java.util.Arrays.stream(first.rows()).mapToDouble(r -> r[0]).average().orElseThrow();
		assertThat(mean).isBetween(3_500.0, 6_500.0);
	}

	/** 70 % occasional buyers and 30 % loyal ones, interleaved. */
	static double[][] customers(int n, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		double[][] rows = new double[n][];
		for (int i = 0; i < n; i++) {
			boolean loyal = i % 10 >= 7;
			double frequency = loyal ? 12 + random.nextInt(6) : 1 + random.nextInt(2);
			double spend = loyal ? 800 * Math.exp(0.3 * Blobs.gaussian(random))
					: 40 * Math.exp(0.3 * Blobs.gaussian(random));
			double recency = loyal ? random.nextInt(20) : 200 + random.nextInt(150);
			rows[i] = new double[] { frequency, spend, recency };
		}
		return rows;
	}

	private static double meanOf(double[][] rows, int feature, boolean loyal) {
		double sum = 0;
		int n = 0;
		for (int i = 0; i < rows.length; i++) {
			if ((i % 10 >= 7) == loyal) {
				sum += rows[i][feature];
				n++;
			}
		}
		return sum / n;
	}

}
