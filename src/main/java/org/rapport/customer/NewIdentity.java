package org.rapport.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An identity to add as written by the user or the source system; it is normalised
 * ({@link Identity}). {@code source} names the external system for
 * {@link IdentityType#EXTERNAL} ids.
 */
public record NewIdentity(@NotNull IdentityType type, @Size(max = 60) String source,
		@NotBlank @Size(max = Identity.MAX_LENGTH) String value, Boolean primary) {

	public NewIdentity {
		primary = Boolean.TRUE.equals(primary);
	}

	public static NewIdentity of(IdentityType type, String value) {
		return new NewIdentity(type, null, value, false);
	}

}
