package org.rapport.customer;

import java.util.UUID;

/**
 * The customer asked for was merged into another one; {@link #survivorId()} is where it
 * lives now (the API answers 301 with its location).
 */
public class CustomerMovedException extends RuntimeException {

	private final UUID mergedId;

	private final UUID survivorId;

	public CustomerMovedException(UUID mergedId, UUID survivorId) {
		super("Customer " + mergedId + " was merged into " + survivorId);
		this.mergedId = mergedId;
		this.survivorId = survivorId;
	}

	public UUID mergedId() {
		return this.mergedId;
	}

	public UUID survivorId() {
		return this.survivorId;
	}

}
