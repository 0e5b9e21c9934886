package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.web.ApiException;

/** Who may be whose contact: a person can be the contact of a company, nothing else. */
final class ContactPeople {

	private ContactPeople() {
	}

	static void checkLink(UUID companyId, CustomerKind companyKind, UUID personId, CustomerKind personKind) {
		if (companyId.equals(personId)) {
			throw ApiException.invalid("personId", "a customer cannot be their own contact");
		}
		if (companyKind != CustomerKind.COMPANY) {
			throw ApiException.invalid("companyId", "only a company has contact people");
		}
		if (personKind != CustomerKind.PERSON) {
			throw ApiException.invalid("personId", "a contact person must be a person");
		}
	}

}
