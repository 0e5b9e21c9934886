package org.rapport.analytics.model;

/** Small dense matrix helpers. */
final class Matrices {

	private Matrices() {
	}

	/** Inverse by Gauss-Jordan elimination with partial pivoting; null when singular. */
	static double[][] inverse(double[][] m) {
		int n = m.length;
		double[][] a = new double[n][2 * n];
		for (int i = 0; i < n; i++) {
			System.arraycopy(m[i], 0, a[i], 0, n);
			a[i][n + i] = 1;
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int row = col + 1; row < n; row++) {
				if (Math.abs(a[row][col]) > Math.abs(a[pivot][col])) {
					pivot = row;
				}
			}
			if (!(Math.abs(a[pivot][col]) > 1e-300)) {
				return null;
			}
			double[] swap = a[col];
			a[col] = a[pivot];
			a[pivot] = swap;
			double p = a[col][col];
			for (int k = 0; k < 2 * n; k++) {
				a[col][k] /= p;
			}
			for (int row = 0; row < n; row++) {
				if (row != col && a[row][col] != 0) {
					double factor = a[row][col];
					for (int k = 0; k < 2 * n; k++) {
						a[row][k] -= factor * a[col][k];
					}
				}
			}
		}
		double[][] inverse = new double[n][n];
		for (int i = 0; i < n; i++) {
			System.arraycopy(a[i], n, inverse[i], 0, n);
		}
		return inverse;
	}

}
