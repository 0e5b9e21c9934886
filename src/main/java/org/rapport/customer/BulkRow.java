package org.rapport.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One input row of a bulk load after the checks that need no database: names present,
 * identities normalised, known household role and address kinds, attributes a JSON
 * object. The first identity is the row's external key.
 */
record BulkRow(long row, BulkCustomer input, UUID id, List<String> tags, List<Normalised> identities) {

	private static final Set<String> ROLES = Set.of("HEAD", "PARTNER", "CHILD", "PARENT", "OTHER");

	private static final Set<String> ADDRESS_KINDS = Set.of("HOME", "WORK", "BILLING", "DELIVERY", "OTHER");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A normalised identity with the value it was given as. */
	record Normalised(Identity identity, String raw, boolean primary) {

		String key() {
			return this.identity.type() + "|" + this.identity.source() + "|" + this.identity.value();
		}

		String describe() {
			return this.identity.type() == IdentityType.EXTERNAL ? "external key " + this.identity.value()
					: this.identity.type() + " " + this.identity.value();
		}

	}

	/** A row that cannot be loaded, with a reason fit for the person running the load. */
	static final class Rejected extends Exception {

		Rejected(String reason) {
			super(reason, null, false, false);
		}

	}

	static BulkRow check(long row, BulkCustomer input, UUID id, String loadSource) throws Rejected {
		if (input.externalKey() == null || input.externalKey().isBlank()) {
			throw new Rejected("has no external key");
		}
		if (input.kind() == null) {
			throw new Rejected("has no kind (PERSON or COMPANY)");
		}
		if (input.kind() == CustomerKind.PERSON && input.displayName().isEmpty()) {
			throw new Rejected("a person needs a given or family name");
		}
		if (input.kind() == CustomerKind.COMPANY && (input.companyName() == null || input.companyName().isBlank())) {
			throw new Rejected("a company needs a company name");
		}
		if (input.householdRole() != null && !ROLES.contains(input.householdRole())) {
			throw new Rejected("household role " + input.householdRole() + " is not one of " + ROLES);
		}
		for (BulkCustomer.BulkAddress address : input.addresses()) {
			if (address.kind() == null || !ADDRESS_KINDS.contains(address.kind())) {
				throw new Rejected("address kind " + address.kind() + " is not one of " + ADDRESS_KINDS);
			}
			if (address.line1() == null || address.line1().isBlank()) {
				throw new Rejected("an address needs a first line");
			}
			if (address.countryCode() != null && address.countryCode().length() != 2) {
				throw new Rejected("country code " + address.countryCode() + " is not an ISO country");
			}
		}
		checkAttributes(input.attributesJson());
		List<String> tags;
		try {
			tags = Tags.normaliseAll(input.tags());
		}
		catch (org.rapport.platform.web.ApiException ex) {
			throw new Rejected("has a tag that is not valid: " + input.tags());
		}
		Set<String> consents = new java.util.HashSet<>();
		for (BulkCustomer.BulkConsent consent : input.consents()) {
			if (consent.channel() == null || consent.purpose() == null || consent.changedAt() == null) {
				throw new Rejected("a consent needs channel, purpose and time");
			}
			if (!consents.add(consent.channel() + "/" + consent.purpose())) {
				throw new Rejected("consent " + consent.channel() + "/" + consent.purpose() + " is given twice");
			}
		}
		List<Normalised> identities = new ArrayList<>(input.identities().size() + 1);
		identities.add(new Normalised(Identity.external(loadSource, input.externalKey()), input.externalKey(), false));
		for (BulkCustomer.BulkIdentity raw : input.identities()) {
			if (raw.type() == null) {
				throw new Rejected("an identity has no type");
			}
			try {
				Identity identity = Identity.of(raw.type(), raw.source(), raw.value(), input.region());
				identities.add(new Normalised(identity, raw.value(), raw.primary()));
			}
			catch (Identity.InvalidIdentityException ex) {
				throw new Rejected(raw.type() + " " + ex.getMessage());
			}
		}
		return new BulkRow(row, input, id, tags, identities);
	}

	private static void checkAttributes(String json) throws Rejected {
		if (json == null || json.isBlank()) {
			return;
		}
		try {
			JsonNode node = JSON.readTree(json);
			if (!node.isObject()) {
				throw new Rejected("attributes must be a JSON object");
			}
		}
		catch (JacksonException ex) {
			throw new Rejected("attributes are not valid JSON");
		}
	}

	/** The same loose address key the customer module keeps for addresses it stores. */
	static String addressKey(BulkCustomer.BulkAddress a) {
		return ContactDataRepository.addressMatchKey(new NewAddress(AddressKind.valueOf(a.kind()), a.line1(), a.line2(),
				a.city(), a.region(), a.postalCode(), a.countryCode()));
	}

}
