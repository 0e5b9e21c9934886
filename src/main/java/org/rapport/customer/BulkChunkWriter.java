package org.rapport.customer;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

import org.postgresql.copy.CopyManager;
import org.rapport.platform.Ids;
import org.rapport.platform.db.BinaryCopyRows;

/**
 * Writes the accepted rows of one chunk with binary COPY: households and company contacts
 * go through temporary tables (they may already exist or refer to rows of earlier
 * chunks), everything else straight into the customer tables.
 */
final class BulkChunkWriter {

	static final String STAGING = """
			CREATE TEMP TABLE IF NOT EXISTS bulk_identity (idx BIGINT, type TEXT, source TEXT, value TEXT)
			  ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS bulk_household (id UUID, name TEXT, created_at TIMESTAMPTZ)
			  ON COMMIT DELETE ROWS;
			CREATE TEMP TABLE IF NOT EXISTS bulk_contact (company_key TEXT, person_id UUID, role TEXT)
			  ON COMMIT DELETE ROWS;
			""";

	private final String source;

	private final String recordedBy;

	private final Instant now;

	BulkChunkWriter(String source, String recordedBy, Instant now) {
		this.source = source;
		this.recordedBy = recordedBy;
		this.now = now;
	}

	/**
	 * A chunk's rows in the binary COPY format, one buffer per table, made from exactly
	 * these rows.
	 */
	record Encoded(List<BulkRow> rows, BinaryCopyRows households, BinaryCopyRows customers, BinaryCopyRows identities,
			BinaryCopyRows addresses, BinaryCopyRows consents, BinaryCopyRows history, BinaryCopyRows notes,
			BinaryCopyRows tokens, BinaryCopyRows contacts) {
	}

	String source() {
		return this.source;
	}

	/**
	 * The household id for a key of this load source: derived from the key, so members in
	 * later chunks or a re-run find the same household without a lookup.
	 */
	static UUID householdId(String source, String key) {
		return UUID.nameUUIDFromBytes(("household|" + source + "|" + key).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Renders the rows as binary COPY rows. Needs no database, so it runs ahead of the
	 * writer. Child rows get ids of the chunk's time ({@code idMillis}), so they land at
	 * the right end of their primary keys like every other new row (ADR 0003).
	 */
	Encoded encode(List<BulkRow> rows, long idMillis) {
		// Random bits of the ids from a fast generator seeded by the secure one per
		// chunk.
		SplittableRandom random = new SplittableRandom(Ids.seed());
		int n = rows.size();
		BinaryCopyRows households = new BinaryCopyRows(64 * n);
		BinaryCopyRows customers = new BinaryCopyRows(320 * n);
		BinaryCopyRows identities = new BinaryCopyRows(3 * 180 * n);
		BinaryCopyRows addresses = new BinaryCopyRows(200 * n);
		BinaryCopyRows consents = new BinaryCopyRows(3 * 90 * n);
		BinaryCopyRows history = new BinaryCopyRows(3 * 100 * n);
		BinaryCopyRows notes = new BinaryCopyRows(1024);
		BinaryCopyRows tokens = new BinaryCopyRows(3 * 40 * n);
		BinaryCopyRows contacts = new BinaryCopyRows(1024);
		for (BulkRow row : rows) {
			BulkCustomer c = row.input();
			Instant created = c.createdAt() == null ? this.now : c.createdAt();
			UUID householdId = null;
			if (c.householdKey() != null && !c.householdKey().isBlank()) {
				householdId = householdId(this.source, c.householdKey());
				String name = c.householdName() == null ? c.displayName() : c.householdName();
				households.row(3).uuid(householdId).text(name).timestamptz(created);
			}
			String displayName = c.displayName();
			customers.row(17)
				.uuid(row.id())
				.text(c.kind())
				.text(displayName)
				.text(NameFolding.fold(displayName))
				.text(blankToNull(c.givenName()))
				.text(blankToNull(c.familyName()))
				.text(blankToNull(c.companyName()))
				.date(c.birthDate())
				.text(blankToNull(c.preferredLanguage()))
				.text(c.stage() == null ? LifecycleStage.PROSPECT : c.stage())
				.uuid(c.assignedStaffId())
				.uuid(householdId)
				.text(householdId == null ? null : c.householdRole())
				.textArray(row.tags())
				.jsonb(c.attributesJson() == null || c.attributesJson().isBlank() ? "{}" : c.attributesJson())
				.timestamptz(created)
				.timestamptz(created);
			for (BulkRow.Normalised n2 : row.identities()) {
				Identity identity = n2.identity();
				identities.row(9)
					.uuid(Ids.next(idMillis, random.nextLong()))
					.uuid(row.id())
					.text(identity.type())
					.text(identity.source())
					.text(identity.value())
					.text(identity.matchKey())
					.text(n2.raw())
					.bool(n2.primary())
					.timestamptz(created);
			}
			for (BulkCustomer.BulkAddress a : c.addresses()) {
				addresses.row(11)
					.uuid(Ids.next(idMillis, random.nextLong()))
					.uuid(row.id())
					.text(a.kind())
					.text(a.line1())
					.text(blankToNull(a.line2()))
					.text(blankToNull(a.city()))
					.text(blankToNull(a.region()))
					.text(blankToNull(a.postalCode()))
					.text(a.countryCode() == null ? null : a.countryCode().toUpperCase(java.util.Locale.ROOT))
					.text(BulkRow.addressKey(a))
					.timestamptz(created);
			}
			for (BulkCustomer.BulkConsent k : c.consents()) {
				String consentSource = k.source() == null || k.source().isBlank() ? "import" : k.source();
				consents.row(6)
					.uuid(row.id())
					.text(k.channel())
					.text(k.purpose())
					.bool(k.granted())
					.timestamptz(k.changedAt())
					.text(consentSource);
				history.row(7)
					.uuid(row.id())
					.text(k.channel())
					.text(k.purpose())
					.bool(k.granted())
					.timestamptz(k.changedAt())
					.text(consentSource)
					.text(this.recordedBy);
			}
			for (BulkCustomer.BulkNote note : c.notes()) {
				notes.row(6)
					.uuid(Ids.next(idMillis, random.nextLong()))
					.uuid(row.id())
					.text(note.authorId())
					.text(note.authorName())
					.timestamptz(note.createdAt())
					.text(note.body());
			}
			for (String token : NameFolding.tokens(c.givenName(), c.familyName(), c.companyName())) {
				tokens.row(2).text(token).uuid(row.id());
			}
			if (c.contactOfKey() != null && !c.contactOfKey().isBlank()) {
				contacts.row(3).text(c.contactOfKey()).uuid(row.id()).text(blankToNull(c.contactRole()));
			}
		}
		return new Encoded(rows, households, customers, identities, addresses, consents, history, notes, tokens,
				contacts);
	}

	/**
	 * Writes an encoded chunk in the connection's current transaction: the customers,
	 * then the rows that refer to them, all of this transaction's customers, so the
	 * foreign keys hold by construction. The households go first when the keys are
	 * checked row by row; when the transaction leaves them to the writer
	 * ({@code keyChecksSkipped}) they go last, just before the commit: two chunks that
	 * share a household insert it in id order, and the later waits at the unique index
	 * for the earlier to commit, which it does at once, instead of waiting there for the
	 * earlier chunk's whole writing (ADR 0043). Nobody sees the rows of either
	 * transaction before its commit, when its households are there.
	 */
	void write(Encoded chunk, CopyManager copy, Statement statement, boolean keyChecksSkipped) throws SQLException {
		if (!keyChecksSkipped) {
			writeHouseholds(chunk, copy, statement);
		}
		chunk.customers()
			.copyInto(copy, "customer",
					"id, kind, display_name, sort_name, given_name, family_name, company_name, birth_date, preferred_language, "
							+ "lifecycle_stage, assigned_staff_id, household_id, household_role, tags, attributes, "
							+ "created_at, updated_at");
		chunk.identities()
			.copyInto(copy, "customer_identity",
					"id, customer_id, type, source, value, match_key, raw_value, is_primary, created_at");
		chunk.addresses()
			.copyInto(copy, "customer_address",
					"id, customer_id, kind, line1, line2, city, region, postal_code, country_code, match_key, created_at");
		chunk.consents()
			.copyInto(copy, "customer_consent", "customer_id, channel, purpose, granted, changed_at, source");
		chunk.history()
			.copyInto(copy, "customer_consent_history",
					"customer_id, channel, purpose, granted, changed_at, source, recorded_by");
		chunk.notes().copyInto(copy, "customer_note", "id, customer_id, author_id, author_name, created_at, body");
		chunk.tokens().copyInto(copy, "customer_search_token", "token, customer_id");
		if (chunk.contacts().rows() > 0) {
			chunk.contacts().copyInto(copy, "bulk_contact", "company_key, person_id, role");
			// One index probe per contact (LATERAL ... LIMIT 1 keeps the planner from
			// hashing
			// all of the source's external ids, which it did per chunk while the table
			// grew).
			statement.execute("INSERT INTO customer_contact_person (company_id, person_id, role) "
					+ "SELECT i.customer_id, b.person_id, b.role FROM bulk_contact b CROSS JOIN LATERAL "
					+ "(SELECT x.customer_id FROM customer_identity x WHERE x.type = 'EXTERNAL' AND x.source = '"
					+ this.source.replace("'", "''")
					+ "' AND x.value = b.company_key LIMIT 1) i ON CONFLICT DO NOTHING");
		}
		if (keyChecksSkipped) {
			writeHouseholds(chunk, copy, statement);
		}
	}

	private static void writeHouseholds(Encoded chunk, CopyManager copy, Statement statement) throws SQLException {
		if (chunk.households().rows() > 0) {
			chunk.households().copyInto(copy, "bulk_household", "id, name, created_at");
			statement.execute("INSERT INTO household (id, name, created_at) "
					+ "SELECT DISTINCT ON (id) id, name, created_at FROM bulk_household ORDER BY id "
					+ "ON CONFLICT (id) DO NOTHING");
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
