package org.rapport.analytics.learn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class SilhouetteTest {

	@Test
	void matchesTheDefinitionOnASmallExample() {
		// cluster 0 at 0 and 1, cluster 1 at 10 and 12 (one dimension)
		double[][] points = { { 0 }, { 1 }, { 10 }, { 12 } };
		int[] labels = { 0, 0, 1, 1 };
		double s0 = (11 - 1) / 11.0;
		double s1 = (10 - 1) / 10.0;
		double s2 = (9.5 - 2) / 9.5;
		double s3 = (11.5 - 2) / 11.5;

		assertThat(Silhouette.mean(points, labels, 2)).isCloseTo((s0 + s1 + s2 + s3) / 4, offset(1e-12));
	}

	@Test
	void aPointAloneInItsClusterScoresZero() {
		double[][] points = { { 0 }, { 1 }, { 50 } };
		int[] labels = { 0, 0, 1 };
		double s0 = (50 - 1) / 50.0;
		double s1 = (49 - 1) / 49.0;

		assertThat(Silhouette.mean(points, labels, 2)).isCloseTo((s0 + s1 + 0) / 3, offset(1e-12));
	}

	@Test
	void aSeededSampleApproximatesTheExactValueAndIsRepeatable() {
		Blobs blobs = Blobs.around(KMeansTest.THREE_CENTRES, 1000, 3.0, 1);

		double exact = Silhouette.mean(blobs.points(), blobs.truth(), 3);
		double sampled = Silhouette.mean(blobs.points(), blobs.truth(), 3, 1000, 800, 5);

		assertThat(sampled).isCloseTo(exact, offset(0.03));
		assertThat(Silhouette.mean(blobs.points(), blobs.truth(), 3, 1000, 800, 5)).isEqualTo(sampled);
	}

}
