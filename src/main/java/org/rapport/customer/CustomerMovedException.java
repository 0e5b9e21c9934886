package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.web.Text;

/**
 * The customer asked for was merged into another one; {@link #survivorId()} is where it
 * lives now (the API answers 301 with its location).
 */
public class CustomerMovedException extends RuntimeException {

	private final UUID mergedId;

	private final UUID survivorId;

	public CustomerMovedException(UUID mergedId, UUID survivorId) {
		super(text(mergedId, survivorId).english());
		this.mergedId = mergedId;
		this.survivorId = survivorId;
	}

	/** What happened, to be shown in the reader's language. */
	public Text text() {
		return text(this.mergedId, this.survivorId);
	}

	private static Text text(UUID mergedId, UUID survivorId) {
		return Text.of("customer.merged", "Customer {0} was merged into {1}", mergedId, survivorId);
	}

	public UUID mergedId() {
		return this.mergedId;
	}

	public UUID survivorId() {
		return this.survivorId;
	}

}
