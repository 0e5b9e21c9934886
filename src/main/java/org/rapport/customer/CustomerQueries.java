package org.rapport.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.rapport.access.StaffDirectory;
import org.rapport.customer.CustomerView.AddressView;
import org.rapport.customer.CustomerView.ConsentView;
import org.rapport.customer.CustomerView.ContactLink;
import org.rapport.customer.CustomerView.HouseholdMember;
import org.rapport.customer.CustomerView.HouseholdView;
import org.rapport.customer.CustomerView.IdentityView;
import org.rapport.customer.CustomerView.InterestView;
import org.rapport.customer.CustomerView.StaffRef;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Read side: the 360 view of one customer, assembled from its tables. */
@Component
class CustomerQueries {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final StaffDirectory staff;

	CustomerQueries(JdbcClient jdbc, JsonMapper json, StaffDirectory staff) {
		this.jdbc = jdbc;
		this.json = json;
		this.staff = staff;
	}

	/** A customer's view with the customer it was merged into, if it was. */
	record Found(CustomerView view, UUID mergedInto) {
	}

	/**
	 * The view of a customer known to exist (any status), read with one statement: the
	 * customer row with its identities, addresses, consents, interests, contact links and
	 * household as JSON arrays, so the 360 view costs one round trip (plus the assigned
	 * staff member's name from the access module).
	 */
	CustomerView view(UUID id) {
		return find(id).orElseThrow(() -> new IllegalStateException("no customer " + id)).view();
	}

	/**
	 * The display names of the known customers among {@code ids}, whatever their status;
	 * one statement through the primary key.
	 */
	Map<UUID, String> displayNames(Collection<UUID> ids) {
		UUID[] wanted = ids.stream().filter(Objects::nonNull).distinct().toArray(UUID[]::new);
		Map<UUID, String> names = new HashMap<>();
		if (wanted.length > 0) {
			this.jdbc.sql("SELECT id, display_name FROM customer WHERE id = ANY(?)").param(wanted).query((rs) -> {
				names.put(rs.getObject("id", UUID.class), rs.getString("display_name"));
			});
		}
		return names;
	}

	/** The view of a customer in any status, if the id is known; one statement. */
	Optional<Found> find(UUID id) {
		return this.jdbc.sql(VIEW_SQL + BY_ID).param(id).query(this::found).optional();
	}

	/**
	 * The view of the customer holding a normalised identity, whatever its status; one
	 * statement (the identity's unique index, then the customer by id).
	 */
	Optional<Found> findByIdentity(Identity identity) {
		return this.jdbc.sql(VIEW_SQL + BY_IDENTITY)
			.params(identity.type().name(), identity.source(), identity.value())
			.query(this::found)
			.optional();
	}

	private Found found(ResultSet rs, int row) throws SQLException {
		UUID id = rs.getObject("id", UUID.class);
		UUID householdId = rs.getObject("household_id", UUID.class);
		HouseholdView household = householdId == null ? null
				: new HouseholdView(householdId, rs.getString("household_name"), role(rs.getString("household_role")),
						list(rs.getString("household_members"), HOUSEHOLD_MEMBERS));
		CustomerView view = new CustomerView(id, CustomerKind.valueOf(rs.getString("kind")),
				CustomerStatus.valueOf(rs.getString("status")), rs.getString("display_name"),
				rs.getString("given_name"), rs.getString("family_name"), rs.getString("company_name"),
				rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("preferred_language"),
				LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
				staffRef(rs.getObject("assigned_staff_id", UUID.class)), household, tags(rs),
				attributes(rs.getString("attributes")), list(rs.getString("identities"), IDENTITIES),
				list(rs.getString("addresses"), ADDRESSES), list(rs.getString("consents"), CONSENTS),
				list(rs.getString("interests"), INTERESTS), list(rs.getString("contact_people"), CONTACTS),
				list(rs.getString("companies"), CONTACTS), rs.getLong("version"), instant(rs, "created_at"),
				instant(rs, "updated_at"));
		return new Found(view, rs.getObject("merged_into", UUID.class));
	}

	private static final String BY_ID = "\nFROM customer c WHERE c.id = ?";

	private static final String BY_IDENTITY = "\nFROM customer c WHERE c.id = (SELECT x.customer_id "
			+ "FROM customer_identity x WHERE x.type = ? AND x.source = ? AND x.value = ?)";

	private static final String UTC_INSTANT = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

	private static final String VIEW_SQL = """
			SELECT c.*,
			  (SELECT name FROM household h WHERE h.id = c.household_id) AS household_name,
			  (SELECT coalesce(json_agg(json_build_object('customerId', m.id, 'displayName', m.display_name,
			      'role', m.household_role) ORDER BY m.household_role, lower(m.display_name)), '[]')
			     FROM customer m WHERE m.household_id = c.household_id AND m.status = 'ACTIVE') AS household_members,
			  (SELECT coalesce(json_agg(json_build_object('id', i.id, 'type', i.type, 'source', i.source,
			      'value', i.value, 'primary', i.is_primary,
			      'createdAt', to_char(i.created_at AT TIME ZONE 'UTC', %1$s))
			      ORDER BY i.type, i.is_primary DESC, i.created_at), '[]')
			     FROM customer_identity i WHERE i.customer_id = c.id) AS identities,
			  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'kind', a.kind, 'line1', a.line1,
			      'line2', a.line2, 'city', a.city, 'region', a.region, 'postalCode', a.postal_code,
			      'countryCode', a.country_code) ORDER BY a.created_at), '[]')
			     FROM customer_address a WHERE a.customer_id = c.id) AS addresses,
			  (SELECT coalesce(json_agg(json_build_object('channel', k.channel, 'purpose', k.purpose,
			      'granted', k.granted, 'source', k.source,
			      'changedAt', to_char(k.changed_at AT TIME ZONE 'UTC', %1$s)) ORDER BY k.channel, k.purpose), '[]')
			     FROM customer_consent k WHERE k.customer_id = c.id) AS consents,
			  (SELECT coalesce(json_agg(json_build_object('topic', t.topic, 'source', t.source,
			      'declaredAt', to_char(t.declared_at AT TIME ZONE 'UTC', %1$s)) ORDER BY t.topic), '[]')
			     FROM customer_interest t WHERE t.customer_id = c.id) AS interests,
			  (SELECT coalesce(json_agg(json_build_object('customerId', p.id, 'displayName', p.display_name,
			      'role', l.role) ORDER BY lower(p.display_name)), '[]')
			     FROM customer_contact_person l JOIN customer p ON p.id = l.person_id
			    WHERE l.company_id = c.id AND p.status = 'ACTIVE') AS contact_people,
			  (SELECT coalesce(json_agg(json_build_object('customerId', o.id, 'displayName', o.display_name,
			      'role', l.role) ORDER BY lower(o.display_name)), '[]')
			     FROM customer_contact_person l JOIN customer o ON o.id = l.company_id
			    WHERE l.person_id = c.id AND o.status = 'ACTIVE') AS companies""".formatted(UTC_INSTANT);

	private static final TypeReference<List<HouseholdMember>> HOUSEHOLD_MEMBERS = new TypeReference<>() {
	};

	private static final TypeReference<List<IdentityView>> IDENTITIES = new TypeReference<>() {
	};

	private static final TypeReference<List<AddressView>> ADDRESSES = new TypeReference<>() {
	};

	private static final TypeReference<List<ConsentView>> CONSENTS = new TypeReference<>() {
	};

	private static final TypeReference<List<InterestView>> INTERESTS = new TypeReference<>() {
	};

	private static final TypeReference<List<ContactLink>> CONTACTS = new TypeReference<>() {
	};

	private <T> List<T> list(String json, TypeReference<List<T>> type) {
		return json == null ? List.of() : List.copyOf(this.json.readValue(json, type));
	}

	StaffRef staffRef(UUID staffId) {
		if (staffId == null) {
			return null;
		}
		return this.staff.byId(staffId)
			.map((s) -> new StaffRef(s.id(), s.displayName(), s.active()))
			.orElse(new StaffRef(staffId, null, false));
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> attributes(String json) {
		return json == null ? Map.of() : this.json.readValue(json, Map.class);
	}

	private static HouseholdRole role(String role) {
		return role == null ? null : HouseholdRole.valueOf(role);
	}

	static List<String> tags(ResultSet rs) throws SQLException {
		return Arrays.asList((String[]) rs.getArray("tags").getArray());
	}

	static AddressView address(ResultSet rs, int row) throws SQLException {
		return new AddressView(rs.getObject("id", UUID.class), AddressKind.valueOf(rs.getString("kind")),
				rs.getString("line1"), rs.getString("line2"), rs.getString("city"), rs.getString("region"),
				rs.getString("postal_code"), rs.getString("country_code"));
	}

	static ConsentView consent(ResultSet rs, int row) throws SQLException {
		return new ConsentView(ConsentChannel.valueOf(rs.getString("channel")),
				ConsentPurpose.valueOf(rs.getString("purpose")), rs.getBoolean("granted"), rs.getString("source"),
				instant(rs, "changed_at"));
	}

	static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
