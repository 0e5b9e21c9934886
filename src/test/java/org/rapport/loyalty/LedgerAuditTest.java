package org.rapport.loyalty;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.audit.AuditTrail;
import org.rapport.customer.Customers;
import org.rapport.interaction.Interactions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ledger audit of a programme (ADR 0085) on PostgreSQL: books kept by the engine
 * agree; a balance changed around it is found and listed with its three readings; the
 * ledger comes out as CSV, filtered by period, audited; only the programme's
 * administrators see either, through the API and the console.
 */
@IntegrationTest
class LedgerAuditTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	Loyalty loyalty;

	@Autowired
	LedgerCheck check;

	@Autowired
	AuditTrail audit;

	@Autowired
	JdbcClient jdbc;

	LoyaltyFixture fx;

	ConsoleStaff staff;

	LoyaltyProgramme programme;

	UUID ana;

	UUID bea;

	UUID cai;

	@BeforeEach
	void membersWithAvailableRedeemedAndPendingPoints() {
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.programme = this.fx.programme(14, NegativeBalancePolicy.CAP_AT_ZERO, null);
		this.ana = member();
		this.bea = member();
		UUID caiCustomer = this.fx.customer();
		this.cai = UUID.fromString(this.fx.enrol(this.programme, caiCustomer).get("accountId").asString());
		this.loyalty.adjust(this.ana, 120, "Welcome", "w-" + LoyaltyFixture.unique());
		this.loyalty.adjust(this.bea, 50, "Welcome", "w-" + LoyaltyFixture.unique());
		this.loyalty.redeem(this.bea, 20, "Coffee", "r-" + LoyaltyFixture.unique());
		String sku = this.fx.product("coats");
		this.fx.record(this.fx.purchase(caiCustomer, Instant.now().minusSeconds(60).toString(), sku, "60.00"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.loyalty.member(this.cai).pending() == 10);
	}

	UUID member() {
		return UUID.fromString(this.fx.enrol(this.programme, this.fx.customer()).get("accountId").asString());
	}

	@Test
	void booksKeptByTheEngineAgreeAccountByAccount() {
		LedgerCheck.Report report = this.check.check(this.programme);

		assertThat(report.agrees()).isTrue();
		assertThat(report.accounts()).isEqualTo(3);
		assertThat(report.ledger()).isEqualTo(new LedgerCheck.Points(150, 10));
		assertThat(report.balances()).isEqualTo(report.ledger());
		assertThat(report.lots()).isEqualTo(report.ledger());
		assertThat(report.differences()).isEmpty();
	}

	@Test
	void aBalanceChangedAroundTheEngineIsListedWithItsThreeReadings() {
		this.jdbc.sql("UPDATE loyalty_balance SET available = available + 7 WHERE account_id = ?")
			.param(this.ana)
			.update();
		try {
			LedgerCheck.Report report = this.check.check(this.programme);

			assertThat(report.agrees()).isFalse();
			assertThat(report.differing()).isEqualTo(1);
			assertThat(report.balances()).isEqualTo(new LedgerCheck.Points(157, 10));
			assertThat(report.ledger()).isEqualTo(new LedgerCheck.Points(150, 10));
			assertThat(report.differences()).singleElement().satisfies((d) -> {
				assertThat(d.accountId()).isEqualTo(this.ana);
				assertThat(d.balance()).isEqualTo(new LedgerCheck.Points(127, 0));
				assertThat(d.ledger()).isEqualTo(new LedgerCheck.Points(120, 0));
				assertThat(d.lots()).isEqualTo(new LedgerCheck.Points(120, 0));
			});
			MvcTestResult page = this.mvc.get()
				.uri("/loyalty/programmes/" + this.programme.code() + "/ledger-check")
				.with(this.staff.as(Role.ADMIN))
				.exchange();
			assertThat(page).hasStatus(200);
			assertThat(page).bodyText().contains("id=\"ledger-differs\"").contains("ledger-difference-" + this.ana);
		}
		finally {
			this.jdbc.sql("UPDATE loyalty_balance SET available = available - 7 WHERE account_id = ?")
				.param(this.ana)
				.update();
		}
	}

	@Test
	void aLotChangedAroundTheEngineIsFoundToo() {
		this.jdbc.sql("UPDATE loyalty_lot SET remaining = remaining - 1 WHERE account_id = ? AND status = 'PENDING'")
			.param(this.cai)
			.update();
		try {
			LedgerCheck.Report report = this.check.check(this.programme);

			assertThat(report.differences()).singleElement().satisfies((d) -> {
				assertThat(d.accountId()).isEqualTo(this.cai);
				assertThat(d.balance()).isEqualTo(d.ledger()).isEqualTo(new LedgerCheck.Points(0, 10));
				assertThat(d.lots()).isEqualTo(new LedgerCheck.Points(0, 9));
			});
		}
		finally {
			this.jdbc
				.sql("UPDATE loyalty_lot SET remaining = remaining + 1 WHERE account_id = ? AND status = 'PENDING'")
				.param(this.cai)
				.update();
		}
	}

	@Test
	void theCheckThroughTheApiIsForTheProgrammesAdministrators() {
		MvcTestResult result = this.fx.get(this.fx.as(Role.ADMIN),
				"/api/v1/loyalty/programmes/" + this.programme.code() + "/ledger-check");

		assertThat(result).hasStatus(200);
		JsonNode body = this.fx.body(result);
		assertThat(body.get("agrees").asBoolean()).isTrue();
		assertThat(body.get("accounts").asLong()).isEqualTo(3);
		assertThat(body.get("ledger").get("available").asLong()).isEqualTo(150);
		assertThat(this.fx.get(this.fx.as(Role.MANAGER),
				"/api/v1/loyalty/programmes/" + this.programme.code() + "/ledger-check"))
			.hasStatus(403);
	}

	@Test
	void theLedgerComesOutAsCsvOneRowPerMovementInTheOrderRecordedAndTheExportIsAudited() {
		int audited = this.audit.entriesAbout("loyalty-programme", this.programme.code()).size();

		MvcTestResult result = this.fx.get(this.fx.as(Role.ADMIN),
				"/api/v1/loyalty/programmes/" + this.programme.code() + "/ledger/export");

		assertThat(result).hasStatus(200);
		assertThat(result.getResponse().getContentType()).startsWith("text/csv");
		List<String> rows = body(result).lines().toList();
		assertThat(rows.get(0)).isEqualTo(String.join(",", LedgerExport.COLUMNS));
		assertThat(rows).hasSize(1 + 4);
		assertThat(rows.subList(1, 5)).extracting((r) -> r.split(",")[3])
			.containsExactly("ADJUST", "ADJUST", "REDEEM", "PENDING");
		assertThat(rows.get(1)).startsWith(rows.get(1).split(",")[0] + "," + this.ana + ",")
			.contains(",ADJUST,120,0,Welcome,");
		assertThat(rows.get(3)).contains(",REDEEM,-20,0,Coffee,");
		assertThat(this.audit.entriesAbout("loyalty-programme", this.programme.code())).hasSize(audited + 1)
			.last()
			.satisfies((e) -> assertThat(e.action()).isEqualTo("loyalty.ledger-exported"));
	}

	@Test
	void theExportKeepsToThePeriodAndRefusesABadDateByField() {
		String base = "/api/v1/loyalty/programmes/" + this.programme.code() + "/ledger/export";
		String tomorrow = Instant.now().plus(Duration.ofDays(1)).toString().substring(0, 10);

		assertThat(body(this.fx.get(this.fx.as(Role.ADMIN), base + "?from=" + tomorrow)).lines()).hasSize(1);
		assertThat(body(this.fx.get(this.fx.as(Role.ADMIN), base + "?to=" + tomorrow)).lines()).hasSize(5);
		MvcTestResult bad = this.fx.get(this.fx.as(Role.ADMIN), base + "?from=yesterday");
		assertThat(bad).hasStatus(400);
		assertThat(this.fx.body(bad).get("errors").get(0).get("field").asString()).isEqualTo("from");
		assertThat(this.fx.get(this.fx.as(Role.MANAGER), base)).hasStatus(403);
	}

	@Test
	void theConsolePageChecksDownloadsAndShowsARefusedDateAtItsField() {
		String page = "/loyalty/programmes/" + this.programme.code();
		assertThat(this.mvc.get().uri(page).with(this.staff.as(Role.ADMIN)).exchange()).bodyText()
			.contains("id=\"ledger-link\"");
		MvcTestResult audit = this.mvc.get().uri(page + "/ledger").with(this.staff.as(Role.ADMIN)).exchange();
		assertThat(audit).hasStatus(200);
		assertThat(audit).bodyText().contains("id=\"ledger-check-run\"").contains("id=\"ledger-export-form\"");
		assertThat(this.mvc.get().uri(page + "/ledger-check").with(this.staff.as(Role.ADMIN)).exchange()).bodyText()
			.contains("id=\"ledger-agrees\"");

		MvcTestResult refused = this.mvc.get()
			.uri(page + "/ledger.csv?from=2024-05-01&to=2024-04-01")
			.with(this.staff.as(Role.ADMIN))
			.exchange();
		assertThat(refused).hasStatus(400);
		assertThat(refused).bodyText().contains("id=\"ledger-error-to\"").contains("must be after from");
		MvcTestResult file = this.mvc.get().uri(page + "/ledger.csv").with(this.staff.as(Role.ADMIN)).exchange();
		assertThat(file).hasStatus(200);
		assertThat(body(file).lines()).hasSize(5);
		assertThat(this.mvc.get().uri(page + "/ledger").with(this.staff.as(Role.MANAGER)).exchange()).hasStatus(403);
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
