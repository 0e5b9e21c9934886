package org.rapport.analytics.learn;

import java.util.List;

/**
 * The choice of the number of classes, with the curve behind it so a chart can show it.
 *
 * @param chosenK the k with the highest mean silhouette (the smaller k on ties)
 * @param elbowK the k at the elbow of the within-SS curve (greatest distance below the
 * chord from the first to the last point, both axes scaled to 0..1), shown for comparison
 * @param curve one score per k tried, in increasing k
 * @param silhouetteSample the number of rows the silhouettes were computed on
 * @param silhouetteExact whether that was every fitted row
 */
public record KSelection(int chosenK, int elbowK, List<KScore> curve, int silhouetteSample, boolean silhouetteExact) {

	public KSelection {
		curve = List.copyOf(curve);
	}

	static int elbow(List<KScore> curve) {
		int m = curve.size();
		if (m < 3) {
			return curve.get(0).k();
		}
		double k0 = curve.get(0).k();
		double k1 = curve.get(m - 1).k();
		double w0 = curve.get(0).withinSS();
		double w1 = curve.get(m - 1).withinSS();
		if (w0 <= w1) {
			return curve.get(0).k();
		}
		int best = curve.get(0).k();
		double bestGap = 0;
		for (KScore s : curve) {
			double x = (s.k() - k0) / (k1 - k0);
			double y = (s.withinSS() - w1) / (w0 - w1);
			double gap = (1 - x) - y;
			if (gap > bestGap) {
				bestGap = gap;
				best = s.k();
			}
		}
		return best;
	}

}
