package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.ConsentPurpose;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.platform.web.ApiException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A member's redemptions on the member panel: listed with their vouchers' states;
 * cancelled with a reason (the points come back through the ledger, once); an issued
 * voucher gets a new code (the old one stops working); only staff who may serve members.
 */
@IntegrationTest
class MemberRedemptionConsoleTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Rewards rewards;

	@Autowired
	Customers customers;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	LoyaltyPersonalData personalData;

	ConsoleStaff staff;

	UUID customer;

	UUID account;

	Redemption redemption;

	@BeforeEach
	void member() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("mr-" + LoyaltyFixture.unique(),
				"Redemption club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		Reward reward = this.rewards.createReward(programme.code(),
				new NewReward("Spa voucher", null, 200L, 3, null, null, null, null, 30, true));
		this.customer = this.customers.create(NewCustomer.person("Rosa", "Redeem " + LoyaltyFixture.unique())).id();
		this.account = this.loyalty
			.enrol(programme.code(), new Enrolment(this.customer, null, null, CardKind.VIRTUAL, null),
					"enrol-" + LoyaltyFixture.unique())
			.accountId();
		this.loyalty.adjust(this.account, 500, "Opening balance", "adj-" + LoyaltyFixture.unique());
		this.redemption = this.rewards.redeemReward(this.account, reward.id(), "redeem-" + LoyaltyFixture.unique());
	}

	MvcTestResult cancel(Role role, UUID customer, String reason) {
		return this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/redemptions/{r}/cancellation", customer, this.account,
					this.redemption.id())
			.param("reason", reason)
			.header("HX-Request", "true")
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	MvcTestResult reissue(Role role) {
		return this.mvc.post()
			.uri("/customers/{id}/loyalty/{a}/redemptions/{r}/voucher", this.customer, this.account,
					this.redemption.id())
			.header("HX-Request", "true")
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	String panel(Role role) {
		MvcTestResult r = this.mvc.get()
			.uri("/customers/{id}/loyalty", this.customer)
			.with(this.staff.as(role))
			.exchange();
		assertThat(r).hasStatusOk();
		try {
			return r.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void thePanelListsTheRedemptionsWithTheirVoucherStateAndLastCharacters() {
		assertThat(panel(Role.MARKETER)).contains("redemption-" + this.redemption.id())
			.contains("data-status=\"ISSUED\"")
			.contains("Spa voucher")
			.contains("…" + this.redemption.voucherHint())
			.doesNotContain(this.redemption.voucherCode())
			.doesNotContain("redemption-cancel-form")
			.doesNotContain("redemption-reissue-form");
		assertThat(panel(Role.SERVICE_AGENT)).contains("redemption-cancel-form").contains("redemption-reissue-form");
	}

	@Test
	void aCancelledRedemptionGivesThePointsBackThroughTheLedgerWithTheReason() {
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(300);
		assertThat(cancel(Role.SERVICE_AGENT, this.customer, "Customer chose another reward")).hasStatusOk()
			.bodyText()
			.contains("data-status=\"CANCELLED\"")
			.contains("by " + Role.SERVICE_AGENT.name() + ": Customer chose another reward");
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(500);
		assertThat(this.loyalty.sumOfLedger(this.account).available()).isEqualTo(500);
		Redemption r = this.rewards.redemption(this.redemption.id());
		assertThat(r.status()).isEqualTo("CANCELLED");
		assertThat(r.cancelReason()).isEqualTo("Customer chose another reward");
		assertThat(this.loyalty.ledger(this.account, 0, 1).items().get(0)).satisfies((m) -> {
			assertThat(m.kind()).isEqualTo(MovementKind.CANCEL);
			assertThat(m.available()).isEqualTo(200);
			assertThat(m.reason()).contains("Customer chose another reward");
		});
		// a repeated submit changes nothing
		assertThat(cancel(Role.SERVICE_AGENT, this.customer, "Customer chose another reward")).hasStatusOk();
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(500);
	}

	@Test
	void aCancellationNeedsAReasonAndAUsedVoucherCannotBeCancelled() {
		assertThat(cancel(Role.SERVICE_AGENT, this.customer, " ")).hasStatusOk().bodyText().contains("give a reason");
		assertThat(this.rewards.redemption(this.redemption.id()).status()).isEqualTo("ISSUED");

		this.rewards.consumeVoucher(this.redemption.voucherCode(), "till-" + LoyaltyFixture.unique());
		assertThat(cancel(Role.SERVICE_AGENT, this.customer, "Changed mind")).hasStatusOk()
			.bodyText()
			.contains("already used");
		assertThat(this.rewards.redemption(this.redemption.id()).status()).isEqualTo("CONSUMED");
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(300);
	}

	@Test
	void onlyStaffWhoServeMembersCancelOrReissueAndOnlyTheMembersOwnRedemptions() {
		assertThat(cancel(Role.MARKETER, this.customer, "No")).hasStatus(403);
		assertThat(reissue(Role.MARKETER)).hasStatus(403);
		UUID other = this.customers.create(NewCustomer.person("Otto", "Other " + LoyaltyFixture.unique())).id();
		assertThat(cancel(Role.SERVICE_AGENT, other, "Wrong page")).hasStatus(404);
		assertThat(this.rewards.redemption(this.redemption.id()).status()).isEqualTo("ISSUED");
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(300);
	}

	@Test
	void aReissuedVoucherShowsItsNewCodeOnceAndTheOldCodeStopsWorking() {
		MvcTestResult result = reissue(Role.SERVICE_AGENT);
		assertThat(result).hasStatusOk().bodyText().contains("reissued-code");
		Redemption now = this.rewards.redemption(this.redemption.id());
		assertThat(now.voucherHint()).isNotEqualTo(this.redemption.voucherHint());
		assertThat(result).bodyText().contains("…" + now.voucherHint());
		assertThatThrownBy(() -> this.rewards.verifyVoucher(this.redemption.voucherCode()))
			.isInstanceOf(ApiException.class);
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(300);
		assertThat(now.status()).isEqualTo("ISSUED");
		assertThat(now.expiresAt()).isEqualTo(this.redemption.expiresAt());
	}

	@Test
	void anExpiredVoucherIsShownAsExpiredGetsNoNewCodeAndIsCancelledToGiveThePointsBack() {
		this.jdbc.sql("UPDATE loyalty_redemption SET expires_at = now() - interval '1 day' WHERE id = ?")
			.param(this.redemption.id())
			.update();
		assertThat(panel(Role.SERVICE_AGENT)).contains("data-status=\"EXPIRED\"")
			.contains("redemption-cancel-form")
			.doesNotContain("redemption-reissue-form");
		assertThat(reissue(Role.SERVICE_AGENT)).hasStatusOk().bodyText().contains("expired");
		assertThat(this.rewards.redemption(this.redemption.id()).voucherHint())
			.isEqualTo(this.redemption.voucherHint());
		assertThat(cancel(Role.SERVICE_AGENT, this.customer, "Voucher ran out")).hasStatusOk()
			.bodyText()
			.contains("data-status=\"CANCELLED\"");
		assertThat(this.loyalty.member(this.account).available()).isEqualTo(500);
	}

	@Test
	void theCancellationReasonIsPartOfTheCustomersPersonalDataExport() {
		cancel(Role.SERVICE_AGENT, this.customer, "Asked by the customer on the phone");
		assertThat(this.personalData.personalData(this.customer)).asList().singleElement().satisfies((section) -> {
			assertThat(((Map<?, ?>) section).get("redemptions")).asList()
				.singleElement()
				.extracting((r) -> ((Redemption) r).cancelReason())
				.isEqualTo("Asked by the customer on the phone");
		});
	}

}
