package org.rapport.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Everything the console's customer page shows about one customer, read in one go:
 * profile, identities, addresses, consents, interests, company contacts, household and
 * notes.
 */
@Component
class CustomerConsoleProfile {

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final JsonMapper json;

	CustomerConsoleProfile(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Profile(UUID id, CustomerKind kind, String status, UUID mergedInto, String displayName, String givenName,
			String familyName, String companyName, LocalDate birthDate, String language, LifecycleStage stage,
			UUID assignedStaffId, UUID householdId, String householdName, String householdRole, List<String> tags,
			Map<String, Object> attributes, Instant createdAt) {
	}

	record IdentityLine(IdentityType type, String source, String value, boolean primary) {
	}

	record AddressLine(String kind, String line1, String line2, String city, String region, String postalCode,
			String countryCode) {
	}

	record ConsentCell(boolean granted, Instant changedAt, String source) {
	}

	record InterestLine(String topic, String source, Instant declaredAt) {
	}

	/** Another customer linked to this one: a contact person, an employer, a relative. */
	record Link(UUID id, String displayName, String role) {
	}

	record NoteLine(UUID id, String authorName, Instant createdAt, String body) {
	}

	record View(Profile profile, List<IdentityLine> identities, List<AddressLine> addresses,
			Map<ConsentChannel, Map<ConsentPurpose, ConsentCell>> consents, List<InterestLine> interests,
			List<Link> contactPeople, List<Link> companies, List<Link> household, List<NoteLine> notes) {
	}

	Optional<View> view(UUID id) {
		return profile(id).map((p) -> new View(p, identities(id), addresses(id), consents(id), interests(id),
				links("SELECT p.id, p.display_name, cp.role FROM customer_contact_person cp "
						+ "JOIN customer p ON p.id = cp.person_id WHERE cp.company_id = ? ORDER BY p.display_name", id),
				links("SELECT c.id, c.display_name, cp.role FROM customer_contact_person cp "
						+ "JOIN customer c ON c.id = cp.company_id WHERE cp.person_id = ? ORDER BY c.display_name", id),
				household(p), notes(id)));
	}

	private Optional<Profile> profile(UUID id) {
		return this.jdbc.sql("""
				SELECT c.*, h.name AS household_name FROM customer c
				LEFT JOIN household h ON h.id = c.household_id WHERE c.id = ? AND c.status <> 'ERASED'""")
			.param(id)
			.query((rs, n) -> profile(rs))
			.optional();
	}

	private Profile profile(ResultSet rs) throws SQLException {
		String attributes = rs.getString("attributes");
		return new Profile(rs.getObject("id", UUID.class), CustomerKind.valueOf(rs.getString("kind")),
				rs.getString("status"), rs.getObject("merged_into", UUID.class), rs.getString("display_name"),
				rs.getString("given_name"), rs.getString("family_name"), rs.getString("company_name"),
				rs.getObject("birth_date", LocalDate.class), rs.getString("preferred_language"),
				LifecycleStage.valueOf(rs.getString("lifecycle_stage")), rs.getObject("assigned_staff_id", UUID.class),
				rs.getObject("household_id", UUID.class), rs.getString("household_name"),
				rs.getString("household_role"), Arrays.asList((String[]) rs.getArray("tags").getArray()),
				attributes == null ? Map.of() : this.json.readValue(attributes, MAP),
				rs.getTimestamp("created_at").toInstant());
	}

	private List<IdentityLine> identities(UUID id) {
		return this.jdbc
			.sql("SELECT type, source, value, is_primary FROM customer_identity WHERE customer_id = ? "
					+ "ORDER BY type, is_primary DESC, created_at")
			.param(id)
			.query((rs, n) -> new IdentityLine(IdentityType.valueOf(rs.getString("type")), rs.getString("source"),
					rs.getString("value"), rs.getBoolean("is_primary")))
			.list();
	}

	private List<AddressLine> addresses(UUID id) {
		return this.jdbc
			.sql("SELECT kind, line1, line2, city, region, postal_code, country_code FROM customer_address "
					+ "WHERE customer_id = ? ORDER BY created_at")
			.param(id)
			.query((rs, n) -> new AddressLine(rs.getString("kind"), rs.getString("line1"), rs.getString("line2"),
					rs.getString("city"), rs.getString("region"), rs.getString("postal_code"),
					rs.getString("country_code")))
			.list();
	}

	private Map<ConsentChannel, Map<ConsentPurpose, ConsentCell>> consents(UUID id) {
		Map<ConsentChannel, Map<ConsentPurpose, ConsentCell>> grid = new EnumMap<>(ConsentChannel.class);
		for (ConsentChannel channel : ConsentChannel.values()) {
			grid.put(channel, new EnumMap<>(ConsentPurpose.class));
		}
		this.jdbc
			.sql("SELECT channel, purpose, granted, changed_at, source FROM customer_consent WHERE customer_id = ?")
			.param(id)
			.query((rs) -> {
				grid.get(ConsentChannel.valueOf(rs.getString("channel")))
					.put(ConsentPurpose.valueOf(rs.getString("purpose")), new ConsentCell(rs.getBoolean("granted"),
							rs.getTimestamp("changed_at").toInstant(), rs.getString("source")));
			});
		return grid;
	}

	private List<InterestLine> interests(UUID id) {
		return this.jdbc
			.sql("SELECT topic, source, declared_at FROM customer_interest WHERE customer_id = ? ORDER BY topic")
			.param(id)
			.query((rs, n) -> new InterestLine(rs.getString("topic"), rs.getString("source"),
					rs.getTimestamp("declared_at").toInstant()))
			.list();
	}

	private List<Link> household(Profile profile) {
		if (profile.householdId() == null) {
			return List.of();
		}
		return this.jdbc
			.sql("SELECT id, display_name, household_role AS role FROM customer WHERE household_id = ? "
					+ "AND id <> ? AND status = 'ACTIVE' ORDER BY display_name")
			.params(profile.householdId(), profile.id())
			.query(CustomerConsoleProfile::link)
			.list();
	}

	private List<Link> links(String sql, UUID id) {
		return this.jdbc.sql(sql).param(id).query(CustomerConsoleProfile::link).list();
	}

	List<NoteLine> notes(UUID id) {
		return this.jdbc
			.sql("SELECT id, author_name, created_at, body FROM customer_note WHERE customer_id = ? "
					+ "ORDER BY created_at DESC, id DESC LIMIT 200")
			.param(id)
			.query((rs, n) -> new NoteLine(rs.getObject("id", UUID.class), rs.getString("author_name"),
					rs.getTimestamp("created_at").toInstant(), rs.getString("body")))
			.list();
	}

	private static Link link(ResultSet rs, int n) throws SQLException {
		return new Link(rs.getObject("id", UUID.class), rs.getString("display_name"), rs.getString("role"));
	}

	/** Number of active customers per stage, for the dashboard. */
	Map<LifecycleStage, Long> countsByStage() {
		Map<LifecycleStage, Long> counts = new EnumMap<>(LifecycleStage.class);
		for (LifecycleStage stage : LifecycleStage.values()) {
			counts.put(stage, 0L);
		}
		this.jdbc
			.sql("SELECT lifecycle_stage, count(*) AS n FROM customer WHERE status = 'ACTIVE' GROUP BY lifecycle_stage")
			.query((rs) -> {
				counts.put(LifecycleStage.valueOf(rs.getString("lifecycle_stage")), rs.getLong("n"));
			});
		return counts;
	}

	long countAssignedTo(UUID staffId) {
		return this.jdbc.sql("SELECT count(*) FROM customer WHERE status = 'ACTIVE' AND assigned_staff_id = ?")
			.param(staffId)
			.query(Long.class)
			.single();
	}

}
