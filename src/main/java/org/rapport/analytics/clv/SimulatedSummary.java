package org.rapport.analytics.clv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rapport.analytics.model.BgNbd;
import org.rapport.analytics.model.GammaGamma;
import org.rapport.analytics.model.PurchaseSummaries;
import org.rapport.analytics.model.Simulation;

/**
 * Writes a summary file of simulated customers, in weeks, as a summary built from
 * purchase dates would look: first purchases spread over 12 weeks before a 39-week
 * calibration end, recency and T in whole days (divided by 7), spend in cents.
 */
final class SimulatedSummary {

	static final BgNbd PURCHASES = new BgNbd(0.243, 4.414, 0.793, 2.426);

	static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);

	private SimulatedSummary() {
	}

	static void write(Path file, int customers, long seed) throws IOException {
		Simulation.Population population = new Simulation(seed).draw(customers, PURCHASES, SPEND, 27, 39);
		PurchaseSummaries s = population.summaries();
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
			out.write("customer_id,frequency,recency,T,monetary_value\n".getBytes(StandardCharsets.US_ASCII));
			byte[] line = new byte[256];
			for (int i = 0; i < customers; i++) {
				long ageDays = Math.round(s.age()[i] * 7);
				long recencyDays = Math.min(ageDays, Math.round(s.recency()[i] * 7));
				int x = s.frequency()[i];
				if (x > 0 && recencyDays == 0) {
					recencyDays = 1;
				}
				String row = "c" + (i + 1) + "," + x + "," + weeks(recencyDays) + "," + weeks(ageDays) + "," + ((x > 0)
						? String.format(java.util.Locale.ROOT, "%.2f", Math.max(0.01, population.meanSpend()[i]))
						: "0");
				byte[] bytes = row.getBytes(StandardCharsets.US_ASCII);
				System.arraycopy(bytes, 0, line, 0, bytes.length);
				line[bytes.length] = '\n';
				out.write(line, 0, bytes.length + 1);
			}
		}
	}

	private static String weeks(long days) {
		return (days % 7 == 0) ? Long.toString(days / 7) : Double.toString(days / 7.0);
	}

}
