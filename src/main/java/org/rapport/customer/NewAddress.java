package org.rapport.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A postal address to add to a customer. */
public record NewAddress(@NotNull AddressKind kind, @NotBlank @Size(max = 200) String line1,
		@Size(max = 200) String line2, @Size(max = 100) String city, @Size(max = 100) String region,
		@Size(max = 20) String postalCode,
		@Pattern(regexp = "[A-Za-z]{2}", message = "{customer.country-code}") String countryCode) {
}
