package org.rapport.customer;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The detection rules as set-based SQL. Each rule groups customers by a key, keeps the
 * groups of plausible size and pairs the members of each group (lower id first), so the
 * work grows with the number of shared keys, never with the square of the customers.
 * Pairs already known (open, dismissed or merged) are left alone, which keeps a dismissal
 * final. Rules run strongest first, so a pair keeps its strongest reason.
 */
@Component
class DuplicateDetection {

	/**
	 * A key shared by more customers than this is a placeholder (a shop's phone number, a
	 * front desk's e-mail), not a person, and suggests nothing.
	 */
	static final int LARGEST_PLAUSIBLE_GROUP = 25;

	private static final String INSERT = """
			INSERT INTO duplicate_candidate (customer_a, customer_b, reason, score, detected_at)
			SELECT DISTINCT x.customer_id, y.customer_id, :reason, :score, :now
			""";

	private static final String BOTH_ACTIVE = """
			JOIN customer cx ON cx.id = x.customer_id AND cx.status = 'ACTIVE'
			JOIN customer cy ON cy.id = y.customer_id AND cy.status = 'ACTIVE' AND cy.kind = cx.kind
			""";

	/**
	 * Same identity key. E-mails and phones are paired by their match key (index
	 * {@code customer_identity_match_idx}, which holds only those two types); cards and
	 * external ids, whose match key is the value itself, by their value (the unique index
	 * on {@code (type, value, source)}). {@code %5$s} is the types, {@code %6$s} the key
	 * column.
	 */
	private static final String SAME_IDENTITY_KEY = """
			WITH shared AS (
			  SELECT i.type, i.%6$s AS shared_key FROM customer_identity i
			  JOIN customer c ON c.id = i.customer_id AND c.status = 'ACTIVE'
			  WHERE i.type IN (%5$s) AND i.%6$s <> '' %1$s
			  GROUP BY i.type, i.%6$s
			  HAVING count(DISTINCT i.customer_id) BETWEEN 2 AND :largest)
			""" + INSERT + """
			FROM shared s
			JOIN customer_identity x ON x.type IN (%5$s) AND x.type = s.type AND x.%6$s = s.shared_key
			JOIN customer_identity y ON y.type IN (%5$s) AND y.type = s.type AND y.%6$s = s.shared_key
			  AND x.customer_id < y.customer_id
			""" + BOTH_ACTIVE + """
			WHERE TRUE %2$s
			ON CONFLICT (customer_a, customer_b) DO NOTHING
			""";

	/** Identity types paired by match key. */
	private static final String[] BY_MATCH_KEY = { "'EMAIL', 'PHONE'", "match_key" };

	/** Identity types whose match key is the value, paired by value. */
	private static final String[] BY_VALUE = { "'CARD', 'EXTERNAL'", "value" };

	private static final String[] NO_KEYS = { "", "" };

	private static final String NAME_AND_BIRTH_DATE = """
			WITH shared AS (
			  SELECT k.full_name, k.birth_date FROM customer_name_key k
			  JOIN customer c ON c.id = k.customer_id AND c.status = 'ACTIVE'
			  WHERE k.birth_date IS NOT NULL AND k.full_name <> '' %3$s
			  GROUP BY k.full_name, k.birth_date
			  HAVING count(*) BETWEEN 2 AND :largest)
			""" + INSERT + """
			FROM shared s
			JOIN customer_name_key x ON x.full_name = s.full_name AND x.birth_date = s.birth_date
			JOIN customer_name_key y ON y.full_name = s.full_name AND y.birth_date = s.birth_date
			  AND x.customer_id < y.customer_id
			""" + BOTH_ACTIVE + """
			WHERE TRUE %2$s
			ON CONFLICT (customer_a, customer_b) DO NOTHING
			""";

	private static final String SIMILAR_NAME_AND_ADDRESS = """
			WITH shared AS (
			  SELECT a.match_key, k.family_name, k.given_initial FROM customer_address a
			  JOIN customer_name_key k ON k.customer_id = a.customer_id
			  JOIN customer c ON c.id = a.customer_id AND c.status = 'ACTIVE'
			  WHERE a.match_key <> '' AND k.family_name <> '' AND k.given_initial <> '' %4$s
			  GROUP BY a.match_key, k.family_name, k.given_initial
			  HAVING count(DISTINCT a.customer_id) BETWEEN 2 AND :largest)
			""" + INSERT + """
			FROM shared s
			JOIN customer_address xa ON xa.match_key = s.match_key
			JOIN customer_name_key x ON x.customer_id = xa.customer_id
			  AND x.family_name = s.family_name AND x.given_initial = s.given_initial
			JOIN customer_address ya ON ya.match_key = s.match_key AND ya.customer_id > xa.customer_id
			JOIN customer_name_key y ON y.customer_id = ya.customer_id
			  AND y.family_name = s.family_name AND y.given_initial = s.given_initial
			""" + BOTH_ACTIVE + """
			WHERE TRUE %2$s
			ON CONFLICT (customer_a, customer_b) DO NOTHING
			""";

	/** Restricts the groups and pairs to those of one customer. */
	private static final String[] ONE_CUSTOMER = {
			"AND (i.type, i.%6$s) IN (SELECT type, %6$s FROM customer_identity WHERE customer_id = :id AND type IN (%5$s))",
			"AND :id IN (x.customer_id, y.customer_id)",
			"AND (k.full_name, k.birth_date) IN (SELECT full_name, birth_date FROM customer_name_key WHERE customer_id = :id)",
			"AND (a.match_key, k.family_name, k.given_initial) IN (SELECT ca.match_key, ck.family_name, ck.given_initial "
					+ "FROM customer_address ca JOIN customer_name_key ck ON ck.customer_id = ca.customer_id "
					+ "WHERE ca.customer_id = :id)" };

	private static final String[] EVERYONE = { "", "", "", "" };

	private final JdbcClient jdbc;

	private final Clock clock;

	DuplicateDetection(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Runs one rule over all active customers; answers the number of new suggestions. */
	int run(DuplicateReason reason) {
		return insert(reason, EVERYONE, null);
	}

	/** Runs one rule for the pairs one customer is part of. */
	int runFor(DuplicateReason reason, UUID customerId) {
		return insert(reason, ONE_CUSTOMER, customerId);
	}

	private int insert(DuplicateReason reason, String[] scope, UUID customerId) {
		return switch (reason) {
			case SAME_IDENTITY_KEY -> insert(SAME_IDENTITY_KEY, reason, scope, BY_MATCH_KEY, customerId)
					+ insert(SAME_IDENTITY_KEY, reason, scope, BY_VALUE, customerId);
			case NAME_AND_BIRTH_DATE -> insert(NAME_AND_BIRTH_DATE, reason, scope, NO_KEYS, customerId);
			case SIMILAR_NAME_AND_ADDRESS -> insert(SIMILAR_NAME_AND_ADDRESS, reason, scope, NO_KEYS, customerId);
		};
	}

	private int insert(String template, DuplicateReason reason, String[] scope, String[] keys, UUID customerId) {
		String[] args = { scope[0], scope[1], scope[2], scope[3], keys[0], keys[1] };
		// The scope's restriction names the key columns too, so it is formatted first.
		for (int i = 0; i < 4; i++) {
			args[i] = args[i].replace("%5$s", keys[0]).replace("%6$s", keys[1]);
		}
		var statement = this.jdbc.sql(template.formatted((Object[]) args))
			.param("reason", reason.name())
			.param("score", reason.score())
			.param("now", this.clock.instant().atOffset(ZoneOffset.UTC))
			.param("largest", LARGEST_PLAUSIBLE_GROUP);
		if (customerId != null) {
			statement = statement.param("id", customerId);
		}
		return statement.update();
	}

}
