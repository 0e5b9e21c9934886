package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

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
		super(HttpStatus.CONFLICT, "identity-taken", text(identity, holderId));
		this.identity = identity;
		this.holderId = holderId;
	}

	private static Text text(Identity identity, UUID holderId) {
		return switch (identity.type()) {
			case EMAIL -> Text.of("customer.identity-taken.email", "The email {0} belongs to another customer ({1})",
					identity.value(), holderId);
			case PHONE -> Text.of("customer.identity-taken.phone", "The phone {0} belongs to another customer ({1})",
					identity.value(), holderId);
			case CARD -> Text.of("customer.identity-taken.card", "The card {0} belongs to another customer ({1})",
					identity.value(), holderId);
			case EXTERNAL -> Text.of("customer.identity-taken.external",
					"The external {0} belongs to another customer ({1})", identity.value(), holderId);
		};
	}

	public Identity identity() {
		return this.identity;
	}

	public UUID holderId() {
		return this.holderId;
	}

}
