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
import org.openqa.selenium.support.ui.Select;
import org.rapport.BrowserSession;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rewards catalogue and the counter in a real (headless) browser: an administrator
 * adds a reward; at the counter a service agent redeems it for a member found by card,
 * hands over the voucher code, uses the voucher once, and a second check reports it as
 * already used. On the member panel a manager sets a member's tier by hand and sees it
 * shown as an override, and cancels a redemption, which gives the points back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LoyaltyAdminBrowserTest {

	static final String PASSWORD = "loyalty-admin-browser-password";

	@LocalServerPort
	int port;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staff;

	@Autowired
	Rewards rewards;

	BrowserSession browser;

	@AfterEach
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aRewardAddedInTheCatalogueIsRedeemedAtTheCounterAndItsVoucherUsedOnce() {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("ba-" + suffix,
				"Browser rewards club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		UUID customer = this.customers.create(NewCustomer.person("Rita", "Reward " + suffix)).id();
		MemberSummary member = this.loyalty.enrol(programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix);
		this.loyalty.adjust(member.accountId(), 500, "Welcome points", "adj-" + suffix);
		String admin = "ba-admin-" + suffix;
		this.staff.create(admin, "Ada Admin", PASSWORD, EnumSet.of(Role.ADMIN));
		String agent = "ba-agent-" + suffix;
		this.staff.create(agent, "Alex Agent", PASSWORD, EnumSet.of(Role.SERVICE_AGENT));
		String rewardName = "Cinema ticket " + suffix;

		// the administrator adds the reward to the catalogue
		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.signIn(admin, PASSWORD);
		this.browser.go("/loyalty/programmes/" + programme.code());
		// the figures by month arrive after the page: this month's welcome points
		String month = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("figures-by-month")));
		assertThat(this.browser.find("#figures-" + month + " .figures-issued").getText()).isEqualTo("500");
		assertThat(this.browser.find("#figures-" + month + " .figures-members").getText()).isEqualTo("1");
		this.browser.await((d) -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
				"return window.Chart !== undefined && Chart.getChart(document.getElementById('chart-figures')) !== undefined;"));
		assertThat(((org.openqa.selenium.JavascriptExecutor) this.browser.driver())
			.executeScript("var c = Chart.getChart(document.getElementById('chart-figures'));"
					+ " return [c.data.labels.length, c.data.labels[11], c.data.datasets[0].data[11]];"))
			.isEqualTo(List.of(12L, month, 500L));
		this.browser.driver().executeScript("document.getElementById('figures').scrollIntoView();");
		this.browser.screenshot("loyalty-programme-figures");
		this.browser.find("#rewards-link").click();
		this.browser.await(ExpectedConditions.elementToBeClickable(By.id("new-reward"))).click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("reward-form")));
		this.browser.find("#f-name").sendKeys(rewardName);
		this.browser.find("#f-costPoints").sendKeys("200");
		this.browser.find("#f-stock").sendKeys("5");
		this.browser.find("#reward-save").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("reward-list")));
		assertThat(this.browser.find("#reward-list").getText()).contains(rewardName);
		this.browser.screenshot("loyalty-rewards-catalogue");
		this.browser.close();

		// at the counter: find the member by card and redeem the reward
		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.signIn(agent, PASSWORD);
		this.browser.find("#nav-counter").click();
		this.browser.find("#counter-q").sendKeys(member.cards().get(0).number());
		this.browser.find("#counter-find").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("counter-available"), "500"));
		new Select(this.browser.find("#reward-choice")).selectByVisibleText(rewardName + " — 200 points");
		this.browser.find("#reward-submit").click();
		String code = this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("issued-code"))).getText();
		assertThat(this.browser.find("#counter-available").getText()).isEqualTo("300");
		this.browser.screenshot("loyalty-counter-reward-redeemed");

		// the voucher: checked, used, and reported as used when tried again
		this.browser.find("#voucher-code").sendKeys(code);
		this.browser.find("#voucher-check").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("voucher-status"), "Valid"));
		assertThat(this.browser.find("#voucher-result").getText()).contains(rewardName).contains("Rita");
		this.browser.find("#voucher-consume").click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("voucher-consumed")));
		this.browser.screenshot("loyalty-counter-voucher-used");

		this.browser.find("#voucher-code").sendKeys(code);
		this.browser.find("#voucher-check").click();
		this.browser.await(ExpectedConditions.textToBe(By.id("voucher-status"), "Already used"));
		assertThat(this.browser.find("#voucher-result").getAttribute("data-status")).isEqualTo("CONSUMED");
		assertThat(this.browser.isPresent("#voucher-consume")).isFalse();
		assertThat(this.browser.find("#voucher-when").getText()).contains("Used on");
	}

	@Test
	void aRuleTheEngineRefusesIsExplainedNextToItsFieldInTheStaffMembersLanguage() {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("bs-" + suffix,
				"Club del navegador", "EUR", "puntos", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		int rules = this.loyalty.rules(programme.code()).size();
		String admin = "bs-admin-" + suffix;
		this.staff.create(admin, "Sofía Admin", PASSWORD, EnumSet.of(Role.ADMIN));

		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.signIn(admin, PASSWORD);
		this.browser.go("/loyalty/programmes/" + programme.code() + "/rules/new?lang=es");
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("rule-form")));
		this.browser.find("#f-name").sendKeys("Tasa demasiado fina");
		this.browser.find("#f-unitAmount").sendKeys("0.001");
		this.browser.find("#f-pointsPerUnit").sendKeys("1");
		this.browser.find("#rule-save").click();

		String refusal = this.browser.await(ExpectedConditions.presenceOfElementLocated(By.id("f-unitAmount-error")))
			.getText();
		this.browser.screenshot("loyalty-rule-refused-in-spanish");
		assertThat(refusal).isEqualTo("entre 0.01 y 1000000, con 2 decimales como máximo");
		assertThat(this.browser.find("#f-name").getAttribute("value")).isEqualTo("Tasa demasiado fina");
		assertThat(this.loyalty.rules(programme.code())).hasSize(rules);
	}

	@Test
	void aManagerSetsATierByHandAndCancelsARedemptionOnTheMemberPanelAndThePageHeadNamesTheTier() {
		String suffix = LoyaltyFixture.unique();
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("bo-" + suffix,
				"Browser tier club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		this.loyalty.applyTierLadder(programme.code(),
				new TierLadderForm("POINTS_EARNED", "ROLLING_12_MONTHS", "0", "SILVER; Silver; 50\nGOLD; Gold; 5000")
					.ladder(new java.util.HashMap<>()),
				java.time.Instant.now());
		Reward reward = this.rewards.createReward(programme.code(),
				new NewReward("Spa day " + suffix, null, 200L, 2, null, null, null, null, 30, true));
		UUID customer = this.customers.create(NewCustomer.person("Olga", "Override " + suffix)).id();
		MemberSummary member = this.loyalty.enrol(programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + suffix);
		this.loyalty.adjust(member.accountId(), 500, "Welcome points", "adj-" + suffix);
		Redemption redemption = this.rewards.redeemReward(member.accountId(), reward.id(), "redeem-" + suffix);
		String manager = "bo-manager-" + suffix;
		this.staff.create(manager, "Mia Manager", PASSWORD, EnumSet.of(Role.MANAGER));
		String code = programme.code();
		String panel = "#membership-" + code;
		java.time.LocalDate lastDay = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30);

		this.browser = BrowserSession.open("http://localhost:" + this.port);
		this.browser.signIn(manager, PASSWORD);
		this.browser.go("/customers/" + customer);
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector(panel + " .loyalty-available"), "300"));

		// the tier set by hand, until a last day, with a reason: shown as an override
		this.browser.find("#tier-override-open-" + code).click();
		new Select(this.browser.find("#override-tier-" + code)).selectByVisibleText("Gold");
		this.browser.driver()
			.executeScript("arguments[0].value = arguments[1]", this.browser.find("#override-until-" + code),
					lastDay.toString());
		this.browser.find("#override-reason-" + code).sendKeys("Complaint settled " + suffix);
		this.browser.find("#tier-override-submit-" + code).click();
		this.browser.await(ExpectedConditions.presenceOfElementLocated(By.cssSelector(panel + " .tier-override")));
		assertThat(this.browser.find(panel + " .tier-name").getText()).isEqualTo("Gold");
		assertThat(this.browser.find(panel + " .tier-override").getText()).contains(lastDay.toString());
		assertThat(this.browser.find(panel + " .tier-override-by").getText()).contains("Mia Manager")
			.contains("Complaint settled " + suffix);
		this.browser.screenshot("loyalty-panel-tier-override");

		// the redemption cancelled with a reason: its points come back
		String row = "#redemption-" + redemption.id();
		assertThat(this.browser.find(row).getAttribute("data-status")).isEqualTo("ISSUED");
		this.browser.find("#redemption-cancel-open-" + redemption.id()).click();
		this.browser.find("#redemption-cancel-reason-" + redemption.id()).sendKeys("Chose another reward");
		this.browser.find("#redemption-cancel-" + redemption.id() + " button").click();
		this.browser.await(ExpectedConditions.attributeToBe(By.cssSelector(row), "data-status", "CANCELLED"));
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector(panel + " .loyalty-available"), "500"));
		assertThat(this.browser.find(row).getText()).contains("Chose another reward");
		assertThat(this.browser.find(panel + " tr.movement[data-kind='CANCEL']").getText())
			.contains("Chose another reward");
		this.browser.screenshot("loyalty-panel-redemption-cancelled");

		// opened again, the head of the page names the tier set by hand
		this.browser.go("/customers/" + customer);
		this.browser.await(ExpectedConditions.textToBe(By.cssSelector("#loyalty-badges .tier-name"), "Gold"));

		// the ladder as it stands counts her on Gold, set by hand
		String admin = "bo-admin-" + suffix;
		this.staff.create(admin, "Ada Admin", PASSWORD, EnumSet.of(Role.ADMIN));
		this.browser.driver().manage().deleteAllCookies();
		this.browser.signIn(admin, PASSWORD);
		this.browser.go("/loyalty/programmes/" + code + "/tiers");
		assertThat(this.browser.find("#tier-members-GOLD .tier-members-count").getText()).isEqualTo("1");
		assertThat(this.browser.find("#tier-members-GOLD .tier-members-override").getText()).isEqualTo("1");
		assertThat(this.browser.find("#tier-members-SILVER .tier-members-count").getText()).isEqualTo("0");
		assertThat(this.browser.find("#tier-members-none .tier-members-count").getText()).isEqualTo("0");
		this.browser.screenshot("loyalty-tier-ladder-members");
	}

}
