package org.rapport.customer;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

/**
 * A consent given or withdrawn for one channel and purpose. {@code source} says where
 * (e.g. "web-form", "counter", "import"); {@code changedAt} when the person decided, now
 * when not given.
 */
public record ConsentChange(@NotNull ConsentChannel channel, @NotNull ConsentPurpose purpose, @NotNull Boolean granted,
		@NotBlank @Size(max = 60) String source,
		@PastOrPresent(message = "{customer.not-in-future}") Instant changedAt) {
}
