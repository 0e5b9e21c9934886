package org.rapport.loyalty;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

/**
 * The idempotency key of a write: the Idempotency-Key header, else the body's
 * idempotencyKey.
 */
final class IdempotencyKeys {

	static final String HEADER = "Idempotency-Key";

	private IdempotencyKeys() {
	}

	static String required(String header, String field) {
		String key = (header != null && !header.isBlank()) ? header : field;
		if (key == null || key.isBlank()) {
			throw ApiException.invalid("idempotencyKey", Text.of("loyalty.idempotency-key.required",
					"every write needs an Idempotency-Key header (or an idempotencyKey field)"));
		}
		if (key.length() > 200) {
			throw ApiException.invalid("idempotencyKey",
					Text.of("loyalty.idempotency-key.too-long", "at most 200 characters"));
		}
		return key.strip();
	}

}
