package org.rapport.customer;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The data-moving half of a merge: each statement hands one kind of data from the merged
 * customer to the survivor with the rule that decides conflicts. Runs inside the merge's
 * transaction with both customers locked.
 */
@Component
class MergeMoves {

	private final JdbcClient jdbc;

	MergeMoves(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Identities move; a moved identity stays primary only if the survivor has none of
	 * that type.
	 */
	void identities(UUID survivor, UUID merged) {
		run("""
				UPDATE customer_identity i SET customer_id = :s,
				  is_primary = i.is_primary AND NOT EXISTS (SELECT 1 FROM customer_identity p
				    WHERE p.customer_id = :s AND p.type = i.type AND p.is_primary)
				WHERE i.customer_id = :m
				""", survivor, merged);
	}

	/** Addresses move, except those the survivor already has (same match key). */
	void addresses(UUID survivor, UUID merged) {
		run("""
				DELETE FROM customer_address a WHERE a.customer_id = :m AND EXISTS (SELECT 1 FROM customer_address s
				  WHERE s.customer_id = :s AND s.match_key = a.match_key)
				""", survivor, merged);
		run("UPDATE customer_address SET customer_id = :s WHERE customer_id = :m", survivor, merged);
	}

	void notes(UUID survivor, UUID merged) {
		run("UPDATE customer_note SET customer_id = :s WHERE customer_id = :m", survivor, merged);
	}

	/**
	 * Per topic the earliest declaration wins: it is when the interest was first known.
	 */
	void interests(UUID survivor, UUID merged) {
		run("""
				UPDATE customer_interest s SET source = m.source, declared_at = m.declared_at
				FROM customer_interest m
				WHERE s.customer_id = :s AND m.customer_id = :m AND m.topic = s.topic AND m.declared_at < s.declared_at
				""", survivor, merged);
		run("""
				INSERT INTO customer_interest (customer_id, topic, source, declared_at)
				SELECT :s, topic, source, declared_at FROM customer_interest WHERE customer_id = :m
				ON CONFLICT (customer_id, topic) DO NOTHING
				""", survivor, merged);
		run("DELETE FROM customer_interest WHERE customer_id = :m", survivor, merged);
	}

	/**
	 * Per channel and purpose the most recent decision wins: it is the person's current
	 * will. The history of both moves to the survivor.
	 */
	void consents(UUID survivor, UUID merged) {
		run("""
				UPDATE customer_consent s SET granted = m.granted, changed_at = m.changed_at, source = m.source
				FROM customer_consent m
				WHERE s.customer_id = :s AND m.customer_id = :m AND m.channel = s.channel AND m.purpose = s.purpose
				  AND m.changed_at > s.changed_at
				""", survivor, merged);
		run("""
				INSERT INTO customer_consent (customer_id, channel, purpose, granted, changed_at, source)
				SELECT :s, channel, purpose, granted, changed_at, source FROM customer_consent WHERE customer_id = :m
				ON CONFLICT (customer_id, channel, purpose) DO NOTHING
				""", survivor, merged);
		run("DELETE FROM customer_consent WHERE customer_id = :m", survivor, merged);
		run("UPDATE customer_consent_history SET customer_id = :s WHERE customer_id = :m", survivor, merged);
	}

	/** Contact-person links move to the survivor on either side, without doubles. */
	void contactLinks(UUID survivor, UUID merged) {
		run("""
				INSERT INTO customer_contact_person (company_id, person_id, role)
				SELECT CASE WHEN company_id = :m THEN :s ELSE company_id END,
				       CASE WHEN person_id = :m THEN :s ELSE person_id END, role
				FROM customer_contact_person WHERE :m IN (company_id, person_id)
				ON CONFLICT (company_id, person_id) DO NOTHING
				""", survivor, merged);
		run("DELETE FROM customer_contact_person WHERE :m IN (company_id, person_id)", survivor, merged);
	}

	/**
	 * The survivor's profile: its own values win, empty fields are filled from the merged
	 * customer, tags are the union, attributes the union with the survivor's value on
	 * conflicting keys, and the household is the survivor's or else the merged one's.
	 */
	void profile(UUID survivor, UUID merged, OffsetDateTime now) {
		this.jdbc.sql("""
				UPDATE customer s SET
				  given_name = COALESCE(s.given_name, m.given_name),
				  family_name = COALESCE(s.family_name, m.family_name),
				  company_name = COALESCE(s.company_name, m.company_name),
				  birth_date = COALESCE(s.birth_date, m.birth_date),
				  preferred_language = COALESCE(s.preferred_language, m.preferred_language),
				  assigned_staff_id = COALESCE(s.assigned_staff_id, m.assigned_staff_id),
				  household_id = COALESCE(s.household_id, m.household_id),
				  household_role = CASE WHEN s.household_id IS NULL THEN m.household_role ELSE s.household_role END,
				  tags = ARRAY(SELECT DISTINCT t FROM unnest(s.tags || m.tags) AS t ORDER BY t),
				  attributes = m.attributes || s.attributes,
				  updated_at = :now, version = s.version + 1
				FROM customer m WHERE s.id = :s AND m.id = :m
				""").param("s", survivor).param("m", merged).param("now", now).update();
	}

	/** The survivor's name search tokens, recomputed from its names after the merge. */
	void searchTokens(UUID survivor, UUID merged) {
		run("DELETE FROM customer_search_token WHERE customer_id IN (:s, :m)", survivor, merged);
		this.jdbc.sql("SELECT display_name, given_name, family_name, company_name FROM customer WHERE id = ?")
			.param(survivor)
			.query((rs, n) -> NameFolding.tokens(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.single()
			.forEach((token) -> this.jdbc
				.sql("INSERT INTO customer_search_token (token, customer_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
				.params(token, survivor)
				.update());
	}

	/**
	 * The merged customer stays as a redirect to the survivor, and so do the customers
	 * merged into it before: a redirect is always one hop.
	 */
	void redirect(UUID survivor, UUID merged, OffsetDateTime now) {
		this.jdbc.sql("""
				UPDATE customer SET status = 'MERGED', merged_into = :s, updated_at = :now, version = version + 1
				WHERE id = :m OR merged_into = :m
				""").param("s", survivor).param("m", merged).param("now", now).update();
	}

	/**
	 * The pair's suggestion is settled as merged; suggestions between the merged customer
	 * and others now concern the survivor (a dismissal stays a dismissal).
	 */
	void candidates(UUID survivor, UUID merged, String actorId, OffsetDateTime now) {
		this.jdbc.sql("""
				UPDATE duplicate_candidate SET status = 'MERGED', decided_by = :actor, decided_at = :now
				WHERE customer_a = LEAST(:s, :m) AND customer_b = GREATEST(:s, :m)
				""").param("s", survivor).param("m", merged).param("actor", actorId).param("now", now).update();
		run("""
				INSERT INTO duplicate_candidate (customer_a, customer_b, reason, score, detected_at, status, decided_by,
				  decided_at)
				SELECT LEAST(:s, o.other), GREATEST(:s, o.other), d.reason, d.score, d.detected_at, d.status,
				       d.decided_by, d.decided_at
				FROM duplicate_candidate d
				CROSS JOIN LATERAL (SELECT CASE WHEN d.customer_a = :m THEN d.customer_b ELSE d.customer_a END) o(other)
				WHERE :m IN (d.customer_a, d.customer_b) AND o.other <> :s AND d.status <> 'MERGED'
				ON CONFLICT (customer_a, customer_b) DO NOTHING
				""", survivor, merged);
		run("""
				DELETE FROM duplicate_candidate WHERE :m IN (customer_a, customer_b) AND status <> 'MERGED'
				""", survivor, merged);
	}

	private void run(String sql, UUID survivor, UUID merged) {
		this.jdbc.sql(sql).param("s", survivor).param("m", merged).update();
	}

}
