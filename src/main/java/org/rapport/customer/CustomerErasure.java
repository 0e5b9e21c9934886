package org.rapport.customer;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The data-removing half of an erasure. Covers the customer and the records merged into
 * it earlier, which are the same person. Answers how many rows of each kind went, which
 * is what the audit keeps instead of the data.
 */
@Component
class CustomerErasure {

	static final String ERASED_NAME = "Erased customer";

	private static final String PERSON = "(SELECT id FROM customer WHERE id = :id OR merged_into = :id)";

	/** Tables whose rows are the person's data, in an order the foreign keys allow. */
	private static final List<String[]> REMOVED = List.of(
			new String[] { "identities", "DELETE FROM customer_identity WHERE customer_id IN " + PERSON },
			new String[] { "addresses", "DELETE FROM customer_address WHERE customer_id IN " + PERSON },
			new String[] { "notes", "DELETE FROM customer_note WHERE customer_id IN " + PERSON },
			new String[] { "interests", "DELETE FROM customer_interest WHERE customer_id IN " + PERSON },
			new String[] { "consents", "DELETE FROM customer_consent WHERE customer_id IN " + PERSON },
			new String[] { "consentHistory", "DELETE FROM customer_consent_history WHERE customer_id IN " + PERSON },
			new String[] { "searchTokens", "DELETE FROM customer_search_token WHERE customer_id IN " + PERSON },
			new String[] { "contactLinks",
					"DELETE FROM customer_contact_person WHERE company_id IN " + PERSON + " OR person_id IN "
							+ PERSON },
			new String[] { "duplicateSuggestions",
					"DELETE FROM duplicate_candidate WHERE customer_a IN " + PERSON + " OR customer_b IN " + PERSON },
			new String[] { "nameKeys", "DELETE FROM customer_name_key WHERE customer_id IN " + PERSON });

	private final JdbcClient jdbc;

	CustomerErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The ids of the person's records: the customer and those merged into it. */
	List<UUID> records(UUID customerId) {
		return this.jdbc.sql("SELECT id FROM customer WHERE id = :id OR merged_into = :id ORDER BY id")
			.param("id", customerId)
			.query(UUID.class)
			.list();
	}

	Map<String, Integer> erase(UUID customerId, OffsetDateTime now) {
		Map<String, Integer> removed = new LinkedHashMap<>();
		for (String[] step : REMOVED) {
			removed.put(step[0], this.jdbc.sql(step[1]).param("id", customerId).update());
		}
		List<UUID> households = this.jdbc
			.sql("SELECT DISTINCT household_id FROM customer WHERE household_id IS NOT NULL AND id IN " + PERSON)
			.param("id", customerId)
			.query(UUID.class)
			.list();
		this.jdbc.sql("""
				UPDATE customer SET display_name = :name, given_name = NULL, family_name = NULL, company_name = NULL,
				  birth_date = NULL, preferred_language = NULL, household_id = NULL, household_role = NULL,
				  tags = '{}', attributes = '{}', updated_at = :now, version = version + 1,
				  status = CASE WHEN id = :id THEN 'ERASED' ELSE status END
				WHERE id IN
				""" + PERSON).param("id", customerId).param("name", ERASED_NAME).param("now", now).update();
		int emptied = 0;
		for (UUID household : households) {
			emptied += this.jdbc
				.sql("DELETE FROM household h WHERE h.id = ? AND NOT EXISTS (SELECT 1 FROM customer c "
						+ "WHERE c.household_id = h.id)")
				.param(household)
				.update();
		}
		removed.put("emptiedHouseholds", emptied);
		return removed;
	}

}
