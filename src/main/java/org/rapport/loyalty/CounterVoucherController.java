package org.rapport.loyalty;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Rewards and vouchers at the counter: redeem a reward for the member found (the voucher
 * code is shown once, to hand over), and verify then consume a voucher with the rules of
 * the point of sale API (check character, single use; consumed, cancelled or expired
 * vouchers reported as such). Voucher codes travel in POST bodies only, never in
 * addresses. Forms carry an idempotency key made when they were shown.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:write')")
class CounterVoucherController {

	private final Rewards rewards;

	private final CounterPage page;

	private final MessageSource messages;

	CounterVoucherController(Rewards rewards, CounterPage page, MessageSource messages) {
		this.messages = messages;
		this.rewards = rewards;
		this.page = page;
	}

	@PostMapping("/loyalty/counter/reward")
	String redeem(@RequestParam(defaultValue = "") String q, @RequestParam UUID accountId,
			@RequestParam(required = false) UUID rewardId, @RequestParam String key, Authentication authentication,
			Model model, HttpServletResponse response) {
		try {
			if (rewardId == null) {
				throw ApiException.invalid("rewardId", Text.of("loyalty.reward.choose", "choose a reward"));
			}
			Redemption redemption = this.rewards.redeemReward(accountId, rewardId, key);
			model.addAttribute("issued", redemption);
		}
		catch (RuntimeException ex) {
			if (!LoyaltyConsole.isInputProblem(ex)) {
				throw ex;
			}
			model.addAttribute("errors", LoyaltyConsole.errors(ex, this.messages));
			model.addAttribute("failedReward", accountId);
			response.setStatus(422);
		}
		return this.page.render(q, authentication, model);
	}

	@PostMapping("/loyalty/counter/voucher")
	String verify(@RequestParam(defaultValue = "") String code, Authentication authentication, Model model,
			HttpServletResponse response) {
		try {
			show(this.rewards.verifyVoucher(code), code, model);
		}
		catch (ApiException ex) {
			refused(ex, code, model, response);
		}
		return this.page.render("", authentication, model);
	}

	@PostMapping("/loyalty/counter/voucher/consumption")
	String consume(@RequestParam(defaultValue = "") String code, @RequestParam String key,
			Authentication authentication, Model model, HttpServletResponse response) {
		try {
			show(this.rewards.consumeVoucher(code, key), code, model);
			model.addAttribute("voucherConsumed", true);
		}
		catch (ApiException ex) {
			if (ex.status() == HttpStatus.CONFLICT) {
				// used, cancelled or expired in between: say so, with what the voucher is
				// now
				show(this.rewards.verifyVoucher(code), code, model);
				model.addAttribute("voucherRefused", true);
				response.setStatus(409);
			}
			else {
				refused(ex, code, model, response);
			}
		}
		return this.page.render("", authentication, model);
	}

	/**
	 * Uses a voucher the member found at the counter holds, without its code; the page
	 * then shows the voucher as used, above the member.
	 */
	@PostMapping("/loyalty/counter/vouchers/{redemptionId}/consumption")
	String consumeHeld(@PathVariable UUID redemptionId, @RequestParam(defaultValue = "") String q,
			@RequestParam String key, Authentication authentication, Model model, HttpServletResponse response) {
		try {
			show(this.rewards.consumeVoucherOf(redemptionId, key), "", model);
			model.addAttribute("voucherConsumed", true);
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.CONFLICT) {
				throw ex;
			}
			// used, cancelled or expired in between: say so, with what the voucher is now
			show(this.rewards.voucherOf(redemptionId), "", model);
			model.addAttribute("voucherRefused", true);
			response.setStatus(409);
		}
		return this.page.render(q, authentication, model);
	}

	private void show(VoucherCheck check, String code, Model model) {
		model.addAttribute("voucher", check);
		model.addAttribute("voucherCode", code.strip());
		model.addAttribute("voucherMember", this.page.nameOf(check.member()));
		model.addAttribute("voucherProgramme", this.page.programmeName(check.member()));
	}

	private static void refused(ApiException ex, String code, Model model, HttpServletResponse response) {
		// message keys: the page says it in the staff member's language
		String message = (ex.status() == HttpStatus.NOT_FOUND) ? "loyalty.voucher.notFound" : "loyalty.voucher.invalid";
		model.addAttribute("voucherCode", code.strip());
		model.addAttribute("voucherErrors", Map.of("code", message));
		response.setStatus((ex.status() == HttpStatus.NOT_FOUND) ? 404 : 422);
	}

}
