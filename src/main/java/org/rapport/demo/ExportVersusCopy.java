package org.rapport.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * (g) of {@code bench interactions}: the export of every stored interaction as CSV
 * through the API ({@code GET /api/v1/interactions/export?format=csv}, ADR 0084) next to
 * PostgreSQL writing the same rows itself ({@code COPY (the export's join) TO
 * STDOUT}) and the bare table ({@code COPY interaction TO STDOUT}), in the same run. Each
 * reads the whole output and counts it, keeping nothing.
 */
final class ExportVersusCopy {

	/** One way out: rows (CSV lines without the header), bytes, seconds. */
	record Out(String what, long rows, long bytes, double seconds) {

		double rowsPerSecond() {
			return this.rows / this.seconds;
		}

	}

	/** The export's own join and order, written by PostgreSQL as CSV. */
	static final String JOINED = "COPY (SELECT i.id, i.customer_id, lower(i.kind), i.channel, i.occurred_at, "
			+ "i.recorded_at, i.source_system, i.external_id, i.idempotency_key, i.outcome, i.outcome_reason, "
			+ "i.direction, i.order_reference, i.total, i.currency, i.store, i.staff_id, i.related_purchase_id, "
			+ "i.reference_id, l.line_no, l.sku, l.category, l.quantity, l.unit_price, l.discount, l.amount, "
			+ "l.purchase_line_no FROM interaction i LEFT JOIN interaction_line l ON l.interaction_id = i.id "
			+ "ORDER BY i.id, l.line_no) TO STDOUT (FORMAT csv)";

	static final String BARE = "COPY interaction TO STDOUT (FORMAT csv)";

	private ExportVersusCopy() {
	}

	static Out copy(DataSource dataSource, String what, String sql) throws SQLException, IOException {
		try (Connection connection = dataSource.getConnection()) {
			Counting out = new Counting();
			long started = System.nanoTime();
			long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
			return new Out(what, rows, out.bytes, (System.nanoTime() - started) / 1e9);
		}
	}

	static Out api(int port, String apiKey) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/v1/interactions/export?format=csv"))
			.header("X-API-Key", apiKey)
			.build();
		long started = System.nanoTime();
		HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("the export answered " + response.statusCode());
		}
		long bytes = 0;
		long lines = 0;
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = response.body()) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				bytes += n;
				for (int i = 0; i < n; i++) {
					if (buffer[i] == '\n') {
						lines++;
					}
				}
			}
		}
		return new Out("`GET /api/v1/interactions/export?format=csv` (streamed over HTTP, read whole)", lines - 1,
				bytes, (System.nanoTime() - started) / 1e9);
	}

	/** Counts what is written to it and keeps nothing. */
	private static final class Counting extends OutputStream {

		long bytes;

		@Override
		public void write(int b) {
			this.bytes++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.bytes += len;
		}

	}

}
