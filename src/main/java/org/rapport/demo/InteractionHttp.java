package org.rapport.demo;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the interaction benchmark: recording one purchase, recording batches
 * and reading the first timeline page through {@code /api/v1} with an API key, each call
 * on a random one of the sampled customers. Every purchase gets a key of its own
 * ({@code bench:<run>:<n>} in source {@code bench}), so every call really writes.
 */
final class InteractionHttp {

	static final String SOURCE = "bench";

	private final BenchHttp http;

	private final String base = "/api/v1";

	private final String key;

	private final String run;

	private static final Pattern CREATED = Pattern.compile("\"created\"\\s*:\\s*(\\d+)");

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicLong created = new AtomicLong();

	private final AtomicReference<String> firstFailure = new AtomicReference<>();

	private final List<DemoCatalogue.Item> items = DemoCatalogue.items();

	InteractionHttp(int port, String apiKey, String run) {
		this.http = new BenchHttp("localhost", port);
		this.key = apiKey;
		this.run = run;
	}

	/** Records one purchase: true when it answered 201 Created. */
	boolean recordOne(UUID customer) {
		String body = purchase(customer, this.sequence.incrementAndGet());
		return status(exchange("POST", "/interactions", body)) == 201;
	}

	/** Records a batch of fresh purchases: true when every item was created. */
	boolean recordBatch(UUID[] customers, int size, SplittableRandom random) {
		StringBuilder body = new StringBuilder(size * 360).append("{\"items\":[");
		for (int i = 0; i < size; i++) {
			if (i > 0) {
				body.append(',');
			}
			body.append(purchase(customers[random.nextInt(customers.length)], this.sequence.incrementAndGet()));
		}
		body.append("]}");
		BenchHttp.Response response = exchange("POST", "/interactions/batch", body.toString());
		if (response == null || response.status() != 200) {
			failed(response);
			return false;
		}
		Matcher created = CREATED.matcher(response.body());
		long count = created.find() ? Long.parseLong(created.group(1)) : 0;
		this.created.addAndGet(count);
		return count == size;
	}

	/** Reads the first page (20, newest first) of the customer's timeline. */
	boolean timeline(UUID customer) {
		return status(exchange("GET", "/customers/" + customer + "/timeline?size=20", null)) == 200;
	}

	/** Purchases the batch calls answered as created so far. */
	long batchCreated() {
		return this.created.get();
	}

	private String purchase(UUID customer, long n) {
		DemoCatalogue.Item item = this.items.get((int) (n % this.items.size()));
		long quantity = 1 + n % 3;
		BigDecimal total = item.price().multiply(BigDecimal.valueOf(quantity));
		return "{\"customerId\":\"" + customer + "\",\"kind\":\"PURCHASE\",\"channel\":\"store\",\"occurredAt\":\""
				+ Instant.now().minusSeconds(60) + "\",\"sourceSystem\":\"" + SOURCE + "\",\"idempotencyKey\":\""
				+ SOURCE + ":" + this.run + ":" + n + "\",\"total\":" + total.toPlainString()
				+ ",\"currency\":\"EUR\",\"store\":\"Bench store\",\"lines\":[{\"sku\":\"" + item.sku()
				+ "\",\"quantity\":" + quantity + ",\"unitPrice\":" + item.price().toPlainString() + "}]}";
	}

	private int status(BenchHttp.Response response) {
		if (response == null || response.status() >= 300) {
			failed(response);
		}
		return response == null ? -1 : response.status();
	}

	/** The first failed call: its status and the start of its body, or null. */
	String firstFailure() {
		return this.firstFailure.get();
	}

	private void failed(BenchHttp.Response response) {
		String what = response == null ? "no response"
				: response.status() + " " + response.body().substring(0, Math.min(200, response.body().length()));
		this.firstFailure.compareAndSet(null, what);
	}

	private BenchHttp.Response exchange(String method, String path, String json) {
		try {
			return "GET".equals(method) ? this.http.get(this.base + path, this.key)
					: this.http.post(this.base + path, this.key, json);
		}
		catch (IOException ex) {
			return null;
		}
	}

}
