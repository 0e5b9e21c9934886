package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Enrol a customer: optionally the customer who referred them (by id or by their card
 * number), a first card (PHYSICAL with the pre-printed {@code cardNumber}, or a new
 * VIRTUAL one; no card when {@code card} is null) and when they joined, for members
 * brought over from an earlier system ({@code enrolledAt}, not in the future; now when
 * null).
 */
public record Enrolment(@NotNull UUID customerId, UUID referrerCustomerId, String referrerCard, CardKind card,
		String cardNumber, Instant enrolledAt) {

	/** An enrolment as of now. */
	public Enrolment(UUID customerId, UUID referrerCustomerId, String referrerCard, CardKind card, String cardNumber) {
		this(customerId, referrerCustomerId, referrerCard, card, cardNumber, null);
	}

}
