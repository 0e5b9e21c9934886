package org.rapport.customer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Write side of the customer row: explicit SQL, optimistic concurrency by version, and
 * the search tokens kept next to the names they come from. Every change bumps the
 * version.
 */
@Repository
class CustomerRepository {

	private final JdbcClient jdbc;

	CustomerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Status, kind and version of a customer, to check before acting on it. */
	record State(UUID id, CustomerKind kind, CustomerStatus status, UUID mergedInto, long version) {
	}

	Optional<State> state(UUID id) {
		return this.jdbc.sql("SELECT id, kind, status, merged_into, version FROM customer WHERE id = ?")
			.param(id)
			.query((rs, row) -> new State(rs.getObject("id", UUID.class), CustomerKind.valueOf(rs.getString("kind")),
					CustomerStatus.valueOf(rs.getString("status")), rs.getObject("merged_into", UUID.class),
					rs.getLong("version")))
			.optional();
	}

	/**
	 * The state of an active customer.
	 * @throws ApiException 404 when unknown, 410 when erased
	 * @throws CustomerMovedException when merged into another customer
	 */
	State active(UUID id) {
		State state = state(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
				Text.of("customer.not-found", "Customer {0} does not exist", id)));
		requireActive(id, state.status(), state.mergedInto());
		return state;
	}

	/**
	 * @throws ApiException 410 when erased
	 * @throws CustomerMovedException when merged into another customer
	 */
	static void requireActive(UUID id, CustomerStatus status, UUID mergedInto) {
		switch (status) {
			case ACTIVE -> {
			}
			case MERGED -> throw new CustomerMovedException(id, mergedInto);
			case ERASED -> throw new ApiException(HttpStatus.GONE, "customer-erased",
					Text.of("customer.erased", "Customer {0} was erased on request; nothing is kept about them", id));
		}
	}

	void insert(UUID id, CustomerKind kind, Profile profile, String displayName, LifecycleStage stage,
			UUID assignedStaffId, List<String> tags, String attributesJson, Instant now) {
		this.jdbc
			.sql("""
					INSERT INTO customer (id, kind, display_name, sort_name, given_name, family_name, company_name, birth_date,
					  preferred_language, lifecycle_stage, assigned_staff_id, tags, attributes, created_at, updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)""")
			.params(id, kind.name(), displayName, NameFolding.fold(displayName), profile.givenName(),
					profile.familyName(), profile.companyName(), profile.birthDate(), profile.preferredLanguage(),
					stage.name(), assignedStaffId, tags.toArray(String[]::new), attributesJson, utc(now), utc(now))
			.update();
	}

	/**
	 * @return false when the version is not the expected one (someone else wrote first)
	 */
	boolean updateProfile(UUID id, long expectedVersion, Profile profile, String displayName, Instant now) {
		return this.jdbc.sql("""
				UPDATE customer SET given_name = ?, family_name = ?, company_name = ?, birth_date = ?,
				  preferred_language = ?, display_name = ?, sort_name = ?, updated_at = ?, version = version + 1
				WHERE id = ? AND version = ? AND status = 'ACTIVE'""")
			.params(profile.givenName(), profile.familyName(), profile.companyName(), profile.birthDate(),
					profile.preferredLanguage(), displayName, NameFolding.fold(displayName), utc(now), id,
					expectedVersion)
			.update() == 1;
	}

	/**
	 * Marks an active customer changed (new version, updated time) and locks its row for
	 * the rest of the transaction, so concurrent changes to its details queue up.
	 */
	State touch(UUID id, Instant now) {
		int rows = this.jdbc
			.sql("UPDATE customer SET updated_at = ?, version = version + 1 WHERE id = ? AND status = 'ACTIVE'")
			.params(utc(now), id)
			.update();
		return rows == 0 ? active(id) : state(id).orElseThrow();
	}

	void replaceSearchTokens(UUID id, List<String> tokens) {
		this.jdbc.sql("DELETE FROM customer_search_token WHERE customer_id = ?").param(id).update();
		this.jdbc
			.sql("INSERT INTO customer_search_token (token, customer_id) SELECT t, ? FROM unnest(?::text[]) AS t "
					+ "ON CONFLICT DO NOTHING")
			.params(id, tokens.toArray(String[]::new))
			.update();
	}

	Profile profile(UUID id) {
		return this.jdbc
			.sql("SELECT given_name, family_name, company_name, birth_date, preferred_language FROM customer "
					+ "WHERE id = ?")
			.param(id)
			.query((rs, row) -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, java.time.LocalDate.class), rs.getString(5)))
			.single();
	}

	List<String> tags(UUID id) {
		return this.jdbc.sql("SELECT unnest(tags) FROM customer WHERE id = ?").param(id).query(String.class).list();
	}

	void setTags(UUID id, List<String> tags) {
		this.jdbc.sql("UPDATE customer SET tags = ? WHERE id = ?").params(tags.toArray(String[]::new), id).update();
	}

	String attributesJson(UUID id) {
		return this.jdbc.sql("SELECT attributes::text FROM customer WHERE id = ?")
			.param(id)
			.query(String.class)
			.single();
	}

	void setAttributes(UUID id, String json) {
		this.jdbc.sql("UPDATE customer SET attributes = ?::jsonb WHERE id = ?").params(json, id).update();
	}

	LifecycleStage stage(UUID id) {
		return LifecycleStage.valueOf(this.jdbc.sql("SELECT lifecycle_stage FROM customer WHERE id = ?")
			.param(id)
			.query(String.class)
			.single());
	}

	void setStage(UUID id, LifecycleStage stage) {
		this.jdbc.sql("UPDATE customer SET lifecycle_stage = ? WHERE id = ?").params(stage.name(), id).update();
	}

	Optional<UUID> assignee(UUID id) {
		return this.jdbc.sql("SELECT assigned_staff_id FROM customer WHERE id = ?")
			.param(id)
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, UUID.class)))
			.single();
	}

	void assign(UUID id, UUID staffId) {
		this.jdbc.sql("UPDATE customer SET assigned_staff_id = ? WHERE id = ?").params(staffId, id).update();
	}

	/** Moves every active customer of one staff member to another in one statement. */
	int reassignAll(UUID fromStaffId, UUID toStaffId, Instant now) {
		return this.jdbc.sql("""
				UPDATE customer SET assigned_staff_id = ?, updated_at = ?, version = version + 1
				WHERE assigned_staff_id = ? AND status = 'ACTIVE'""").params(toStaffId, utc(now), fromStaffId).update();
	}

	void setHousehold(UUID id, UUID householdId, HouseholdRole role) {
		this.jdbc.sql("UPDATE customer SET household_id = ?, household_role = ? WHERE id = ?")
			.params(householdId, role == null ? null : role.name(), id)
			.update();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
