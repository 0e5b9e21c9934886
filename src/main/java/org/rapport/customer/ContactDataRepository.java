package org.rapport.customer;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.rapport.customer.CustomerView.AddressView;
import org.rapport.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Addresses, households, company contact people and interests. */
@Repository
class ContactDataRepository {

	private final JdbcClient jdbc;

	ContactDataRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	AddressView insertAddress(UUID customerId, NewAddress address, Instant now) {
		UUID id = Ids.next(now.toEpochMilli());
		String country = address.countryCode() == null ? null
				: address.countryCode().toUpperCase(java.util.Locale.ROOT);
		this.jdbc.sql("""
				INSERT INTO customer_address (id, customer_id, kind, line1, line2, city, region, postal_code,
				  country_code, match_key, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, customerId, address.kind().name(), address.line1().strip(), address.line2(), address.city(),
					address.region(), address.postalCode(), country, addressMatchKey(address),
					CustomerRepository.utc(now))
			.update();
		return new AddressView(id, address.kind(), address.line1().strip(), address.line2(), address.city(),
				address.region(), address.postalCode(), country);
	}

	/**
	 * A loose key for duplicate suggestions: folded words of the first line and the
	 * postal code without spaces.
	 */
	static String addressMatchKey(NewAddress address) {
		String postal = address.postalCode() == null ? "" : address.postalCode().replaceAll("\\s", "").toLowerCase();
		return String.join(" ", NameFolding.tokens(address.line1())) + "|" + postal;
	}

	Optional<AddressView> address(UUID customerId, UUID addressId) {
		return this.jdbc.sql("SELECT * FROM customer_address WHERE customer_id = ? AND id = ?")
			.params(customerId, addressId)
			.query(CustomerQueries::address)
			.optional();
	}

	boolean deleteAddress(UUID customerId, UUID addressId) {
		return this.jdbc.sql("DELETE FROM customer_address WHERE customer_id = ? AND id = ?")
			.params(customerId, addressId)
			.update() == 1;
	}

	UUID insertHousehold(String name, Instant now) {
		UUID id = Ids.next(now.toEpochMilli());
		this.jdbc.sql("INSERT INTO household (id, name, created_at) VALUES (?, ?, ?)")
			.params(id, name.strip(), CustomerRepository.utc(now))
			.update();
		return id;
	}

	boolean householdExists(UUID householdId) {
		return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM household WHERE id = ?)")
			.param(householdId)
			.query(Boolean.class)
			.single();
	}

	boolean linkContact(UUID companyId, UUID personId, String role) {
		return this.jdbc.sql("""
				INSERT INTO customer_contact_person (company_id, person_id, role) VALUES (?, ?, ?)
				ON CONFLICT (company_id, person_id) DO UPDATE SET role = EXCLUDED.role""")
			.params(companyId, personId, role)
			.update() == 1;
	}

	boolean unlinkContact(UUID companyId, UUID personId) {
		return this.jdbc.sql("DELETE FROM customer_contact_person WHERE company_id = ? AND person_id = ?")
			.params(companyId, personId)
			.update() == 1;
	}

	void upsertInterest(UUID customerId, String topic, InterestSource source, Instant now) {
		this.jdbc.sql("""
				INSERT INTO customer_interest (customer_id, topic, source, declared_at) VALUES (?, ?, ?, ?)
				ON CONFLICT (customer_id, topic) DO UPDATE SET source = EXCLUDED.source,
				  declared_at = EXCLUDED.declared_at""")
			.params(customerId, topic, source.name(), CustomerRepository.utc(now))
			.update();
	}

	boolean deleteInterest(UUID customerId, String topic) {
		return this.jdbc.sql("DELETE FROM customer_interest WHERE customer_id = ? AND topic = ?")
			.params(customerId, topic)
			.update() == 1;
	}

}
