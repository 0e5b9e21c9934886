package org.rapport.analytics.clv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;

import org.rapport.analytics.model.CustomerValue.Predictions;

/**
 * Writes {@code customer_id,expected_purchases,p_alive,expected_avg_spend,clv} with six
 * decimals (spend and CLV empty without a spend model). Chunks are formatted in parallel
 * and written in order.
 */
final class ResultFile {

	static final String HEADER = "customer_id,expected_purchases,p_alive,expected_avg_spend,clv\n";

	private static final int CHUNK = 1 << 15;

	private ResultFile() {
	}

	static void write(Path file, CustomerIds ids, Predictions predictions) throws IOException {
		int n = ids.size();
		int chunks = (n + CHUNK - 1) / CHUNK;
		byte[][] parts = new byte[chunks][];
		int[] lengths = new int[chunks];
		IntStream.range(0, chunks).parallel().forEach((c) -> {
			int from = c * CHUNK;
			int to = Math.min(n, from + CHUNK);
			int size = 0;
			for (int i = from; i < to; i++) {
				size += ids.length(i) + 4 * 32 + 5;
			}
			byte[] out = new byte[size];
			int at = 0;
			for (int i = from; i < to; i++) {
				at = ids.copy(i, out, at);
				out[at++] = ',';
				at = Numbers.format(predictions.expectedPurchases()[i], out, at);
				out[at++] = ',';
				at = Numbers.format(predictions.probabilityAlive()[i], out, at);
				out[at++] = ',';
				at = Numbers.format(predictions.expectedAverageSpend()[i], out, at);
				out[at++] = ',';
				at = Numbers.format(predictions.clv()[i], out, at);
				out[at++] = '\n';
			}
			parts[c] = out;
			lengths[c] = at;
		});
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
			for (int c = 0; c < chunks; c++) {
				out.write(parts[c], 0, lengths[c]);
			}
		}
	}

}
