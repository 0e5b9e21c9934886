package org.rapport.customer;

import java.time.LocalDate;

import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The editable profile of a customer. A person needs a given or a family name, a company
 * its company name ({@link CustomerNames}).
 */
public record Profile(@Size(max = 100) String givenName, @Size(max = 100) String familyName,
		@Size(max = 200) String companyName, @PastOrPresent(message = "{customer.not-in-future}") LocalDate birthDate,
		@Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
				message = "{customer.language-tag}") String preferredLanguage) {

	public Profile {
		givenName = blankToNull(givenName);
		familyName = blankToNull(familyName);
		companyName = blankToNull(companyName);
		preferredLanguage = blankToNull(preferredLanguage);
	}

	static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
	}

}
