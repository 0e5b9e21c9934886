package org.rapport.loyalty;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An earning rule to add or the new state of one; {@code active} defaults to true. */
public record NewRule(@NotNull RuleKind kind, @NotBlank @Size(max = 40) String group,
		@NotBlank @Size(max = 120) String name, @NotNull RuleParams params, Instant validFrom, Instant validTo,
		Boolean active) {
}
