package org.rapport.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One customer as handed to {@link CustomerBulkLoad}: raw values as they come from an
 * import or a generator. Identities are normalised by the load; a row whose identities
 * cannot be normalised or are taken is rejected as a whole.
 *
 * @param externalKey key of the customer in the system the rows come from; unique per
 * load source, it makes a re-run skip customers loaded before
 * @param kind person or company
 * @param givenName given name(s) of a person
 * @param familyName family name(s) of a person (e.g. "Núñez García", "binti Abdullah")
 * @param companyName name of a company
 * @param birthDate birth date, if known
 * @param preferredLanguage language tag such as {@code es}
 * @param stage lifecycle stage; {@code null} means {@link LifecycleStage#PROSPECT}
 * @param tags free tags
 * @param attributesJson a JSON object with further attributes, or {@code null}
 * @param region ISO country whose numbering applies to phones without a country code
 * @param identities e-mails, phones, cards, external ids
 * @param addresses postal addresses
 * @param consents current consent per channel and purpose
 * @param notes staff notes
 * @param householdKey key of the household within the load source; members of one
 * household share it
 * @param householdName name of the household (taken from its first member)
 * @param householdRole HEAD, PARTNER, CHILD, PARENT or OTHER
 * @param assignedStaffId the staff member who looks after the customer
 * @param contactOfKey for a contact person: the external key of the company (loaded
 * earlier in the same or a previous load)
 * @param contactRole the contact person's role at the company
 * @param createdAt when the customer became known; {@code null} means now
 */
public record BulkCustomer(String externalKey, CustomerKind kind, String givenName, String familyName,
		String companyName, LocalDate birthDate, String preferredLanguage, LifecycleStage stage, List<String> tags,
		String attributesJson, String region, List<BulkIdentity> identities, List<BulkAddress> addresses,
		List<BulkConsent> consents, List<BulkNote> notes, String householdKey, String householdName,
		String householdRole, UUID assignedStaffId, String contactOfKey, String contactRole, Instant createdAt) {

	public BulkCustomer {
		tags = tags == null ? List.of() : List.copyOf(tags);
		identities = identities == null ? List.of() : List.copyOf(identities);
		addresses = addresses == null ? List.of() : List.copyOf(addresses);
		consents = consents == null ? List.of() : List.copyOf(consents);
		notes = notes == null ? List.of() : List.copyOf(notes);
	}

	/** The name staff see: "given family" for a person, the company name otherwise. */
	public String displayName() {
		if (this.kind == CustomerKind.COMPANY) {
			return this.companyName;
		}
		String given = this.givenName == null ? "" : this.givenName.strip();
		String family = this.familyName == null ? "" : this.familyName.strip();
		return (given + " " + family).strip();
	}

	/** A raw identity value; {@code source} only for EXTERNAL ids. */
	public record BulkIdentity(IdentityType type, String source, String value, boolean primary) {

		public static BulkIdentity email(String value, boolean primary) {
			return new BulkIdentity(IdentityType.EMAIL, "", value, primary);
		}

		public static BulkIdentity phone(String value, boolean primary) {
			return new BulkIdentity(IdentityType.PHONE, "", value, primary);
		}

		public static BulkIdentity card(String value) {
			return new BulkIdentity(IdentityType.CARD, "", value, false);
		}

	}

	/** A postal address; kind is HOME, WORK, BILLING, DELIVERY or OTHER. */
	public record BulkAddress(String kind, String line1, String line2, String city, String region, String postalCode,
			String countryCode) {
	}

	/**
	 * A consent as it stands, with where it was given (web-form, pos, app, ...).
	 */
	public record BulkConsent(ConsentChannel channel, ConsentPurpose purpose, boolean granted, Instant changedAt,
			String source) {
	}

	/** A staff note; the author's name is kept as written. */
	public record BulkNote(String authorId, String authorName, Instant createdAt, String body) {
	}

}
