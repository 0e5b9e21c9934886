package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.EnumSet;
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
 * The voucher-code requirement in a real (headless) browser: at the counter a member's
 * voucher can be used from their card; an administrator then ticks "ask for the voucher's
 * code" in the programme's settings, and the counter lists the voucher without the button
 * and says that the code is needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VoucherCodeRequiredBrowserTest {

	static final String PASSWORD = "voucher-code-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Rewards rewards;

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
	void anAdministratorRequiresTheCodeAndTheCounterNoLongerUsesVouchersFromTheCard() {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("vb-" + suffix, "Code club",
				"EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of("base", Combination.STACK), null));
		Reward reward = this.rewards.createReward(programme.code(),
				new NewReward("Cinema ticket", null, 100L, null, null, null, null, null, 30, true));
		UUID customer = this.customers.create(NewCustomer.person("Vida", "Voucher " + suffix)).id();
		MemberSummary member = this.loyalty.enrol(programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix);
		this.loyalty.adjust(member.accountId(), 300, "Welcome points", "adj-" + suffix);
		Redemption held = this.rewards.redeemReward(member.accountId(), reward.id(), "r-" + suffix);
		String card = member.cards().get(0).number();
		String admin = "vb-admin-" + suffix;
		this.staff.create(admin, "Ada Admin", PASSWORD, EnumSet.of(Role.ADMIN));

		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.signIn(admin, PASSWORD);
		this.browser.go("/loyalty/counter?q=" + card);
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("open-voucher-" + held.id())));
		assertThat(this.browser.isPresent("#use-" + held.id())).isTrue();

		this.browser.go("/loyalty/programmes/" + programme.code());
		this.browser.find("#f-voucherCodeRequired").click();
		this.browser.find("#programme-save").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("saved")));
		assertThat(this.browser.find("#f-voucherCodeRequired").isSelected()).isTrue();

		this.browser.go("/loyalty/counter?q=" + card);
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("open-voucher-" + held.id())));
		assertThat(this.browser.isPresent("#use-" + held.id())).isFalse();
		assertThat(this.browser.find("#voucher-code-required-" + member.accountId()).getText())
			.contains("only with its code");
		this.browser.screenshot("voucher-code-required-laptop");
	}

}
