package org.rapport.customer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A customer to create, optionally with identities, addresses, tags, custom attributes
 * and consents, all stored together or not at all.
 */
public record NewCustomer(@NotNull CustomerKind kind, @Size(max = 100) String givenName,
		@Size(max = 100) String familyName, @Size(max = 200) String companyName,
		@PastOrPresent(message = "{customer.not-in-future}") LocalDate birthDate,
		@Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*",
				message = "{customer.language-tag}") String preferredLanguage,
		LifecycleStage lifecycleStage, UUID assignedStaffId,
		@Valid @Size(max = 20) List<@NotNull NewIdentity> identities,
		@Valid @Size(max = 10) List<@NotNull NewAddress> addresses, @Size(max = 50) List<@NotNull String> tags,
		@Size(max = 100) Map<String, Object> attributes, @Valid @Size(max = 12) List<@NotNull ConsentChange> consents) {

	public NewCustomer {
		identities = identities == null ? List.of() : identities;
		addresses = addresses == null ? List.of() : addresses;
		tags = tags == null ? List.of() : tags;
		attributes = attributes == null ? Map.of() : attributes;
		consents = consents == null ? List.of() : consents;
	}

	public static NewCustomer person(String givenName, String familyName) {
		return new NewCustomer(CustomerKind.PERSON, givenName, familyName, null, null, null, null, null, null, null,
				null, null, null);
	}

	public static NewCustomer company(String companyName) {
		return new NewCustomer(CustomerKind.COMPANY, null, null, companyName, null, null, null, null, null, null, null,
				null, null);
	}

	public Profile profile() {
		return new Profile(this.givenName, this.familyName, this.companyName, this.birthDate, this.preferredLanguage);
	}

	public NewCustomer withIdentities(List<NewIdentity> identities) {
		return new NewCustomer(this.kind, this.givenName, this.familyName, this.companyName, this.birthDate,
				this.preferredLanguage, this.lifecycleStage, this.assignedStaffId, identities, this.addresses,
				this.tags, this.attributes, this.consents);
	}

}
