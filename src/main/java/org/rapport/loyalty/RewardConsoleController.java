package org.rapport.loyalty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * A programme's rewards catalogue: the list (offered now or not), a new reward, editing
 * one (cost, stock, validity, per-member limit, voucher validity) and deactivating one.
 * Vouchers already issued keep their terms; the engine audits every change.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin')")
class RewardConsoleController {

	private static final String REWARDS = "/loyalty/programmes/{code}/rewards";

	private final Loyalty loyalty;

	private final Rewards rewards;

	private final java.time.Clock clock;

	private final MessageSource messages;

	RewardConsoleController(Loyalty loyalty, Rewards rewards, java.time.Clock clock, MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.rewards = rewards;
		this.clock = clock;
	}

	@GetMapping(REWARDS)
	String list(@PathVariable String code, Model model) {
		model.addAttribute("programme", this.loyalty.programme(code));
		List<Reward> all = this.rewards.rewards(code, true);
		List<RewardUptake> uptake = this.rewards.uptake(code);
		Map<UUID, RewardUptake> byReward = new LinkedHashMap<>();
		uptake.forEach((u) -> byReward.put(u.rewardId(), u));
		model.addAttribute("rewards", all);
		model.addAttribute("uptake", byReward);
		model.addAttribute("now", this.clock.instant());
		return "loyalty/rewards";
	}

	@GetMapping(REWARDS + "/new")
	String create(@PathVariable String code, Model model) {
		return form(this.loyalty.programme(code), RewardForm.blank(), Map.of(), model);
	}

	@GetMapping(REWARDS + "/{rewardId}")
	String edit(@PathVariable String code, @PathVariable UUID rewardId, Model model) {
		return form(this.loyalty.programme(code), RewardForm.of(this.rewards.reward(code, rewardId)), Map.of(), model);
	}

	@PostMapping(REWARDS)
	String save(@PathVariable String code, @ModelAttribute("form") RewardForm form, Model model,
			HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		NewReward reward = form.reward(errors);
		if (reward != null) {
			try {
				if (ProgrammeForm.blank(form.id())) {
					this.rewards.createReward(code, reward);
				}
				else {
					this.rewards.changeReward(code, UUID.fromString(form.id().strip()), reward);
				}
				return "redirect:/loyalty/programmes/" + code + "/rewards?saved";
			}
			catch (RuntimeException ex) {
				if (!LoyaltyConsole.isInputProblem(ex)) {
					throw ex;
				}
				LoyaltyConsole.errors(ex, this.messages)
					.forEach(
							(field, message) -> errors.put("windowOrdered".equals(field) ? "validTo" : field, message));
			}
		}
		response.setStatus(422);
		return form(programme, form, errors, model);
	}

	@PostMapping(REWARDS + "/{rewardId}/deactivation")
	String deactivate(@PathVariable String code, @PathVariable UUID rewardId) {
		this.rewards.changeReward(code, rewardId, RewardForm.deactivated(this.rewards.reward(code, rewardId)));
		return "redirect:/loyalty/programmes/" + code + "/rewards?deactivated";
	}

	private String form(LoyaltyProgramme programme, RewardForm form, Map<String, String> errors, Model model) {
		model.addAttribute("programme", programme);
		model.addAttribute("form", form);
		model.addAttribute("errors", LoyaltyConsole.shown(errors, this.messages));
		model.addAttribute("periods", Reward.LimitPeriod.values());
		return "loyalty/reward";
	}

}
