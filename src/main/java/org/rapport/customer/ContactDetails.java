package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.audit.AuditTrail.Change;
import org.rapport.customer.CustomerView.AddressView;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** Addresses, household membership, company contact people and declared interests. */
@Component
class ContactDetails {

	static final int MAX_TOPIC = 100;

	private final ContactDataRepository data;

	private final CustomerRepository customers;

	private final AuditTrail audit;

	private final Clock clock;

	ContactDetails(ContactDataRepository data, CustomerRepository customers, AuditTrail audit, Clock clock) {
		this.data = data;
		this.customers = customers;
		this.audit = audit;
		this.clock = clock;
	}

	AddressView addAddress(UUID customerId, NewAddress address) {
		Instant now = this.clock.instant();
		this.customers.touch(customerId, now);
		AddressView view = this.data.insertAddress(customerId, address, now);
		this.audit.record(Change.of("customer.address-added", "customer", customerId,
				Text.of("customer.audit.address-added", "Added {0} address", String.valueOf(view.kind())), null, view));
		return view;
	}

	void removeAddress(UUID customerId, UUID addressId) {
		this.customers.touch(customerId, this.clock.instant());
		AddressView view = this.data.address(customerId, addressId)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.address.not-found", "Address {0} does not exist", addressId)));
		this.data.deleteAddress(customerId, addressId);
		this.audit.record(Change.of("customer.address-removed", "customer", customerId,
				Text.of("customer.audit.address-removed", "Removed {0} address", String.valueOf(view.kind())), view,
				null));
	}

	UUID createHousehold(UUID customerId, String name, HouseholdRole role) {
		if (name == null || name.isBlank() || name.length() > 100) {
			throw ApiException.invalid("name",
					Text.of("customer.household.name", "give the household a name of 1-100 characters"));
		}
		Instant now = this.clock.instant();
		this.customers.touch(customerId, now);
		UUID householdId = this.data.insertHousehold(name, now);
		HouseholdRole effective = role == null ? HouseholdRole.HEAD : role;
		this.customers.setHousehold(customerId, householdId, effective);
		this.audit.record(Change.of("customer.household-joined", "customer", customerId,
				Text.of("customer.audit.household-created", "Created household {0}", name.strip()), null,
				Map.of("householdId", householdId, "role", effective)));
		return householdId;
	}

	void joinHousehold(UUID customerId, UUID householdId, HouseholdRole role) {
		if (!this.data.householdExists(householdId)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.household.not-found", "Household {0} does not exist", householdId));
		}
		this.customers.touch(customerId, this.clock.instant());
		HouseholdRole effective = role == null ? HouseholdRole.OTHER : role;
		this.customers.setHousehold(customerId, householdId, effective);
		this.audit.record(Change.of("customer.household-joined", "customer", customerId,
				Text.of("customer.audit.household-joined", "Joined household"), null,
				Map.of("householdId", householdId, "role", effective)));
	}

	void leaveHousehold(UUID customerId) {
		this.customers.touch(customerId, this.clock.instant());
		this.customers.setHousehold(customerId, null, null);
		this.audit.record(Change.of("customer.household-left", "customer", customerId,
				Text.of("customer.audit.household-left", "Left household"), null, null));
	}

	void linkContact(UUID companyId, UUID personId, String role) {
		CustomerRepository.State company = this.customers.active(companyId);
		CustomerRepository.State person = this.customers.active(personId);
		ContactPeople.checkLink(companyId, company.kind(), personId, person.kind());
		if (role != null && role.length() > 100) {
			throw ApiException.invalid("role", Text.of("customer.contact.role-length", "at most 100 characters"));
		}
		Instant now = this.clock.instant();
		this.customers.touch(companyId, now);
		this.customers.touch(personId, now);
		this.data.linkContact(companyId, personId, Profile.blankToNull(role));
		this.audit.record(Change.of("customer.contact-linked", "customer", companyId,
				Text.of("customer.audit.contact-linked", "Linked contact person"), null,
				Map.of("personId", personId, "role", role == null ? "" : role)));
	}

	void unlinkContact(UUID companyId, UUID personId) {
		Instant now = this.clock.instant();
		this.customers.touch(companyId, now);
		if (!this.data.unlinkContact(companyId, personId)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.contact.not-found", "Contact person {0} does not exist", personId));
		}
		this.customers.touch(personId, now);
		this.audit.record(Change.of("customer.contact-unlinked", "customer", companyId,
				Text.of("customer.audit.contact-unlinked", "Unlinked contact person"), Map.of("personId", personId),
				null));
	}

	void declareInterest(UUID customerId, String topic, InterestSource source) {
		String normalised = topic(topic);
		Instant now = this.clock.instant();
		this.customers.touch(customerId, now);
		this.data.upsertInterest(customerId, normalised, source == null ? InterestSource.STAFF : source, now);
		this.audit.record(Change.of("customer.interest-declared", "customer", customerId,
				Text.of("customer.audit.interest-declared", "Interest {0}", normalised), null,
				Map.of("topic", normalised, "source", source == null ? InterestSource.STAFF : source)));
	}

	void removeInterest(UUID customerId, String topic) {
		String normalised = topic(topic);
		this.customers.touch(customerId, this.clock.instant());
		if (!this.data.deleteInterest(customerId, normalised)) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.interest.not-found", "Interest {0} does not exist", normalised));
		}
		this.audit.record(Change.of("customer.interest-removed", "customer", customerId,
				Text.of("customer.audit.interest-removed", "Interest {0}", normalised), Map.of("topic", normalised),
				null));
	}

	static String topic(String topic) {
		if (topic == null || topic.isBlank() || topic.strip().length() > MAX_TOPIC) {
			throw ApiException.invalid("topic", Text.of("customer.interest.topic-length",
					"give a topic of 1-{0} characters", String.valueOf(MAX_TOPIC)));
		}
		return topic.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
	}

}
