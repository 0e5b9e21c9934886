package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.Ids;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers by the thousand, for bulk imports: finds the holders of many identities at
 * once and creates prospects for those nobody holds, set-based (one statement per table,
 * not one call per customer). A prospect is a person named after its identity value,
 * holding that identity as its primary one. Prospects created here are not written to the
 * audit trail one by one; the import that created them is the record.
 */
@Service
public class Prospects {

	/** The longest name a prospect gets from its identity value. */
	static final int MAX_NAME = 100;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final String defaultRegion;

	Prospects(JdbcClient jdbc, Clock clock, @Value("${rapport.phone.default-region:US}") String defaultRegion) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.defaultRegion = defaultRegion;
	}

	/**
	 * Normalises an identity as the customer memory stores it.
	 * @throws Identity.InvalidIdentityException when the value cannot be such an identity
	 */
	public Identity normalise(IdentityType type, String source, String raw) {
		return Identity.of(type, source, raw, this.defaultRegion);
	}

	/**
	 * The active customer holding each identity (a merged holder answers with its
	 * survivor); with {@code createMissing}, identities nobody holds become prospects in
	 * the caller's transaction. Identities of erased customers stay unanswered.
	 */
	@Transactional
	public Map<Identity, UUID> holders(Collection<Identity> identities, boolean createMissing) {
		List<Identity> distinct = new ArrayList<>(new LinkedHashSet<>(identities));
		Map<Identity, UUID> found = find(distinct);
		if (!createMissing) {
			return found;
		}
		List<Identity> missing = distinct.stream().filter((i) -> !found.containsKey(i)).toList();
		if (!missing.isEmpty()) {
			create(missing);
			found.putAll(find(missing));
		}
		return found;
	}

	/**
	 * The active customer each id stands for now: itself, or the survivor it was merged
	 * into; unknown and erased ids are left out.
	 */
	@Transactional(readOnly = true)
	public Map<UUID, UUID> active(Collection<UUID> ids) {
		Map<UUID, UUID> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		this.jdbc.sql("""
				SELECT c.id, CASE WHEN c.status = 'MERGED' THEN s.id ELSE c.id END
				FROM customer c LEFT JOIN customer s ON s.id = c.merged_into AND s.status = 'ACTIVE'
				WHERE c.id = ANY(?) AND (c.status = 'ACTIVE' OR s.id IS NOT NULL)
				""").param(ids.toArray(UUID[]::new)).query((rs) -> {
			found.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
		});
		return found;
	}

	private Map<Identity, UUID> find(List<Identity> identities) {
		Map<Identity, UUID> found = new HashMap<>();
		if (identities.isEmpty()) {
			return found;
		}
		this.jdbc.sql("""
				SELECT i.type, i.source, i.value, CASE WHEN c.status = 'MERGED' THEN c.merged_into ELSE c.id END
				FROM unnest(?::text[], ?::text[], ?::text[]) AS k(type, source, value)
				JOIN customer_identity i ON i.type = k.type AND i.source = k.source AND i.value = k.value
				JOIN customer c ON c.id = i.customer_id
				WHERE c.status <> 'ERASED'
				""").params(column(identities, 0), column(identities, 1), column(identities, 2)).query((rs) -> {
			found.put(new Identity(IdentityType.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)),
					rs.getObject(4, UUID.class));
		});
		return found;
	}

	/**
	 * Inserts one prospect per identity; where a concurrent writer took the identity
	 * first, the prospect made for it is removed again and theirs is the holder.
	 */
	private void create(List<Identity> missing) {
		Instant now = this.clock.instant();
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		int n = missing.size();
		String[] ids = new String[n];
		String[] identityIds = new String[n];
		String[] names = new String[n];
		String[] sortNames = new String[n];
		List<String> tokenCustomers = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			ids[i] = Ids.next(now.toEpochMilli()).toString();
			identityIds[i] = Ids.next(now.toEpochMilli()).toString();
			String value = missing.get(i).value();
			names[i] = value.length() > MAX_NAME ? value.substring(0, MAX_NAME) : value;
			sortNames[i] = NameFolding.fold(names[i]);
			for (String token : NameFolding.tokens(names[i])) {
				tokenCustomers.add(ids[i]);
				tokens.add(token);
			}
		}
		this.jdbc.sql("""
				INSERT INTO customer (id, kind, display_name, sort_name, family_name, lifecycle_stage, created_at,
				  updated_at)
				SELECT u.id::uuid, 'PERSON', u.name, u.sort_name, u.name, 'PROSPECT', ?, ?
				FROM unnest(?::text[], ?::text[], ?::text[]) AS u(id, name, sort_name)
				""").params(at, at, ids, names, sortNames).update();
		String[] matchKeys = missing.stream().map(Identity::matchKey).toArray(String[]::new);
		List<String> taken = this.jdbc.sql("""
				WITH wanted AS (
				  SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
				    AS u(id, customer_id, type, source, value, match_key)),
				inserted AS (
				  INSERT INTO customer_identity (id, customer_id, type, source, value, match_key, raw_value, is_primary,
				    created_at)
				  SELECT w.id::uuid, w.customer_id::uuid, w.type, w.source, w.value, w.match_key, w.value, TRUE, ?
				  FROM wanted w ORDER BY w.type, w.value, w.source
				  ON CONFLICT (type, source, value) DO NOTHING RETURNING customer_id)
				SELECT w.customer_id FROM wanted w
				WHERE w.customer_id::uuid NOT IN (SELECT customer_id FROM inserted)
				""")
			.params(identityIds, ids, column(missing, 0), column(missing, 1), column(missing, 2), matchKeys, at)
			.query(String.class)
			.list();
		this.jdbc.sql("""
				INSERT INTO customer_search_token (token, customer_id)
				SELECT u.token, u.customer_id::uuid FROM unnest(?::text[], ?::text[]) AS u(token, customer_id)
				WHERE NOT u.customer_id = ANY(?::text[])
				ON CONFLICT DO NOTHING
				""")
			.params(tokens.toArray(String[]::new), tokenCustomers.toArray(String[]::new), taken.toArray(String[]::new))
			.update();
		if (!taken.isEmpty()) {
			this.jdbc.sql("DELETE FROM customer WHERE id = ANY(?::uuid[])")
				.param(taken.toArray(String[]::new))
				.update();
		}
	}

	private static String[] column(List<Identity> identities, int column) {
		return identities.stream().map((i) -> switch (column) {
			case 0 -> i.type().name();
			case 1 -> i.source();
			default -> i.value();
		}).toArray(String[]::new);
	}

}
