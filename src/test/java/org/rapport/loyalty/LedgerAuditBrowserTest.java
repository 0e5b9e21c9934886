package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger audit in a real (headless) browser: an administrator goes from the programme
 * to its ledger audit, checks the books and reads that they agree, with the totals, then
 * downloads the ledger of the programme as CSV.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerAuditBrowserTest {

	static final String PASSWORD = "ledger-audit-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	BrowserSession browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void anAdministratorChecksTheBooksAndDownloadsTheLedger() {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("la-" + suffix, "Audited club",
				"EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of("base", Combination.STACK), null));
		for (String name : List.of("Ines", "Ivo")) {
			UUID customer = this.customers.create(NewCustomer.person(name, "Audit " + suffix)).id();
			MemberSummary member = this.loyalty.enrol(programme.code(),
					new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + name + suffix);
			this.loyalty.adjust(member.accountId(), 300, "Welcome points", "adj-" + name + suffix);
			this.loyalty.redeem(member.accountId(), 45, "Coffee", "red-" + name + suffix);
		}
		String admin = "la-admin-" + suffix;
		this.staff.create(admin, "Ada Admin", PASSWORD, EnumSet.of(Role.ADMIN));

		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.signIn(admin, PASSWORD);
		this.browser.go("/loyalty/programmes/" + programme.code());
		this.browser.find("#ledger-link").click();
		this.browser.find("#ledger-check-run").click();

		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("ledger-agrees")));
		assertThat(this.browser.find("#ledger-agrees").getText()).contains("each of the 2 accounts")
			.contains("510 available");
		assertThat(this.browser.find("#ledger-total-lots").getText()).contains("510");
		this.browser.screenshot("ledger-audit-laptop");

		String csv = (String) this.browser.driver()
			.executeScript("const f = document.getElementById('ledger-export-form');"
					+ "return fetch(f.action + '?' + new URLSearchParams(new FormData(f))).then((r) => r.text());");
		List<String> rows = csv.lines().toList();
		assertThat(rows.get(0)).isEqualTo(String.join(",", LedgerExport.COLUMNS));
		assertThat(rows).hasSize(1 + 4);
		assertThat(csv).contains(",ADJUST,300,0,Welcome points,").contains(",REDEEM,-45,0,Coffee,");
	}

}
