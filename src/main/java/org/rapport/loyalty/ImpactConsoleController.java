package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The impact preview of a programme change before it is made: a new expiry, a lower earn
 * rate and/or a new tier ladder, and who would lose what (points expiring earlier, points
 * a year, tier and benefits), highest revenue first. Nothing is written.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin')")
class ImpactConsoleController {

	private final Loyalty loyalty;

	private final MemberNames names;

	ImpactConsoleController(Loyalty loyalty, MemberNames names) {
		this.loyalty = loyalty;
		this.names = names;
	}

	/**
	 * The change as typed: the proposed expiry, the earn rate factor (new rate over the
	 * old; blank: unchanged) and a proposed ladder (no tier typed: unchanged).
	 */
	record ImpactForm(String expiryPolicy, String expiryMonths, String expiryPeriodMonths, String earnRateFactor,
			String measure, String window, String graceMonths, String tiers) {

		static ImpactForm of(LoyaltyProgramme p, TierLadderForm ladder) {
			return new ImpactForm(p.expiryPolicy().name(), String.valueOf(p.expiryMonths()),
					String.valueOf(p.expiryPeriodMonths()), "", ladder.measure(), ladder.window(), ladder.graceMonths(),
					"");
		}

		ProgrammeChange change(LoyaltyProgramme p, Map<String, String> errors) {
			ExpiryPolicy policy = ProgrammeForm.choice(ExpiryPolicy.class, "expiryPolicy", nz(this.expiryPolicy),
					errors);
			int months = ProgrammeForm.whole("expiryMonths", nz(this.expiryMonths), errors);
			int period = ProgrammeForm.whole("expiryPeriodMonths", nz(this.expiryPeriodMonths), errors);
			if (months < 0 || months > 120) {
				errors.put("expiryMonths", "between 0 and 120");
			}
			if (period < 1 || period > 12 || 12 % Math.max(period, 1) != 0) {
				errors.put("expiryPeriodMonths", "1, 2, 3, 4, 6 or 12");
			}
			BigDecimal factor = ProgrammeForm.blank(this.earnRateFactor) ? null
					: ProgrammeForm.decimal("earnRateFactor", this.earnRateFactor, errors);
			if (factor != null && (factor.signum() < 0 || factor.compareTo(BigDecimal.TEN) > 0)) {
				errors.put("earnRateFactor", "between 0 and 10 (0.8: a fifth less)");
			}
			TierLadderForm ladderForm = new TierLadderForm(this.measure, this.window, this.graceMonths, this.tiers);
			TierLadder ladder = ladderForm.isEmpty() ? null : ladderForm.ladder(errors);
			if (!errors.isEmpty()) {
				return null;
			}
			ProgrammeSettings now = p.settings();
			ProgrammeSettings proposed = new ProgrammeSettings(now.code(), now.name(), now.currency(), now.pointName(),
					now.pointValue(), now.returnWindowDays(), policy, months, period, now.negativeBalance(),
					now.requiredConsent(), now.combination(), now.cardPrefix());
			return new ProgrammeChange(proposed, ladder, factor);
		}

		private static String nz(String s) {
			return (s == null) ? "" : s;
		}

	}

	@GetMapping("/loyalty/programmes/{code}/impact")
	String form(@PathVariable String code, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		return page(programme, ImpactForm.of(programme, currentLadder(code)), null, Map.of(), model);
	}

	@PostMapping("/loyalty/programmes/{code}/impact")
	String preview(@PathVariable String code, @ModelAttribute("form") ImpactForm form, Model model,
			HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		ProgrammeChange change = form.change(programme, errors);
		List<ImpactLine> lines = null;
		if (change != null) {
			try {
				lines = this.loyalty.impactPreview(code, change);
			}
			catch (RuntimeException ex) {
				if (!LoyaltyConsole.isInputProblem(ex)) {
					throw ex;
				}
				errors.putAll(LoyaltyConsole.errors(ex));
			}
		}
		if (!errors.isEmpty()) {
			response.setStatus(422);
		}
		return page(programme, form, lines, errors, model);
	}

	private TierLadderForm currentLadder(String code) {
		try {
			return TierLadderForm.of(this.loyalty.tierLadder(code));
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.NOT_FOUND) {
				throw ex;
			}
			return TierLadderForm.blank();
		}
	}

	private String page(LoyaltyProgramme programme, ImpactForm form, List<ImpactLine> lines, Map<String, String> errors,
			Model model) {
		model.addAttribute("programme", programme);
		model.addAttribute("form", form);
		model.addAttribute("lines", lines);
		model.addAttribute("errors", errors);
		model.addAttribute("shown", MemberNames.SHOWN);
		model.addAttribute("expiryPolicies", ExpiryPolicy.values());
		model.addAttribute("measures", TierLadder.Measure.values());
		model.addAttribute("windows", TierLadder.Window.values());
		if (lines != null) {
			model.addAttribute("names", this.names.of(lines.stream().map(ImpactLine::customerId).toList()));
			model.addAttribute("totalValueLost",
					lines.stream().map(ImpactLine::valueLost).reduce(BigDecimal.ZERO, BigDecimal::add));
			model.addAttribute("totalExpiringEarlier",
					lines.stream().mapToLong(ImpactLine::pointsExpiringEarlier).sum());
		}
		return "loyalty/impact";
	}

}
