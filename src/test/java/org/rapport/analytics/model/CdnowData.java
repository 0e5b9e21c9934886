package org.rapport.analytics.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The CDNOW reference files of ../shared/data/cdnow, read into plain arrays. */
final class CdnowData {

	private CdnowData() {
	}

	static Path file(String name) {
		Path relative = Path.of("../shared/data/cdnow").resolve(name);
		return Files.exists(relative) ? relative : Path.of("/work/shared/data/cdnow").resolve(name);
	}

	/** x, t_x, T and zbar of the 2,357 sample customers, in weeks. */
	record Sample(PurchaseSummaries summaries, double[] zbar) {

	}

	static Sample sample() {
		List<String[]> rows = rows("cdnow_customers_summary_with_transactions.csv");
		int n = rows.size();
		int[] x = new int[n];
		double[] tx = new double[n];
		double[] t = new double[n];
		double[] zbar = new double[n];
		for (int i = 0; i < n; i++) {
			String[] r = rows.get(i);
			x[i] = Integer.parseInt(r[1]);
			tx[i] = Double.parseDouble(r[2]);
			t[i] = Double.parseDouble(r[3]);
			zbar[i] = Double.parseDouble(r[4]);
		}
		return new Sample(PurchaseSummaries.of(x, tx, t), zbar);
	}

	static List<String[]> rows(String name) {
		try {
			return Files.readAllLines(file(name))
				.stream()
				.skip(1)
				.filter((l) -> !l.isBlank())
				.map((l) -> l.split(","))
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
