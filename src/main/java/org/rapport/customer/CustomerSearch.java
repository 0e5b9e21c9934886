package org.rapport.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.rapport.customer.CustomerView.StaffRef;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds customers: every word of the query must be the prefix of one of the customer's
 * folded name tokens (an index range scan per word), or the whole query is an identity
 * (e-mail, phone, card number) the customer holds. Filters narrow, the sort orders, the
 * count is exact.
 */
@Component
class CustomerSearch {

	static final int MAX_WORDS = 8;

	private static final Pattern NUMBER_LIKE = Pattern.compile("^\\+?[0-9(][0-9\\s().\\-/]{4,}$");

	private static final String COLUMNS = """
			SELECT c.id, c.kind, c.display_name, c.lifecycle_stage, c.assigned_staff_id, c.tags, c.version,
			  c.created_at, c.updated_at,
			  (SELECT value FROM customer_identity i WHERE i.customer_id = c.id AND i.type = 'EMAIL'
			   ORDER BY i.is_primary DESC, i.created_at LIMIT 1) AS email,
			  (SELECT value FROM customer_identity i WHERE i.customer_id = c.id AND i.type = 'PHONE'
			   ORDER BY i.is_primary DESC, i.created_at LIMIT 1) AS phone
			FROM customer c""";

	private final JdbcClient jdbc;

	private final CustomerQueries queries;

	private final String defaultRegion;

	CustomerSearch(JdbcClient jdbc, CustomerQueries queries,
			@Value("${rapport.phone.default-region:US}") String defaultRegion) {
		this.jdbc = jdbc;
		this.queries = queries;
		this.defaultRegion = defaultRegion;
	}

	Page<CustomerSummary> search(CustomerQuery query, Paging paging) {
		List<Object> params = new ArrayList<>();
		String where = where(query, params);
		long total = this.jdbc.sql("SELECT count(*) FROM customer c" + where).params(params).query(Long.class).single();
		if (total == 0 || paging.offset() >= total) {
			return Page.of(List.of(), paging, total);
		}
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(paging.size());
		pageParams.add(paging.offset());
		Map<UUID, StaffRef> staff = new HashMap<>();
		List<CustomerSummary> items = this.jdbc
			.sql(COLUMNS + where + " ORDER BY " + query.sort().orderBy() + " LIMIT ? OFFSET ?")
			.params(pageParams)
			.query((rs, row) -> {
				UUID staffId = rs.getObject("assigned_staff_id", UUID.class);
				StaffRef ref = staffId == null ? null : staff.computeIfAbsent(staffId, this.queries::staffRef);
				return new CustomerSummary(rs.getObject("id", UUID.class), CustomerKind.valueOf(rs.getString("kind")),
						rs.getString("display_name"), LifecycleStage.valueOf(rs.getString("lifecycle_stage")), ref,
						CustomerQueries.tags(rs), rs.getString("email"), rs.getString("phone"), rs.getLong("version"),
						CustomerQueries.instant(rs, "created_at"), CustomerQueries.instant(rs, "updated_at"));
			})
			.list();
		return Page.of(items, paging, total);
	}

	private String where(CustomerQuery query, List<Object> params) {
		StringBuilder sql = new StringBuilder(" WHERE c.status = 'ACTIVE'");
		if (query.text() != null && !query.text().isBlank()) {
			sql.append(" AND ").append(textCondition(query.text().strip(), params));
		}
		if (query.stage() != null) {
			sql.append(" AND c.lifecycle_stage = ?");
			params.add(query.stage().name());
		}
		if (query.tag() != null && !query.tag().isBlank()) {
			sql.append(" AND c.tags @> ARRAY[?::text]");
			params.add(Tags.normalise(query.tag()));
		}
		if (query.assignedTo() != null) {
			sql.append(" AND c.assigned_staff_id = ?");
			params.add(query.assignedTo());
		}
		if (query.kind() != null) {
			sql.append(" AND c.kind = ?");
			params.add(query.kind().name());
		}
		return sql.toString();
	}

	private String textCondition(String text, List<Object> params) {
		List<String> alternatives = new ArrayList<>();
		List<String> words = NameFolding.tokens(text);
		if (!words.isEmpty()) {
			List<String> parts = new ArrayList<>();
			for (String word : words.subList(0, Math.min(words.size(), MAX_WORDS))) {
				parts.add("SELECT customer_id FROM customer_search_token WHERE token LIKE ?");
				params.add(word + "%");
			}
			alternatives.add("c.id IN (" + String.join(" INTERSECT ", parts) + ")");
		}
		Set<Identity> identities = identitiesIn(text);
		if (!identities.isEmpty()) {
			List<String> parts = new ArrayList<>();
			for (Identity identity : identities) {
				parts.add("(type = ? AND source = '' AND value = ?)");
				params.add(identity.type().name());
				params.add(identity.value());
			}
			alternatives
				.add("c.id IN (SELECT customer_id FROM customer_identity WHERE " + String.join(" OR ", parts) + ")");
		}
		return alternatives.isEmpty() ? "FALSE" : "(" + String.join(" OR ", alternatives) + ")";
	}

	/** The identities a search text could be: an e-mail, or a phone and a card number. */
	Set<Identity> identitiesIn(String text) {
		Set<Identity> identities = new LinkedHashSet<>();
		if (text.contains("@")) {
			tryAdd(identities, () -> Identity.email(text));
		}
		else if (NUMBER_LIKE.matcher(text).matches()) {
			tryAdd(identities, () -> Identity.phone(text, this.defaultRegion));
			tryAdd(identities, () -> Identity.card(text.replaceAll("[^0-9]", "")));
		}
		return identities;
	}

	private static void tryAdd(Set<Identity> identities, java.util.function.Supplier<Identity> parse) {
		try {
			identities.add(parse.get());
		}
		catch (Identity.InvalidIdentityException ex) {
			// not that kind of identity
		}
	}

}
