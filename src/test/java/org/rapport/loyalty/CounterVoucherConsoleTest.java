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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * Rewards and vouchers at the counter: a reward redeemed shows its code once; a voucher
 * is verified and consumed once, with the same rules as the point of sale API.
 */
@IntegrationTest
class CounterVoucherConsoleTest {

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

	ConsoleStaff staff;

	MemberSummary member;

	Reward reward;

	@BeforeEach
	void member() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		LoyaltyProgramme programme = this.loyalty.createProgramme(new ProgrammeSettings("cv-" + LoyaltyFixture.unique(),
				"Voucher club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, (ConsentPurpose) null, Map.of("base", Combination.STACK), null));
		this.reward = this.rewards.createReward(programme.code(),
				new NewReward("Cinema ticket", null, 100L, null, null, null, null, null, 30, true));
		UUID customer = this.customers.create(NewCustomer.person("Vera", "Voucher " + LoyaltyFixture.unique())).id();
		this.member = this.loyalty.enrol(programme.code(), new Enrolment(customer, null, null, CardKind.VIRTUAL, null),
				"enrol-" + LoyaltyFixture.unique());
		this.loyalty.adjust(this.member.accountId(), 300, "Opening balance", "adj-" + LoyaltyFixture.unique());
	}

	MvcTestResult verify(Role role, String code) {
		return this.mvc.post()
			.uri("/loyalty/counter/voucher")
			.param("code", code)
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	MvcTestResult consume(Role role, String code) {
		return this.mvc.post()
			.uri("/loyalty/counter/voucher/consumption")
			.param("code", code)
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(role))
			.with(csrf())
			.exchange();
	}

	String voucher() {
		return this.rewards.redeemReward(this.member.accountId(), this.reward.id(), "r-" + LoyaltyFixture.unique())
			.voucherCode();
	}

	@Test
	void aRewardRedeemedAtTheCounterSpendsItsCostAndShowsTheVoucherCode() {
		assertThat(this.mvc.post()
			.uri("/loyalty/counter/reward")
			.param("q", this.member.cards().get(0).number())
			.param("accountId", this.member.accountId().toString())
			.param("rewardId", this.reward.id().toString())
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())).hasStatusOk().bodyText().contains("issued-code").contains("Cinema ticket redeemed");
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(200);
	}

	@Test
	void theMemberFoundListsTheVouchersNotUsedYetSoonestToExpireFirst() throws Exception {
		Reward longer = this.rewards.createReward(this.loyalty.member(this.member.accountId()).programmeCode(),
				new NewReward("Concert ticket", null, 100L, null, null, null, null, null, 90, true));
		Redemption later = this.rewards.redeemReward(this.member.accountId(), longer.id(),
				"r-" + LoyaltyFixture.unique());
		Redemption sooner = this.rewards.redeemReward(this.member.accountId(), this.reward.id(),
				"r-" + LoyaltyFixture.unique());
		Redemption used = this.rewards.redeemReward(this.member.accountId(), this.reward.id(),
				"r-" + LoyaltyFixture.unique());
		this.rewards.consumeVoucher(used.voucherCode(), null);

		String page = this.mvc.get()
			.uri("/loyalty/counter")
			.param("q", this.member.cards().get(0).number())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.exchange()
			.getResponse()
			.getContentAsString();

		assertThat(page).contains("open-voucher-" + sooner.id())
			.contains("open-voucher-" + later.id())
			.doesNotContain("open-voucher-" + used.id());
		assertThat(page.indexOf("open-voucher-" + sooner.id())).isLessThan(page.indexOf("open-voucher-" + later.id()));
		// each button says which voucher it uses
		assertThat(page).contains("aria-label=\"Use the voucher: Concert ticket\"");
	}

	@Test
	void aVoucherTheMemberHoldsIsUsedFromTheirCardWithoutItsCodeAndOnlyOnce() {
		Redemption held = this.rewards.redeemReward(this.member.accountId(), this.reward.id(),
				"r-" + LoyaltyFixture.unique());
		String card = this.member.cards().get(0).number();

		assertThat(useHeld(held.id(), card, "till-1")).hasStatusOk()
			.bodyText()
			.contains("voucher-consumed")
			.contains("data-status=\"CONSUMED\"")
			.doesNotContain("open-voucher-" + held.id());
		assertThat(this.rewards.redemption(held.id()).status()).isEqualTo("CONSUMED");
		assertThat(useHeld(held.id(), card, "till-2")).hasStatus(409)
			.bodyText()
			.contains("voucher-refused")
			.contains("Already used");
		// a role that only reads the programme cannot use it
		Redemption other = this.rewards.redeemReward(this.member.accountId(), this.reward.id(),
				"r-" + LoyaltyFixture.unique());
		assertThat(this.mvc.post()
			.uri("/loyalty/counter/vouchers/{id}/consumption", other.id())
			.param("q", card)
			.param("key", "till-3")
			.with(this.staff.as(Role.MARKETER))
			.with(csrf())).hasStatus(403);
		assertThat(this.rewards.redemption(other.id()).status()).isEqualTo("ISSUED");
	}

	MvcTestResult useHeld(UUID redemption, String q, String key) {
		return this.mvc.post()
			.uri("/loyalty/counter/vouchers/{id}/consumption", redemption)
			.param("q", q)
			.param("key", key)
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())
			.exchange();
	}

	@Test
	void aRewardAboveTheBalanceIsRefusedOnTheRewardForm() {
		this.loyalty.adjust(this.member.accountId(), -250, "Correction", "adj-" + LoyaltyFixture.unique());
		assertThat(this.mvc.post()
			.uri("/loyalty/counter/reward")
			.param("q", this.member.cards().get(0).number())
			.param("accountId", this.member.accountId().toString())
			.param("rewardId", this.reward.id().toString())
			.param("key", UUID.randomUUID().toString())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.with(csrf())).hasStatus(422).bodyText().contains("reward-problem").doesNotContain("issued-code");
		assertThat(this.loyalty.member(this.member.accountId()).available()).isEqualTo(50);
	}

	@Test
	void aVoucherNamesItsProgrammeIsConsumedOnceAndReportedAsUsedWhenTriedAgain() {
		String code = voucher();
		assertThat(verify(Role.SERVICE_AGENT, code.toLowerCase())).hasStatusOk()
			.bodyText()
			.contains("data-status=\"VALID\"")
			.contains(">Voucher club<")
			.contains("voucher-consume-form");
		assertThat(consume(Role.SERVICE_AGENT, code)).hasStatusOk()
			.bodyText()
			.contains("voucher-consumed")
			.contains("data-status=\"CONSUMED\"");
		assertThat(consume(Role.SERVICE_AGENT, code)).hasStatus(409)
			.bodyText()
			.contains("voucher-refused")
			.contains("Already used");
		assertThat(verify(Role.SERVICE_AGENT, code)).hasStatusOk()
			.bodyText()
			.contains("data-status=\"CONSUMED\"")
			.doesNotContain("voucher-consume-form");
	}

	@Test
	void aCancelledVoucherIsReportedAsCancelledAndCannotBeConsumed() {
		Redemption r = this.rewards.redeemReward(this.member.accountId(), this.reward.id(),
				"r-" + LoyaltyFixture.unique());
		this.rewards.cancelRedemption(r.id());
		assertThat(verify(Role.SERVICE_AGENT, r.voucherCode())).hasStatusOk()
			.bodyText()
			.contains("data-status=\"CANCELLED\"")
			.doesNotContain("voucher-consume-form");
		assertThat(consume(Role.SERVICE_AGENT, r.voucherCode())).hasStatus(409).bodyText().contains("Cancelled");
	}

	@Test
	void aCodeWithAWrongCheckCharacterIsRefusedNextToTheCodeField() {
		String code = voucher();
		char last = code.charAt(code.length() - 1);
		String wrong = code.substring(0, code.length() - 1) + (last == '7' ? '8' : '7');
		assertThat(verify(Role.SERVICE_AGENT, wrong)).hasStatus(422)
			.bodyText()
			.contains("voucher-code-error")
			.contains("valid check character");
		assertThat(consume(Role.SERVICE_AGENT, wrong)).hasStatus(422).bodyText().contains("voucher-code-error");
	}

	@Test
	void anUnknownVoucherIsReportedAsSuch() {
		assertThat(verify(Role.SERVICE_AGENT, VoucherCode.generate().display())).hasStatus(404)
			.bodyText()
			.contains("No voucher has this code.");
	}

	@Test
	void aMarketerCannotVerifyOrConsumeVouchers() {
		String code = voucher();
		assertThat(verify(Role.MARKETER, code)).hasStatus(403);
		assertThat(consume(Role.MARKETER, code)).hasStatus(403);
		assertThat(this.rewards.verifyVoucher(code).status()).isEqualTo(VoucherCheck.Status.VALID);
	}

}
