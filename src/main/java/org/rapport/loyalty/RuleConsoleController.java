package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.interaction.InteractionKind;
import org.rapport.interaction.Interactions;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A programme's earning rules (add, edit) and the simulation: what a basket would earn
 * for a member (found by card) or for a new member, rule by rule, without writing
 * anything.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin')")
class RuleConsoleController {

	private final Loyalty loyalty;

	private final Clock clock;

	private final Interactions interactions;

	private final MessageSource messages;

	RuleConsoleController(Loyalty loyalty, Clock clock, Interactions interactions, MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.clock = clock;
		this.interactions = interactions;
	}

	/**
	 * The simulation form as typed; {@code lines}: one "sku;category;quantity;amount" a
	 * line.
	 */
	record SimulationForm(String card, String day, String total, String kind, String outcome, String lines) {
	}

	@GetMapping("/loyalty/programmes/{code}/rules/new")
	String create(@PathVariable String code, Model model) {
		return form(this.loyalty.programme(code), RuleForm.blank(), Map.of(), model);
	}

	@GetMapping("/loyalty/programmes/{code}/rules/{ruleId}")
	String edit(@PathVariable String code, @PathVariable UUID ruleId, Model model) {
		EarnRule rule = this.loyalty.rules(code)
			.stream()
			.filter((r) -> r.id().equals(ruleId))
			.findFirst()
			.orElseThrow(() -> NotFound.of(Text.of("loyalty.rule.not-found", "Rule {0} does not exist", ruleId)));
		return form(this.loyalty.programme(code), RuleForm.of(rule), Map.of(), model);
	}

	@PostMapping("/loyalty/programmes/{code}/rules")
	String save(@PathVariable String code, @ModelAttribute("form") RuleForm form, Model model,
			HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		NewRule rule = form.rule(errors);
		if (rule != null) {
			try {
				this.loyalty.saveRule(code, form.id(), rule);
				return "redirect:/loyalty/programmes/" + code + "?ruleSaved#rules";
			}
			catch (RuntimeException ex) {
				if (!LoyaltyConsole.isInputProblem(ex)) {
					throw ex;
				}
				errors.putAll(LoyaltyConsole.errors(ex, this.messages));
			}
		}
		response.setStatus(422);
		return form(programme, form, errors, model);
	}

	@GetMapping("/loyalty/programmes/{code}/simulate")
	String simulation(@PathVariable String code, Model model) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		return simulation(this.loyalty.programme(code),
				new SimulationForm("", today.toString(), "", "PURCHASE", "", ""), null, Map.of(), model);
	}

	@PostMapping("/loyalty/programmes/{code}/simulate")
	String simulate(@PathVariable String code, @ModelAttribute SimulationForm form, Model model,
			HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		Basket basket = basket(programme, form, errors);
		UUID customer = null;
		if (!ProgrammeForm.blank(form.card())) {
			customer = this.loyalty.findByCard(form.card()).map((l) -> l.member().customerId()).orElse(null);
			if (customer == null) {
				errors.put("card", LoyaltyConsole.SIMULATED_CARD.key());
			}
		}
		Earning earning = null;
		if (errors.isEmpty()) {
			try {
				earning = this.loyalty.simulate(code, customer, basket);
			}
			catch (RuntimeException ex) {
				if (!LoyaltyConsole.isInputProblem(ex)) {
					throw ex;
				}
				errors.putAll(LoyaltyConsole.errors(ex, this.messages));
			}
		}
		if (!errors.isEmpty()) {
			response.setStatus(422);
		}
		return simulation(programme, form, earning, errors, model);
	}

	private static Basket basket(LoyaltyProgramme programme, SimulationForm form, Map<String, String> errors) {
		LocalDate day;
		try {
			day = LocalDate.parse(form.day().strip());
		}
		catch (RuntimeException ex) {
			errors.put("day", LoyaltyConsole.DATE.key());
			day = LocalDate.EPOCH;
		}
		BigDecimal total = ProgrammeForm.blank(form.total()) ? null
				: ProgrammeForm.decimal("total", form.total(), errors);
		List<Basket.Line> lines = new ArrayList<>();
		String typed = form.lines() == null ? "" : form.lines();
		for (String row : typed.split("\\R")) {
			if (row.isBlank()) {
				continue;
			}
			String[] f = row.split(";", -1);
			try {
				lines.add(new Basket.Line(blankToNull(f[0]), blankToNull(f[1]), new BigDecimal(f[2].strip()),
						new BigDecimal(f[3].strip())));
			}
			catch (RuntimeException ex) {
				errors.put("lines", LoyaltyConsole.SIMULATED_LINES.key());
			}
		}
		if (total == null && !errors.containsKey("total")) {
			total = lines.stream().map(Basket.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		}
		String kind = ProgrammeForm.blank(form.kind()) ? "PURCHASE" : form.kind().strip();
		return new Basket(kind, day.atTime(12, 0).toInstant(ZoneOffset.UTC), programme.currency(), total, lines,
				blankToNull(form.outcome()));
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}

	private String form(LoyaltyProgramme programme, RuleForm form, Map<String, String> errors, Model model) {
		model.addAttribute("programme", programme);
		model.addAttribute("form", form);
		model.addAttribute("errors", LoyaltyConsole.shown(errors, this.messages));
		model.addAttribute("kinds", RuleKind.values());
		model.addAttribute("roundings", List.of("FLOOR", "HALF_UP", "CEILING"));
		model.addAttribute("periods", RuleParams.CapPeriod.values());
		model.addAttribute("outcomes", org.rapport.interaction.Outcome.values());
		// a multiplier's category is typed, so the catalogue's categories are offered
		model.addAttribute("productCategories", this.interactions.productCategories().keySet());
		return "loyalty/rule";
	}

	private String simulation(LoyaltyProgramme programme, SimulationForm form, Earning earning,
			Map<String, String> errors, Model model) {
		model.addAttribute("programme", programme);
		model.addAttribute("form", form);
		model.addAttribute("earning", earning);
		model.addAttribute("errors", LoyaltyConsole.shown(errors, this.messages));
		// the kinds by their names in the page's language, the one sent chosen again
		model.addAttribute("interactionKinds", InteractionKind.values());
		model.addAttribute("outcomes", org.rapport.interaction.Outcome.values());
		return "loyalty/simulate";
	}

}
