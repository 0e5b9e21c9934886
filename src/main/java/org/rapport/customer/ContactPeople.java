package org.rapport.customer;

import java.util.UUID;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

/** Who may be whose contact: a person can be the contact of a company, nothing else. */
final class ContactPeople {

	private ContactPeople() {
	}

	static void checkLink(UUID companyId, CustomerKind companyKind, UUID personId, CustomerKind personKind) {
		if (companyId.equals(personId)) {
			throw ApiException.invalid("personId",
					Text.of("customer.contact.self", "a customer cannot be their own contact"));
		}
		if (companyKind != CustomerKind.COMPANY) {
			throw ApiException.invalid("companyId",
					Text.of("customer.contact.company-only", "only a company has contact people"));
		}
		if (personKind != CustomerKind.PERSON) {
			throw ApiException.invalid("personId",
					Text.of("customer.contact.person-only", "a contact person must be a person"));
		}
	}

}
