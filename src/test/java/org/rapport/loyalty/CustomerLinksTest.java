package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.customer.CustomerMerger;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.customer.PersonalData;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Accounts follow customer merges and erasures; the export shows the member's loyalty
 * data.
 */
@IntegrationTest
class CustomerLinksTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	CustomerMerger merger;

	@Autowired
	PersonalData personalData;

	@Autowired
	JdbcClient jdbc;

	private LoyaltyProgramme programme() {
		return this.loyalty.createProgramme(
				new ProgrammeSettings("p-" + LoyaltyFixture.unique(), "Club", "EUR", "points", new BigDecimal("0.01"),
						14, ExpiryPolicy.NONE, 0, null, NegativeBalancePolicy.ALLOW, null, Map.of(), null));
	}

	private UUID customer() {
		return this.customers.create(NewCustomer.person("Nuria", "Merge " + LoyaltyFixture.unique())).id();
	}

	private MemberSummary enrol(LoyaltyProgramme p, UUID customer, long points) {
		MemberSummary m = this.loyalty.enrol(p.code(), new Enrolment(customer, null, null, CardKind.VIRTUAL, null),
				null);
		this.loyalty.adjust(m.accountId(), points, "Opening balance", "open");
		return m;
	}

	@Test
	void aMergeOfTwoMembersCombinesTheirBalancesByTransfersAndKeepsBothCards() {
		LoyaltyProgramme p = programme();
		UUID survivor = customer();
		UUID merged = customer();
		MemberSummary kept = enrol(p, survivor, 30);
		MemberSummary gone = enrol(p, merged, 12);

		this.merger.merge(survivor, merged, null, null);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loyalty.member(gone.accountId()).status().equals("MERGED"));
		MemberSummary after = this.loyalty.member(kept.accountId());
		assertThat(after.available()).isEqualTo(42);
		assertThat(after.cards()).hasSize(2);
		assertThat(this.loyalty.sumOfLedger(kept.accountId())).isEqualTo(new Balance(42, 0));
		assertThat(this.loyalty.sumOfLedger(gone.accountId())).isEqualTo(new Balance(0, 0));
		assertThat(this.loyalty.findByCard(gone.cards().get(0).number()).orElseThrow().member().accountId())
			.isEqualTo(kept.accountId());
	}

	@Test
	void aMergedCustomersOnlyAccountMovesToTheSurvivor() {
		LoyaltyProgramme p = programme();
		UUID survivor = customer();
		UUID merged = customer();
		MemberSummary account = enrol(p, merged, 5);

		this.merger.merge(survivor, merged, null, null);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> survivor.equals(this.loyalty.member(account.accountId()).customerId()));
		assertThat(this.loyalty.membershipsOf(survivor)).singleElement()
			.satisfies((m) -> assertThat(m.available()).isEqualTo(5));
	}

	@Test
	void anErasureUnlinksThePersonAndKeepsTheLedgerAmounts() {
		LoyaltyProgramme p = programme();
		UUID customer = customer();
		MemberSummary m = enrol(p, customer, 25);
		this.loyalty.adjust(m.accountId(), 5, "Sorry about your husband's complaint", "adj-" + UUID.randomUUID());
		assertThat(this.personalData.export(customer)).containsKey("loyalty");

		this.personalData.erase(customer, "Asked to be forgotten");

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loyalty.member(m.accountId()).status().equals("ERASED"));
		MemberSummary after = this.loyalty.member(m.accountId());
		assertThat(after.customerId()).isNull();
		assertThat(after.cards()).allSatisfy((c) -> assertThat(c.number()).isNull());
		assertThat(this.loyalty.sumOfLedger(m.accountId())).isEqualTo(new Balance(30, 0));
		assertThat(this.jdbc
			.sql("SELECT count(*) FILTER (WHERE redacted AND summary IS NULL AND after IS NULL), count(*) "
					+ "FROM audit_event WHERE entity_type = 'loyalty_account' AND entity_id = ?")
			.param(m.accountId().toString())
			.query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
			.single()).as("the account's audit entries, redacted of what staff wrote about the person")
			.satisfies((counts) -> assertThat(counts.get(1)).isPositive())
			.satisfies((counts) -> assertThat(counts.get(0)).isEqualTo(counts.get(1)));
	}

	@Test
	void erasingTheSurvivorOfAMergeRedactsTheAbsorbedRecordsLoyaltyTrailToo() {
		LoyaltyProgramme p = programme();
		UUID survivor = customer();
		UUID merged = customer();
		MemberSummary kept = enrol(p, survivor, 30);
		MemberSummary gone = enrol(p, merged, 12);
		this.merger.merge(survivor, merged, null, null);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.loyalty.member(gone.accountId()).status().equals("MERGED"));

		this.personalData.erase(survivor, "Asked to be forgotten");

		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(gone.accountId()).customerId() == null);
		for (UUID account : List.of(kept.accountId(), gone.accountId())) {
			assertThat(this.jdbc
				.sql("SELECT count(*) FILTER (WHERE redacted AND summary IS NULL AND after IS NULL), count(*) "
						+ "FROM audit_event WHERE entity_type = 'loyalty_account' AND entity_id = ?")
				.param(account.toString())
				.query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
				.single()).as("the audit entries of account %s, enrolment and card included", account)
				.satisfies((counts) -> assertThat(counts.get(1)).isPositive())
				.satisfies((counts) -> assertThat(counts.get(0)).isEqualTo(counts.get(1)));
		}
		assertThat(this.jdbc
			.sql("SELECT count(*) FROM audit_event WHERE entity_type LIKE 'loyalty%' AND NOT redacted "
					+ "AND (summary::text LIKE ? OR after::text LIKE ?)")
			.params("%" + merged + "%", "%" + merged + "%")
			.query(Long.class)
			.single()).as("no loyalty entry names the absorbed customer in the clear").isZero();
		assertThat(this.loyalty.member(gone.accountId()).status()).isEqualTo("MERGED");
		assertThat(this.loyalty.member(kept.accountId()).cards()).allSatisfy((c) -> assertThat(c.number()).isNull());
	}

}
