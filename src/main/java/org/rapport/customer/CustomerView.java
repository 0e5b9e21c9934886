package org.rapport.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything the customer memory knows about one customer, the "360" view: profile,
 * identities, contact data, household, consents, interests, tags, custom attributes and
 * the company/contact-person links. {@code version} is the value for optimistic
 * concurrency (the API's ETag).
 */
public record CustomerView(UUID id, CustomerKind kind, CustomerStatus status, String displayName, String givenName,
		String familyName, String companyName, LocalDate birthDate, String preferredLanguage,
		LifecycleStage lifecycleStage, StaffRef assignedStaff, HouseholdView household, List<String> tags,
		Map<String, Object> attributes, List<IdentityView> identities, List<AddressView> addresses,
		List<ConsentView> consents, List<InterestView> interests, List<ContactLink> contactPeople,
		List<ContactLink> companies, long version, Instant createdAt, Instant updatedAt) {

	/** A staff member as shown on a customer (the name stays after they leave). */
	public record StaffRef(UUID id, String name, boolean active) {
	}

	public record HouseholdView(UUID id, String name, HouseholdRole role, List<HouseholdMember> members) {
	}

	public record HouseholdMember(UUID customerId, String displayName, HouseholdRole role) {
	}

	public record IdentityView(UUID id, IdentityType type, String source, String value, boolean primary,
			Instant createdAt) {
	}

	public record AddressView(UUID id, AddressKind kind, String line1, String line2, String city, String region,
			String postalCode, String countryCode) {
	}

	public record ConsentView(ConsentChannel channel, ConsentPurpose purpose, boolean granted, String source,
			Instant changedAt) {
	}

	public record InterestView(String topic, InterestSource source, Instant declaredAt) {
	}

	/**
	 * A company's contact person, or a company a person is contact for: the other side's
	 * id and name, and the person's role there.
	 */
	public record ContactLink(UUID customerId, String displayName, String role) {
	}

	/** The value of the primary (or first) identity of a type, if any. */
	public String identity(IdentityType type) {
		return this.identities.stream()
			.filter((i) -> i.type() == type)
			.sorted((a, b) -> Boolean.compare(b.primary(), a.primary()))
			.map(IdentityView::value)
			.findFirst()
			.orElse(null);
	}

	/** The entity tag (ETag) of an HTTP response for this state of the customer. */
	public String etag() {
		return "\"" + this.version + "\"";
	}

}
