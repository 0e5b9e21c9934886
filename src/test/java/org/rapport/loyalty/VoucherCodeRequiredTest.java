package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.customer.Customers;
import org.rapport.customer.NewCustomer;
import org.rapport.interaction.Interactions;
import org.rapport.platform.web.ApiException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * A programme that requires the voucher's code (ADR 0086): a voucher is not used from the
 * member's card, through the API or at the counter, but still by its code; the setting is
 * saved from the programme form and shown through the API; a programme without it keeps
 * the use from the card.
 */
@IntegrationTest
class VoucherCodeRequiredTest {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	JsonMapper json;

	@Autowired
	Loyalty loyalty;

	@Autowired
	Rewards rewards;

	@Autowired
	Customers customers;

	@Autowired
	Interactions interactions;

	@Autowired
	StaffDirectory staffDirectory;

	@Autowired
	UserDetailsService users;

	ConsoleStaff staff;

	LoyaltyFixture fx;

	LoyaltyProgramme programme;

	MemberSummary member;

	Reward reward;

	@BeforeEach
	void aMemberWithPointsInAProgrammeThatRequiresTheCode() {
		this.staff = new ConsoleStaff(this.staffDirectory, this.users);
		this.fx = new LoyaltyFixture(this.mvc, this.json, this.staffDirectory, this.customers, this.interactions,
				this.loyalty);
		this.programme = this.loyalty.createProgramme(new ProgrammeSettings("vc-" + LoyaltyFixture.unique(),
				"Strict club", "EUR", "points", new BigDecimal("0.01"), 0, ExpiryPolicy.NONE, 0, null,
				NegativeBalancePolicy.CAP_AT_ZERO, null, Map.of("base", Combination.STACK), null, true));
		this.reward = this.rewards.createReward(this.programme.code(),
				new NewReward("Cinema ticket", null, 100L, null, null, null, null, null, 30, true));
		UUID customer = this.customers.create(NewCustomer.person("Vito", "Voucher " + LoyaltyFixture.unique())).id();
		this.member = this.loyalty.enrol(this.programme.code(),
				new Enrolment(customer, null, null, CardKind.VIRTUAL, null), "enrol-" + LoyaltyFixture.unique());
		this.loyalty.adjust(this.member.accountId(), 300, "Opening balance", "adj-" + LoyaltyFixture.unique());
	}

	Redemption redeemed() {
		return this.rewards.redeemReward(this.member.accountId(), this.reward.id(), "r-" + LoyaltyFixture.unique());
	}

	@Test
	void aVoucherIsNotUsedFromTheMembersCardButStillByItsCode() {
		Redemption held = redeemed();

		assertThatThrownBy(() -> this.rewards.consumeVoucherOf(held.id(), "k-" + LoyaltyFixture.unique()))
			.isInstanceOfSatisfying(ApiException.class, (ex) -> {
				assertThat(ex.status()).isEqualTo(HttpStatus.CONFLICT);
				assertThat(ex.type()).isEqualTo("voucher-code-required");
			});
		assertThat(this.rewards.voucherOf(held.id()).status()).isEqualTo(VoucherCheck.Status.VALID);

		assertThat(this.rewards.consumeVoucher(held.voucherCode(), null).status())
			.isEqualTo(VoucherCheck.Status.CONSUMED);
	}

	@Test
	void theApiRefusesTheUseWithoutTheCodeWithItsProblem() {
		Redemption held = redeemed();

		MvcTestResult refused = this.fx.post(this.fx.as(Role.SALES),
				RewardApi.REDEMPTIONS + "/" + held.id() + "/consumption", Map.of(), "till-" + LoyaltyFixture.unique());

		assertThat(refused).hasStatus(409);
		assertThat(this.fx.body(refused).get("type").asString()).endsWith("voucher-code-required");
		assertThat(this.fx.body(this.fx.get(this.fx.as(Role.ADMIN), ProgrammeApi.BASE + "/" + this.programme.code()))
			.get("voucherCodeRequired")
			.asBoolean()).isTrue();
	}

	@Test
	void theCounterListsTheVouchersHeldWithoutAButtonToUseThem() {
		Redemption held = redeemed();

		MvcTestResult page = this.mvc.get()
			.uri("/loyalty/counter")
			.param("q", this.member.cards().get(0).number())
			.with(this.staff.as(Role.SERVICE_AGENT))
			.exchange();

		assertThat(page).hasStatus(200);
		assertThat(page).bodyText()
			.contains("open-voucher-" + held.id())
			.contains("voucher-code-required-" + this.member.accountId())
			.doesNotContain("id=\"use-" + held.id() + "\"");
	}

	@Test
	void theProgrammeFormTurnsTheRequirementOnAndOff() {
		LoyaltyProgramme easy = this.fx.programme(0, NegativeBalancePolicy.CAP_AT_ZERO, null);
		assertThat(easy.voucherCodeRequired()).isFalse();

		assertThat(save(easy, true)).hasStatus3xxRedirection();
		assertThat(this.loyalty.programme(easy.code()).voucherCodeRequired()).isTrue();

		assertThat(save(this.loyalty.programme(easy.code()), false)).hasStatus3xxRedirection();
		assertThat(this.loyalty.programme(easy.code()).voucherCodeRequired()).isFalse();
	}

	private MvcTestResult save(LoyaltyProgramme p, boolean codeRequired) {
		ProgrammeForm form = ProgrammeForm.of(p);
		var post = this.mvc.post()
			.uri("/loyalty/programmes/" + p.code())
			.param("name", form.name())
			.param("currency", form.currency())
			.param("pointName", form.pointName())
			.param("pointValue", form.pointValue())
			.param("returnWindowDays", form.returnWindowDays())
			.param("expiryPolicy", form.expiryPolicy())
			.param("expiryMonths", form.expiryMonths())
			.param("expiryPeriodMonths", form.expiryPeriodMonths())
			.param("negativeBalance", form.negativeBalance())
			.param("requiredConsent", form.requiredConsent())
			.param("groups", form.groups())
			.param("cardPrefix", form.cardPrefix())
			.param("version", form.version());
		if (codeRequired) {
			post = post.param("voucherCodeRequired", "true");
		}
		return post.with(this.staff.as(Role.ADMIN)).with(csrf()).exchange();
	}

}
