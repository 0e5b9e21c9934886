package org.rapport.analytics.learn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KMeansTest {

	static final double[][] THREE_CENTRES = { { 0, 0, 0 }, { 10, 0, 5 }, { 0, 10, -5 } };

	@Test
	void recoversWellSeparatedBlobs() {
		Blobs blobs = Blobs.around(THREE_CENTRES, 200, 1.0, 7);

		Clustering clustering = KMeans.fit(blobs.points(), 3, 42, 4, 100, 1e-8);

		assertThat(blobs.recoveredBy(clustering.labels())).isTrue();
		assertThat(clustering.converged()).isTrue();
		for (double[] centre : THREE_CENTRES) {
			double[] found = clustering.centroids()[clustering.assign(centre)];
			assertThat(Math.sqrt(Clustering.squaredDistance(found, centre))).isLessThan(0.5);
		}
	}

	@Test
	void theSameSeedGivesTheSameClustering() {
		Blobs blobs = Blobs.around(THREE_CENTRES, 100, 4.0, 3);

		Clustering first = KMeans.fit(blobs.points(), 5, 11, 3, 100, 1e-8);
		Clustering second = KMeans.fit(blobs.points(), 5, 11, 3, 100, 1e-8);

		assertThat(second.labels()).isEqualTo(first.labels());
		assertThat(second.centroids()).isDeepEqualTo(first.centroids());
		assertThat(second.withinSS()).isEqualTo(first.withinSS());
	}

	@Test
	void differentSeedsAgreeOnClearBlobsThanksToTheNumberingBySize() {
		Blobs blobs = Blobs.around(THREE_CENTRES, 100, 1.0, 3);

		Clustering first = KMeans.fit(blobs.points(), 3, 1, 3, 100, 1e-8);
		Clustering second = KMeans.fit(blobs.points(), 3, 2, 3, 100, 1e-8);

		assertThat(second.withinSS()).isCloseTo(first.withinSS(), org.assertj.core.data.Offset.offset(1e-6));
		assertThat(second.labels()).isEqualTo(first.labels());
	}

	@Test
	void classesAreNumberedLargestFirst() {
		double[][] centres = { { 0, 0 }, { 20, 20 } };
		Blobs small = Blobs.around(centres, 30, 1.0, 5);
		double[][] points = new double[small.points().length + 60][];
		System.arraycopy(small.points(), 0, points, 0, small.points().length);
		Blobs extra = Blobs.around(new double[][] { { 20, 20 } }, 60, 1.0, 6);
		System.arraycopy(extra.points(), 0, points, small.points().length, 60);

		Clustering clustering = KMeans.fit(points, 2, 9, 2, 100, 1e-8);

		assertThat(clustering.assign(new double[] { 20, 20 })).isZero();
		assertThat(clustering.assign(new double[] { 0, 0 })).isOne();
	}

	@Test
	void moreRestartsNeverEndWorse() {
		Blobs blobs = Blobs.around(new double[][] { { 0, 0 }, { 3, 0 }, { 0, 3 }, { 3, 3 }, { 9, 9 } }, 40, 1.2, 8);

		double one = KMeans.fit(blobs.points(), 5, 4, 1, 100, 1e-8).withinSS();
		double eight = KMeans.fit(blobs.points(), 5, 4, 8, 100, 1e-8).withinSS();

		assertThat(eight).isLessThanOrEqualTo(one);
	}

	@Test
	void iterationLimitIsRespected() {
		Blobs blobs = Blobs.around(THREE_CENTRES, 100, 6.0, 2);

		Clustering clustering = KMeans.fit(blobs.points(), 6, 1, 1, 1, 0);

		assertThat(clustering.iterations()).isEqualTo(1);
	}

	@Test
	void fewerPointsThanClustersIsRefused() {
		assertThatThrownBy(() -> KMeans.fit(new double[][] { { 1 }, { 2 } }, 3, 1, 1, 10, 0))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
