package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.web.ApiException;

import org.springframework.http.HttpStatus;

/**
 * An identity cannot be added because another customer holds it already: probably the
 * same person twice (a merge candidate). The API answers 409 {@code identity-taken} with
 * the holder's id in {@code customerId}.
 */
public class IdentityTakenException extends ApiException {

	private final Identity identity;

	private final UUID holderId;

	public IdentityTakenException(Identity identity, UUID holderId) {
		super(HttpStatus.CONFLICT, "identity-taken", "The " + identity.type().name().toLowerCase(java.util.Locale.ROOT)
				+ " " + identity.value() + " belongs to another customer (" + holderId + ")");
		this.identity = identity;
		this.holderId = holderId;
	}

	public Identity identity() {
		return this.identity;
	}

	public UUID holderId() {
		return this.holderId;
	}

}
