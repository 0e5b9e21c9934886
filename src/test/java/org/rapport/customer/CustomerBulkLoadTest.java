package org.rapport.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.BulkCustomer.BulkAddress;
import org.rapport.customer.BulkCustomer.BulkConsent;
import org.rapport.customer.BulkCustomer.BulkIdentity;
import org.rapport.customer.BulkCustomer.BulkNote;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CustomerBulkLoadTest {

	@Autowired
	CustomerBulkLoad bulk;

	@Autowired
	JdbcClient jdbc;

	@Test
	void loadsCustomersWithIdentitiesAddressesTokensAndHouseholdsInChunks() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<BulkCustomer> rows = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			rows.add(person(run, i, "Núñez" + run, "+34 6002" + String.format("%05d", i), run + "." + i + "@example.es",
					"h" + (i / 2)));
		}
		List<BulkLoadReport.Progress> progress = new ArrayList<>();
		BulkLoadReport report = this.bulk.load(rows.iterator(), options(run, 10), progress::add);

		assertThat(report.loaded()).isEqualTo(25);
		assertThat(report.rejected()).isZero();
		assertThat(progress).hasSize(3);
		assertThat(progress.get(2).read()).isEqualTo(25);
		String token = NameFolding.fold("Núñez" + run);
		assertThat(count("SELECT count(*) FROM customer_search_token WHERE token = ?", token)).isEqualTo(25);
		assertThat(count("SELECT count(*) FROM customer_identity i JOIN customer_search_token t "
				+ "ON t.customer_id = i.customer_id WHERE t.token = ?", token))
			.isEqualTo(25 * 3);
		assertThat(count("SELECT count(*) FROM customer_address a JOIN customer_search_token t "
				+ "ON t.customer_id = a.customer_id WHERE t.token = ?", token))
			.isEqualTo(25);
		assertThat(count("SELECT count(DISTINCT household_id) FROM customer c JOIN customer_search_token t "
				+ "ON t.customer_id = c.id WHERE t.token = ?", token))
			.isEqualTo(13);
		assertThat(count("SELECT count(*) FROM customer_consent_history h JOIN customer_search_token t "
				+ "ON t.customer_id = h.customer_id WHERE t.token = ?", token))
			.isEqualTo(25);
		assertThat(this.jdbc.sql(
				"SELECT array_to_string(tags, ',') FROM customer c JOIN customer_search_token t ON t.customer_id = c.id "
						+ "WHERE t.token = ? LIMIT 1")
			.param(token)
			.query(String.class)
			.single()).isEqualTo("vip,wine-lover");
		assertThat(this.jdbc.sql("SELECT value FROM customer_identity WHERE raw_value = ?")
			.param("+34 600200007")
			.query(String.class)
			.single()).isEqualTo("+34600200007");
	}

	@Test
	void rejectsRowsWithAnInvalidPhoneOrATakenEmailAndLoadsTheRest() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		this.bulk.load(
				List.of(person(run, 0, "Ortiz", "+34 600 300 001", "taken." + run + "@example.es", null)).iterator(),
				options(run + "-first", 100), null);

		List<BulkCustomer> rows = List.of(person(run, 1, "Ortiz", "+34 600 300 002", run + ".1@example.es", null),
				person(run, 2, "Ortiz", "12", run + ".2@example.es", null),
				person(run, 3, "Ortiz", "+34 600 300 004", "TAKEN." + run + "@example.es", null),
				person(run, 4, "Ortiz", "+34 600 300 005", run + ".1@example.es", null));
		BulkLoadReport report = this.bulk.load(rows.iterator(), options(run, 100), null);

		assertThat(report.loaded()).isEqualTo(1);
		assertThat(report.rejected()).isEqualTo(3);
		assertThat(report.rejections()).extracting(BulkLoadReport.Rejection::row).containsExactly(2L, 3L, 4L);
		assertThat(report.rejections().get(0).reason()).contains("PHONE '12'").contains("phone number");
		assertThat(report.rejections().get(1).reason())
			.isEqualTo("EMAIL taken." + run + "@example.es belongs to another customer already");
		assertThat(report.rejections().get(2).reason()).contains("repeats row 1");
	}

	@Test
	void runningTheSameLoadAgainChangesNothing() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<BulkCustomer> rows = List.of(person(run, 0, "Lima", "+34 600 400 001", run + ".0@example.es", "x"),
				person(run, 1, "Lima", "+34 600 400 002", run + ".1@example.es", "x"));
		this.bulk.load(rows.iterator(), options(run, 100), null);
		long customers = count("SELECT count(*) FROM customer");
		long identities = count("SELECT count(*) FROM customer_identity");

		BulkLoadReport again = this.bulk.load(rows.iterator(), options(run, 100), null);

		assertThat(again.loaded()).isZero();
		assertThat(again.skipped()).isEqualTo(2);
		assertThat(again.rejected()).isZero();
		assertThat(count("SELECT count(*) FROM customer")).isEqualTo(customers);
		assertThat(count("SELECT count(*) FROM customer_identity")).isEqualTo(identities);
	}

	@Test
	void eachLoadLeavesOneAuditSummary() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		BulkLoadReport report = this.bulk.load(
				List.of(person(run, 0, "Audit", "+34 600 500 001", run + "@example.es", null)).iterator(),
				options(run, 100), null);

		assertThat(
				this.jdbc.sql("SELECT summary FROM audit_event WHERE entity_type = 'customer-import' AND entity_id = ?")
					.param(report.importId())
					.query(String.class)
					.single())
			.contains("1 loaded");
	}

	@Test
	void everyRowTheLoadWritesBelongsToACustomerOfTheSameLoad() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<BulkCustomer> rows = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			rows.add(person(run, i, "Keys" + run, "+34 6007" + String.format("%05d", i), run + "." + i + "@example.es",
					"k" + (i / 3)));
		}
		BulkLoadReport report = this.bulk.load(rows.iterator(), options(run, 5), null);

		assertThat(report.loaded()).isEqualTo(12);
		for (String table : List.of("customer_identity", "customer_address", "customer_consent",
				"customer_consent_history", "customer_note", "customer_search_token")) {
			assertThat(count("SELECT count(*) FROM " + table + " x WHERE NOT EXISTS "
					+ "(SELECT 1 FROM customer c WHERE c.id = x.customer_id)"))
				.as(table)
				.isZero();
			assertThat(count("SELECT count(*) FROM " + table + " x JOIN customer_search_token t "
					+ "ON t.customer_id = x.customer_id WHERE t.token = ?", NameFolding.fold("Keys" + run)))
				.as(table)
				.isPositive();
		}
		assertThat(count("SELECT count(*) FROM customer c WHERE c.household_id IS NOT NULL AND NOT EXISTS "
				+ "(SELECT 1 FROM household h WHERE h.id = c.household_id)"))
			.isZero();
	}

	@Test
	void theTablesTheLoadWritesHaveNoTriggersBesidesTheirKeys() {
		// The load skips per-row key triggers (session_replication_role) because it gives
		// their guarantee itself; a trigger of our own on these tables would be skipped
		// too.
		assertThat(this.jdbc.sql("SELECT tgrelid::regclass || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal "
				+ "AND tgrelid IN ('customer'::regclass, 'customer_identity'::regclass, 'customer_address'::regclass, "
				+ "'customer_consent'::regclass, 'customer_consent_history'::regclass, 'customer_note'::regclass, "
				+ "'customer_search_token'::regclass, 'household'::regclass, 'customer_contact_person'::regclass)")
			.query(String.class)
			.list()).isEmpty();
	}

	@Test
	void theTablesTheLoadWritesCarryOnlyTheIndexesTheirReadsUse() {
		// Every index entry is work for every row the load writes (ADR 0028); an index
		// added to these tables needs a reader, listed in V5_5__customer_index_audit.sql
		// (V6_10 for
		// the tagged customers' index, ADR 0066).
		assertThat(this.jdbc
			.sql("SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid IN ('customer'::regclass, "
					+ "'customer_identity'::regclass, 'customer_address'::regclass, 'customer_consent'::regclass, "
					+ "'customer_consent_history'::regclass, 'customer_note'::regclass, "
					+ "'customer_search_token'::regclass, 'household'::regclass)")
			.query(String.class)
			.list()).containsExactlyInAnyOrder("customer_pkey", "customer_tags_idx", "customer_assigned_idx",
					"customer_stage_idx", "customer_household_idx", "customer_sort_name_idx", "customer_created_idx",
					"customer_updated_idx", "customer_merged_into_idx", "customer_identity_pkey",
					"customer_identity_type_value_source_key", "customer_identity_match_idx", "customer_address_pkey",
					"customer_address_match_idx", "customer_consent_pkey", "customer_consent_history_pkey",
					"customer_note_pkey", "customer_note_customer_idx", "customer_search_token_pkey",
					"customer_search_token_customer_idx", "household_pkey", "customer_tagged_idx");
	}

	@Test
	void loadedCustomersSortByTheirFoldedName() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		this.bulk.load(List.of(person(run, 0, "Ávila" + run, "+34 600 800 001", run + "@example.es", null)).iterator(),
				options(run, 100), null);

		assertThat(this.jdbc.sql("SELECT sort_name FROM customer WHERE family_name = ?")
			.param("Ávila" + run)
			.query(String.class)
			.single()).isEqualTo(NameFolding.fold("María José Ávila" + run));
	}

	@Test
	void aFailingRowSourceStopsTheLoadAfterTheChunksBeforeIt() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<BulkCustomer> rows = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			rows.add(person(run, i, "Stop" + run, "+34 6009" + String.format("%05d", i), run + "." + i + "@example.es",
					null));
		}
		java.util.Iterator<BulkCustomer> source = rows.iterator();
		java.util.Iterator<BulkCustomer> failing = new java.util.Iterator<>() {
			int given;

			@Override
			public boolean hasNext() {
				return true;
			}

			@Override
			public BulkCustomer next() {
				if (++this.given > 7) {
					throw new IllegalArgumentException("line 8 cannot be read");
				}
				return source.next();
			}
		};

		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.bulk.load(failing, options(run, 5), null))
			.hasMessageContaining("line 8 cannot be read");
		assertThat(count("SELECT count(*) FROM customer WHERE family_name = ?", "Stop" + run)).isEqualTo(5);
	}

	@Test
	void aRowRepeatingAnIdentityOfAnEarlierChunkIsRejectedAsInALoadOneChunkAtATime() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<BulkCustomer> rows = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			rows.add(
					person(run, i, "Twin", "+34 6010" + String.format("%05d", i), run + "." + i + "@example.es", null));
		}
		rows.add(person(run, 6, "Twin", "+34 601000099", run + ".0@example.es", null));

		BulkLoadReport report = this.bulk.load(rows.iterator(), options(run, 2), null);

		assertThat(report.loaded()).isEqualTo(6);
		assertThat(report.rejections()).extracting(BulkLoadReport.Rejection::row).containsExactly(7L);
		assertThat(report.rejections().get(0).reason())
			.isEqualTo("EMAIL " + run + ".0@example.es belongs to another customer already");
	}

	@Test
	void aContactPersonInALaterChunkIsLinkedToItsCompany() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		Instant at = Instant.parse("2025-03-01T10:00:00Z");
		List<BulkCustomer> rows = new ArrayList<>();
		rows.add(new BulkCustomer(run + "-co", CustomerKind.COMPANY, null, null, "Acme " + run, null, "es", null,
				List.of(), null, "ES", List.of(), List.of(), List.of(), List.of(), null, null, null, null, null, null,
				at));
		// Someone else between the company and its contacts, so that they start a
		// chunk of their own instead of joining the company's.
		rows.add(person(run, 9, "Between", "+34 601100009", run + ".9@example.es", null));
		for (int i = 0; i < 5; i++) {
			BulkCustomer p = person(run, i, "Contact", "+34 6011" + String.format("%05d", i),
					run + "." + i + "@example.es", null);
			rows.add(new BulkCustomer(p.externalKey(), p.kind(), p.givenName(), p.familyName(), null, p.birthDate(),
					p.preferredLanguage(), p.stage(), p.tags(), p.attributesJson(), p.region(), p.identities(),
					p.addresses(), p.consents(), p.notes(), null, null, null, null, run + "-co", "buyer", at));
		}

		BulkLoadReport report = this.bulk.load(rows.iterator(), options(run, 2), null);

		assertThat(report.loaded()).isEqualTo(7);
		assertThat(count("SELECT count(*) FROM customer_contact_person l JOIN customer c ON c.id = l.company_id "
				+ "WHERE c.company_name = ? AND l.role = 'buyer'", "Acme " + run))
			.isEqualTo(5);
	}

	@Test
	void aChunkThatMeetsAStoredIdentityIsWrittenAgainWithTheRowsThatHoldNone() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		this.bulk.load(List.of(person(run, 0, "Held", "+34 601200000", run + ".0@example.es", null)).iterator(),
				new CustomerBulkLoad.Options("other-" + run, 5, null), null);
		List<BulkCustomer> rows = new ArrayList<>();
		for (int i = 1; i < 4; i++) {
			rows.add(person(run, i, "Fresh", "+34 6012" + String.format("%05d", i), run + "." + i + "@example.es",
					"hh-" + run));
		}
		// The second row of the chunk holds the e-mail stored by the other load.
		rows.add(1, person(run, 4, "Fresh", "+34 601200004", run + ".0@example.es", "hh-" + run));

		BulkLoadReport report = this.bulk.load(rows.iterator(), options(run, 5), null);

		assertThat(report.loaded()).isEqualTo(3);
		assertThat(report.rejections()).extracting(BulkLoadReport.Rejection::row).containsExactly(2L);
		assertThat(count(
				"SELECT count(*) FROM customer WHERE family_name = 'Fresh'"
						+ " AND household_id IS NOT NULL AND given_name = 'María José' AND EXISTS "
						+ "(SELECT 1 FROM customer_identity i WHERE i.customer_id = customer.id AND i.value LIKE ?)",
				run + ".%"))
			.isEqualTo(3);
		assertThat(count("SELECT count(*) FROM customer_identity WHERE value = ?", run + ".0@example.es")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM customer_identity WHERE value = ?", "+34601200004")).isZero();
	}

	@Test
	void membersOfOneHouseholdInChunksWrittenAtOnceShareOneHousehold() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<BulkCustomer> rows = new ArrayList<>();
		// Members apart from each other, so they land in different chunks written at the
		// same time on the two lanes.
		for (int i = 0; i < 40; i++) {
			rows.add(person(run, i, "Apart" + run, "+34 6013" + String.format("%05d", i), run + "." + i + "@example.es",
					(i % 4 == 0) ? "hh-" + run + "-" + (i % 8) : null));
		}

		BulkLoadReport report = this.bulk.load(rows.iterator(), options(run, 3), null);

		assertThat(report.loaded()).isEqualTo(40);
		assertThat(count("SELECT count(DISTINCT household_id) FROM customer WHERE family_name = ?", "Apart" + run))
			.isEqualTo(2);
		assertThat(count("SELECT count(*) FROM customer c JOIN household h ON h.id = c.household_id "
				+ "WHERE c.family_name = ?", "Apart" + run))
			.isEqualTo(10);
	}

	private static CustomerBulkLoad.Options options(String source, int chunk) {
		return new CustomerBulkLoad.Options("test-" + source, chunk, null);
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private static BulkCustomer person(String run, int i, String family, String phone, String email, String household) {
		Instant at = Instant.parse("2025-03-01T10:00:00Z");
		return new BulkCustomer(run + "-" + i, CustomerKind.PERSON, "María José", family, null,
				LocalDate.of(1985, 4, 12), "es", LifecycleStage.LOYAL, List.of("VIP", "Wine Lover"),
				"{\"favouriteStore\":\"Madrid\"}", "ES",
				List.of(BulkIdentity.phone(phone, true), BulkIdentity.email(email, true)),
				List.of(new BulkAddress("HOME", "Calle Mayor, 12", null, "Madrid", "Madrid", "28013", "ES")),
				List.of(new BulkConsent(ConsentChannel.EMAIL, ConsentPurpose.MARKETING, true, at, "web-form")),
				List.of(new BulkNote("staff:ana", "Ana Sales", at, "Prefiere\tque le llamen\npor la tarde")), household,
				household == null ? null : "Familia " + household, household == null ? null : "HEAD", null, null, null,
				at);
	}

}
