package org.rapport.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The console's customer list: one search box that takes a name prefix (accent- and
 * case-insensitive), a phone number, an e-mail address or a card number, narrowed by
 * stage, tag and assigned staff, sorted and paged. Read-side SQL straight into rows.
 */
@Component
class CustomerConsoleSearch {

	static final int PAGE_SIZE = 25;

	private final JdbcClient jdbc;

	private final String defaultRegion;

	CustomerConsoleSearch(JdbcClient jdbc, @Value("${rapport.phone.default-region:US}") String defaultRegion) {
		this.jdbc = jdbc;
		this.defaultRegion = defaultRegion;
	}

	/**
	 * How the list is ordered: each order is an index's (ADR 0066), so a page reads its
	 * rows in order instead of sorting every active customer. By name is by the sort name
	 * (the display name in lower case, compared code point by code point), as the API's
	 * list orders.
	 */
	enum Sort {

		NAME("c.sort_name, c.id"), NEWEST("c.created_at DESC, c.id DESC"),
		STAGE("c.lifecycle_stage, c.sort_name, c.id");

		final String orderBy;

		Sort(String orderBy) {
			this.orderBy = orderBy;
		}

	}

	/** What the staff member asked for; blank fields do not filter. */
	record Criteria(String q, LifecycleStage stage, String tag, UUID staff, Sort sort, int page) {

		Criteria {
			q = q == null ? "" : q.strip();
			tag = tag == null ? "" : tag.strip();
			sort = sort == null ? Sort.NAME : sort;
			page = Math.max(page, 0);
		}

	}

	/** One line of the result list. */
	record Row(UUID id, CustomerKind kind, String displayName, LifecycleStage stage, String phone, String email,
			UUID assignedStaffId, List<String> tags) {
	}

	/** One page of rows and whether another page follows. */
	record Page(List<Row> rows, int page, boolean hasNext) {

		public boolean hasPrevious() {
			return this.page > 0;
		}

	}

	Page search(Criteria criteria) {
		Statement statement = statement(criteria);
		if (statement == null) {
			return new Page(List.of(), 0, false);
		}
		List<Row> rows = this.jdbc.sql(statement.sql())
			.params(statement.params())
			.query(CustomerConsoleSearch::row)
			.list();
		boolean hasNext = rows.size() > PAGE_SIZE;
		return new Page(hasNext ? rows.subList(0, PAGE_SIZE) : rows, criteria.page(), hasNext);
	}

	/** A statement of the list with its parameters. */
	record Statement(String sql, List<Object> params) {
	}

	/**
	 * The list's statement for the criteria (one page and one row more, to tell whether
	 * there is a next page); null when the text can match nothing.
	 */
	Statement statement(Criteria criteria) {
		StringBuilder sql = new StringBuilder("""
				SELECT c.id, c.kind, c.display_name, c.lifecycle_stage, c.assigned_staff_id, c.tags,
				  (SELECT i.value FROM customer_identity i WHERE i.customer_id = c.id AND i.type = 'PHONE'
				   ORDER BY i.is_primary DESC, i.created_at LIMIT 1) AS phone,
				  (SELECT i.value FROM customer_identity i WHERE i.customer_id = c.id AND i.type = 'EMAIL'
				   ORDER BY i.is_primary DESC, i.created_at LIMIT 1) AS email
				FROM customer c WHERE c.status = 'ACTIVE'""");
		List<Object> params = new ArrayList<>();
		if (!criteria.q().isEmpty()) {
			List<String> identities = identityValues(criteria.q());
			if (!identities.isEmpty()) {
				// Any type, as before; naming the types lets the look-up probe the index
				// on
				// (type, value, source) instead of reading every identity.
				sql.append(" AND c.id IN (SELECT customer_id FROM customer_identity ")
					.append("WHERE type IN ('EMAIL', 'PHONE', 'CARD', 'EXTERNAL') AND value IN (")
					.append(String.join(", ", identities.stream().map((v) -> "?").toList()))
					.append("))");
				params.addAll(identities);
			}
			else {
				List<String> tokens = NameFolding.tokens(criteria.q());
				if (tokens.isEmpty()) {
					return null;
				}
				for (String token : tokens) {
					sql.append(" AND EXISTS (SELECT 1 FROM customer_search_token s WHERE s.customer_id = c.id")
						.append(" AND s.token LIKE ?)");
					params.add(token + "%");
				}
			}
		}
		if (criteria.stage() != null) {
			sql.append(" AND c.lifecycle_stage = ?");
			params.add(criteria.stage().name());
		}
		if (!criteria.tag().isEmpty()) {
			sql.append(" AND c.tags @> ARRAY[CAST(? AS text)]");
			params.add(criteria.tag());
		}
		if (criteria.staff() != null) {
			sql.append(" AND c.assigned_staff_id = ?");
			params.add(criteria.staff());
		}
		sql.append(" ORDER BY ").append(criteria.sort().orderBy).append(" LIMIT ? OFFSET ?");
		params.add(PAGE_SIZE + 1);
		params.add(criteria.page() * PAGE_SIZE);
		return new Statement(sql.toString(), params);
	}

	/**
	 * The one active customer who has exactly this phone number, if the text is a phone
	 * number and exactly one customer has it.
	 */
	Optional<UUID> soleOwnerOfPhone(String text) {
		Optional<String> phone = phone(text);
		if (phone.isEmpty()) {
			return Optional.empty();
		}
		List<UUID> owners = this.jdbc
			.sql("SELECT DISTINCT c.id FROM customer_identity i JOIN customer c ON c.id = i.customer_id "
					+ "WHERE i.type = 'PHONE' AND i.value = ? AND c.status = 'ACTIVE' LIMIT 2")
			.param(phone.get())
			.query(UUID.class)
			.list();
		return owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
	}

	/**
	 * Tags in use, for the filter list: read from the customers that have a tag only,
	 * through their own index (ADR 0066).
	 */
	static final String TAGS_IN_USE = "SELECT DISTINCT t FROM (SELECT unnest(tags) AS t FROM customer "
			+ "WHERE status = 'ACTIVE' AND tags <> '{}' LIMIT 10000) x ORDER BY t LIMIT 200";

	/** Tags in use, for the filter list. */
	List<String> tagsInUse() {
		return this.jdbc.sql(TAGS_IN_USE).query(String.class).list();
	}

	/**
	 * The normalised identity values the text could be: an e-mail address, a phone number
	 * or a card number. Empty when the text reads as a name.
	 */
	List<String> identityValues(String text) {
		if (text.contains("@")) {
			return attempt(() -> Identity.email(text).value()).map(List::of).orElse(List.of());
		}
		if (!text.matches("[+0-9 ()./-]{5,}") || text.chars().filter(Character::isDigit).count() < 5) {
			return List.of();
		}
		List<String> values = new ArrayList<>();
		phone(text).ifPresent(values::add);
		attempt(() -> Identity.card(text).value()).filter((v) -> !values.contains(v)).ifPresent(values::add);
		return values;
	}

	private Optional<String> phone(String text) {
		return attempt(() -> Identity.phone(text, this.defaultRegion).value());
	}

	private static Optional<String> attempt(java.util.function.Supplier<String> normalise) {
		try {
			return Optional.of(normalise.get());
		}
		catch (Identity.InvalidIdentityException ex) {
			return Optional.empty();
		}
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), CustomerKind.valueOf(rs.getString("kind")),
				rs.getString("display_name"), LifecycleStage.valueOf(rs.getString("lifecycle_stage")),
				rs.getString("phone"), rs.getString("email"), rs.getObject("assigned_staff_id", UUID.class),
				Arrays.asList((String[]) rs.getArray("tags").getArray()));
	}

}
