package org.rapport.loyalty;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

/**
 * Enrol a customer: optionally the customer who referred them (by id or by their card
 * number) and a first card (PHYSICAL with the pre-printed {@code cardNumber}, or a new
 * VIRTUAL one); no card when {@code card} is null.
 */
public record Enrolment(@NotNull UUID customerId, UUID referrerCustomerId, String referrerCard, CardKind card,
		String cardNumber) {
}
