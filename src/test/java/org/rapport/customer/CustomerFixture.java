package org.rapport.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.rapport.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inserts customers with their data straight into the tables, for tests of duplicates,
 * merge and privacy. Names and identities get a unique suffix from {@link #unique()} in
 * the tests, because all tests share one database.
 */
final class CustomerFixture {

	private final JdbcClient jdbc;

	CustomerFixture(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A few random lower-case letters that make a name or e-mail unique in the database.
	 */
	static String unique() {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			sb.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
		}
		return sb.toString();
	}

	/** Nine random digits: the national part of a phone number nobody else has. */
	static String nationalNumber() {
		return "6" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
	}

	Builder person(String givenName, String familyName) {
		return new Builder("PERSON", givenName, familyName, null);
	}

	Builder company(String name) {
		return new Builder("COMPANY", null, null, name);
	}

	UUID household(String name) {
		UUID id = Ids.next();
		this.jdbc.sql("INSERT INTO household (id, name, created_at) VALUES (?, ?, now())").params(id, name).update();
		return id;
	}

	final class Builder {

		private final UUID id = Ids.next();

		private final String kind;

		private final String givenName;

		private final String familyName;

		private final String companyName;

		private LocalDate birthDate;

		private UUID household;

		private String[] tags = {};

		private String attributes = "{}";

		private final List<Consumer<UUID>> children = new ArrayList<>();

		private Builder(String kind, String givenName, String familyName, String companyName) {
			this.kind = kind;
			this.givenName = givenName;
			this.familyName = familyName;
			this.companyName = companyName;
		}

		Builder born(LocalDate date) {
			this.birthDate = date;
			return this;
		}

		Builder tags(String... tags) {
			this.tags = tags;
			return this;
		}

		Builder attributes(String json) {
			this.attributes = json;
			return this;
		}

		Builder household(UUID household) {
			this.household = household;
			return this;
		}

		Builder identity(Identity identity) {
			this.children.add((id) -> jdbc
				.sql("INSERT INTO customer_identity (id, customer_id, type, source, value, match_key, created_at) "
						+ "VALUES (?, ?, ?, ?, ?, ?, now())")
				.params(Ids.next(), id, identity.type().name(), identity.source(), identity.value(),
						identity.matchKey())
				.update());
			return this;
		}

		Builder email(String email) {
			return identity(Identity.email(email));
		}

		Builder phone(String phone) {
			return identity(Identity.phone(phone, "ES"));
		}

		Builder address(String line1, String postalCode, String city) {
			String matchKey = NameFolding.fold(line1 + "|" + postalCode + "|" + city);
			this.children.add((id) -> jdbc
				.sql("INSERT INTO customer_address (id, customer_id, kind, line1, postal_code, city, country_code, "
						+ "match_key, created_at) VALUES (?, ?, 'HOME', ?, ?, ?, 'ES', ?, now())")
				.params(Ids.next(), id, line1, postalCode, city, matchKey)
				.update());
			return this;
		}

		Builder note(String body) {
			this.children.add((id) -> jdbc
				.sql("INSERT INTO customer_note (id, customer_id, author_id, author_name, created_at, body) "
						+ "VALUES (?, ?, 'staff-1', 'Luis', now(), ?)")
				.params(Ids.next(), id, body)
				.update());
			return this;
		}

		Builder interest(String topic, String source, Instant declaredAt) {
			this.children.add((id) -> jdbc
				.sql("INSERT INTO customer_interest (customer_id, topic, source, declared_at) VALUES (?, ?, ?, ?)")
				.params(id, topic, source, declaredAt.atOffset(ZoneOffset.UTC))
				.update());
			return this;
		}

		Builder consent(ConsentChannel channel, ConsentPurpose purpose, boolean granted, Instant changedAt) {
			this.children.add((id) -> {
				jdbc.sql("INSERT INTO customer_consent (customer_id, channel, purpose, granted, changed_at, source) "
						+ "VALUES (?, ?, ?, ?, ?, 'web')")
					.params(id, channel.name(), purpose.name(), granted, changedAt.atOffset(ZoneOffset.UTC))
					.update();
				jdbc.sql("INSERT INTO customer_consent_history (customer_id, channel, purpose, granted, changed_at, "
						+ "source, recorded_by) VALUES (?, ?, ?, ?, ?, 'web', 'staff-1')")
					.params(id, channel.name(), purpose.name(), granted, changedAt.atOffset(ZoneOffset.UTC))
					.update();
			});
			return this;
		}

		Builder contactOf(UUID company) {
			this.children.add((id) -> jdbc
				.sql("INSERT INTO customer_contact_person (company_id, person_id, role) VALUES (?, ?, 'buyer')")
				.params(company, id)
				.update());
			return this;
		}

		UUID create() {
			String displayName = this.companyName != null ? this.companyName
					: String.join(" ", this.givenName, this.familyName);
			jdbc.sql("""
					INSERT INTO customer (id, kind, display_name, given_name, family_name, company_name, birth_date,
					  household_id, household_role, tags, attributes, created_at, updated_at)
					VALUES (:id, :kind, :display, :given, :family, :company, :birth, :household, :role, :tags,
					  CAST(:attributes AS jsonb), now(), now())
					""")
				.param("id", this.id)
				.param("kind", this.kind)
				.param("display", displayName)
				.param("given", this.givenName)
				.param("family", this.familyName)
				.param("company", this.companyName)
				.param("birth", this.birthDate)
				.param("household", this.household)
				.param("role", (this.household != null) ? "PARTNER" : null)
				.param("tags", this.tags)
				.param("attributes", this.attributes)
				.update();
			for (String token : NameFolding.tokens(displayName, this.givenName, this.familyName, this.companyName)) {
				jdbc.sql("INSERT INTO customer_search_token (token, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
					.params(token, this.id)
					.update();
			}
			this.children.forEach((child) -> child.accept(this.id));
			return this.id;
		}

	}

}
