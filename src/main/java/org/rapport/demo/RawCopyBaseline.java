package org.rapport.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.rapport.customer.BulkCustomer;
import org.rapport.customer.Identity;
import org.rapport.customer.NameFolding;

/**
 * The yardstick for the bulk load: the same generated customers written as the same COPY
 * text (same tables and columns, identities normalised, search tokens folded) into bare
 * tables without keys, indexes, constraints or checks, committed per chunk. This is about
 * as fast as PostgreSQL takes these rows on the machine.
 */
final class RawCopyBaseline {

	private static final String[][] TABLES = {
			{ "customer", "id uuid, kind text, display_name text, given_name text, family_name text, "
					+ "company_name text, birth_date date, preferred_language text, lifecycle_stage text, "
					+ "assigned_staff_id uuid, household_id uuid, household_role text, tags text[], attributes jsonb, "
					+ "created_at timestamptz, updated_at timestamptz" },
			{ "identity",
					"id uuid, customer_id uuid, type text, source text, value text, match_key text, "
							+ "raw_value text, is_primary boolean, created_at timestamptz" },
			{ "address",
					"id uuid, customer_id uuid, kind text, line1 text, line2 text, city text, region text, "
							+ "postal_code text, country_code text, created_at timestamptz" },
			{ "consent",
					"customer_id uuid, channel text, purpose text, granted boolean, changed_at timestamptz, "
							+ "source text" },
			{ "consent_history",
					"customer_id uuid, channel text, purpose text, granted boolean, "
							+ "changed_at timestamptz, source text, recorded_by text" },
			{ "note",
					"id uuid, customer_id uuid, author_id text, author_name text, created_at timestamptz, body text" },
			{ "token", "token text, customer_id uuid" },
			{ "household", "id uuid, name text, created_at timestamptz" } };

	private final DataSource dataSource;

	RawCopyBaseline(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Copies the rows, returns how many customers were written. */
	long copy(Iterator<BulkCustomer> rows, int chunkSize) throws SQLException, IOException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			for (String[] table : TABLES) {
				statement.execute("DROP TABLE IF EXISTS bare_" + table[0]);
				statement.execute("CREATE TABLE bare_" + table[0] + " (" + table[1] + ")");
			}
			connection.setAutoCommit(false);
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			StringBuilder[] text = new StringBuilder[TABLES.length];
			for (int i = 0; i < text.length; i++) {
				text[i] = new StringBuilder(256 * 1024);
			}
			long count = 0;
			while (rows.hasNext()) {
				render(rows.next(), text);
				count++;
				if (count % chunkSize == 0 || !rows.hasNext()) {
					for (int i = 0; i < TABLES.length; i++) {
						byte[] bytes = text[i].toString().getBytes(StandardCharsets.UTF_8);
						copy.copyIn("COPY bare_" + TABLES[i][0] + " FROM STDIN", new ByteArrayInputStream(bytes));
						text[i].setLength(0);
					}
					connection.commit();
				}
			}
			connection.setAutoCommit(true);
			return count;
		}
	}

	void drop() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			for (String[] table : TABLES) {
				statement.execute("DROP TABLE IF EXISTS bare_" + table[0]);
			}
		}
	}

	private static void render(BulkCustomer c, StringBuilder[] text) {
		UUID id = UUID.randomUUID();
		Instant created = c.createdAt();
		if (c.householdKey() != null && "HEAD".equals(c.householdRole())) {
			line(text[7], UUID.nameUUIDFromBytes(c.householdKey().getBytes(StandardCharsets.UTF_8)), c.householdName(),
					created);
		}
		String household = c.householdKey() == null ? null
				: UUID.nameUUIDFromBytes(c.householdKey().getBytes(StandardCharsets.UTF_8)).toString();
		line(text[0], id, c.kind(), c.displayName(), c.givenName(), c.familyName(), c.companyName(), c.birthDate(),
				c.preferredLanguage(), c.stage(), c.assignedStaffId(), household, c.householdRole(), array(c.tags()),
				c.attributesJson() == null ? "{}" : c.attributesJson(), created, created);
		line(text[1], UUID.randomUUID(), id, "EXTERNAL", "bench", c.externalKey(), c.externalKey(), c.externalKey(),
				false, created);
		for (BulkCustomer.BulkIdentity raw : c.identities()) {
			Identity identity = Identity.of(raw.type(), raw.source(), raw.value(), c.region());
			line(text[1], UUID.randomUUID(), id, identity.type(), identity.source(), identity.value(),
					identity.matchKey(), raw.value(), raw.primary(), created);
		}
		for (BulkCustomer.BulkAddress a : c.addresses()) {
			line(text[2], UUID.randomUUID(), id, a.kind(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(),
					a.countryCode(), created);
		}
		for (BulkCustomer.BulkConsent k : c.consents()) {
			line(text[3], id, k.channel(), k.purpose(), k.granted(), k.changedAt(), k.source());
			line(text[4], id, k.channel(), k.purpose(), k.granted(), k.changedAt(), k.source(), "Rapport");
		}
		for (BulkCustomer.BulkNote n : c.notes()) {
			line(text[5], UUID.randomUUID(), id, n.authorId(), n.authorName(), n.createdAt(), n.body());
		}
		for (String token : NameFolding.tokens(c.givenName(), c.familyName(), c.companyName())) {
			line(text[6], token, id);
		}
	}

	private static String array(List<String> values) {
		return values.isEmpty() ? "{}" : "{\"" + String.join("\",\"", values) + "\"}";
	}

	private static void line(StringBuilder out, Object... values) {
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				out.append('\t');
			}
			if (values[i] == null) {
				out.append("\\N");
				continue;
			}
			String value = values[i].toString();
			for (int j = 0; j < value.length(); j++) {
				char ch = value.charAt(j);
				switch (ch) {
					case '\\' -> out.append("\\\\");
					case '\t' -> out.append("\\t");
					case '\n' -> out.append("\\n");
					case '\r' -> out.append("\\r");
					default -> out.append(ch);
				}
			}
		}
		out.append('\n');
	}

}
