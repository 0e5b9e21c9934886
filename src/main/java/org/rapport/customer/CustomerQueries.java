package org.rapport.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

	/** The view of a customer known to exist (any status). */
	CustomerView view(UUID id) {
		return this.jdbc.sql("SELECT * FROM customer WHERE id = ?").param(id).query((rs, row) -> {
			UUID householdId = rs.getObject("household_id", UUID.class);
			HouseholdView household = householdId == null ? null
					: household(householdId, rs.getString("household_role"));
			return new CustomerView(id, CustomerKind.valueOf(rs.getString("kind")),
					CustomerStatus.valueOf(rs.getString("status")), rs.getString("display_name"),
					rs.getString("given_name"), rs.getString("family_name"), rs.getString("company_name"),
					rs.getObject("birth_date", java.time.LocalDate.class), rs.getString("preferred_language"),
					LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
					staffRef(rs.getObject("assigned_staff_id", UUID.class)), household, tags(rs),
					attributes(rs.getString("attributes")), identities(id), addresses(id), consents(id), interests(id),
					contactPeople(id), companies(id), rs.getLong("version"), instant(rs, "created_at"),
					instant(rs, "updated_at"));
		}).single();
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

	private List<IdentityView> identities(UUID id) {
		return this.jdbc
			.sql("SELECT * FROM customer_identity WHERE customer_id = ? ORDER BY type, is_primary DESC, created_at")
			.param(id)
			.query(IdentityRepository::view)
			.list();
	}

	private List<AddressView> addresses(UUID id) {
		return this.jdbc.sql("SELECT * FROM customer_address WHERE customer_id = ? ORDER BY created_at")
			.param(id)
			.query(CustomerQueries::address)
			.list();
	}

	private List<ConsentView> consents(UUID id) {
		return this.jdbc.sql("SELECT * FROM customer_consent WHERE customer_id = ? ORDER BY channel, purpose")
			.param(id)
			.query(CustomerQueries::consent)
			.list();
	}

	private List<InterestView> interests(UUID id) {
		return this.jdbc.sql("SELECT * FROM customer_interest WHERE customer_id = ? ORDER BY topic")
			.param(id)
			.query((rs, row) -> new InterestView(rs.getString("topic"), InterestSource.valueOf(rs.getString("source")),
					instant(rs, "declared_at")))
			.list();
	}

	private List<ContactLink> contactPeople(UUID companyId) {
		return this.jdbc.sql("""
				SELECT p.id, p.display_name, l.role FROM customer_contact_person l JOIN customer p ON p.id = l.person_id
				WHERE l.company_id = ? AND p.status = 'ACTIVE' ORDER BY lower(p.display_name)""")
			.param(companyId)
			.query((rs, row) -> new ContactLink(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getString("role")))
			.list();
	}

	private List<ContactLink> companies(UUID personId) {
		return this.jdbc
			.sql("""
					SELECT c.id, c.display_name, l.role FROM customer_contact_person l JOIN customer c ON c.id = l.company_id
					WHERE l.person_id = ? AND c.status = 'ACTIVE' ORDER BY lower(c.display_name)""")
			.param(personId)
			.query((rs, row) -> new ContactLink(rs.getObject("id", UUID.class), rs.getString("display_name"),
					rs.getString("role")))
			.list();
	}

	private HouseholdView household(UUID householdId, String role) {
		String name = this.jdbc.sql("SELECT name FROM household WHERE id = ?")
			.param(householdId)
			.query(String.class)
			.single();
		List<HouseholdMember> members = this.jdbc.sql("""
				SELECT id, display_name, household_role FROM customer WHERE household_id = ? AND status = 'ACTIVE'
				ORDER BY household_role, lower(display_name)""")
			.param(householdId)
			.query((rs, row) -> new HouseholdMember(rs.getObject("id", UUID.class), rs.getString("display_name"),
					role(rs.getString("household_role"))))
			.list();
		return new HouseholdView(householdId, name, role(role), members);
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
