package org.rapport.loyalty;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.ConsentPurpose;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Programme administration: the list, a new programme, and the settings of one with its
 * rules. The settings form carries the version it was opened on; when someone saved in
 * between, nothing is applied and the page says so, keeping what was typed.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin')")
class ProgrammeConsoleController {

	private final Loyalty loyalty;

	private final org.rapport.interaction.Interactions interactions;

	private final MessageSource messages;

	ProgrammeConsoleController(Loyalty loyalty, org.rapport.interaction.Interactions interactions,
			MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.interactions = interactions;
	}

	@GetMapping("/loyalty/programmes")
	String list(Model model) {
		model.addAttribute("programmes", this.loyalty.programmes());
		model.addAttribute("migratedInto", this.loyalty.migratedProgrammes());
		return "loyalty/programmes";
	}

	@GetMapping("/loyalty/programmes/new")
	String create(Model model) {
		return form(ProgrammeForm.blank(), null, Map.of(), model);
	}

	@PostMapping("/loyalty/programmes")
	String create(@ModelAttribute ProgrammeForm form, Model model, HttpServletResponse response) {
		Map<String, String> errors = new LinkedHashMap<>();
		ProgrammeSettings settings = form.settings(errors);
		if (settings != null) {
			try {
				return "redirect:/loyalty/programmes/" + this.loyalty.createProgramme(settings).code() + "?saved";
			}
			catch (RuntimeException ex) {
				errors.putAll(refused(ex));
			}
		}
		response.setStatus(422);
		return form(form, null, errors, model);
	}

	@GetMapping("/loyalty/programmes/{code}")
	String view(@PathVariable String code, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		return form(ProgrammeForm.of(programme), programme, Map.of(), model);
	}

	@PostMapping("/loyalty/programmes/{code}")
	String change(@PathVariable String code, @ModelAttribute ProgrammeForm form, Model model,
			HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		int version = ProgrammeForm.whole("version", form.version(), errors);
		ProgrammeSettings settings = form.withCode(code).settings(errors);
		if (settings != null && errors.isEmpty()) {
			try {
				this.loyalty.changeProgramme(code, version, settings);
				return "redirect:/loyalty/programmes/" + code + "?saved";
			}
			catch (ApiException ex) {
				if (ex.status() == HttpStatus.PRECONDITION_FAILED) {
					model.addAttribute("stale", true);
					response.setStatus(409);
					return form(form, programme, Map.of(), model);
				}
				errors.putAll(refused(ex));
			}
			catch (RuntimeException ex) {
				errors.putAll(refused(ex));
			}
		}
		response.setStatus(422);
		return form(form, programme, errors, model);
	}

	private Map<String, String> refused(RuntimeException ex) {
		if (!LoyaltyConsole.isInputProblem(ex)) {
			throw ex;
		}
		Map<String, String> errors = new LinkedHashMap<>();
		// the form edits the groups' combination in one field
		LoyaltyConsole.errors(ex, this.messages)
			.forEach((field, message) -> errors.put("combination".equals(field) ? "groups" : field, message));
		return errors;
	}

	private String form(ProgrammeForm form, LoyaltyProgramme programme, Map<String, String> errors, Model model) {
		model.addAttribute("form", form);
		model.addAttribute("programme", programme);
		model.addAttribute("migratedInto",
				(programme == null) ? null : this.loyalty.migratedProgrammes().get(programme.code()));
		model.addAttribute("errors", LoyaltyConsole.shown(errors, this.messages));
		java.util.List<EarnRule> rules = (programme == null) ? java.util.List.of()
				: this.loyalty.rules(programme.code());
		model.addAttribute("rules", rules);
		model.addAttribute("ruleWarnings",
				rules.stream().noneMatch((r) -> r.kind() == RuleKind.PRODUCT_MULTIPLIER) ? Map.of()
						: RuleWarnings.of(rules, this.interactions.productCategories().keySet(),
								(sku) -> this.interactions.product(sku).isPresent()));
		model.addAttribute("expiryPolicies", ExpiryPolicy.values());
		model.addAttribute("negativePolicies", NegativeBalancePolicy.values());
		model.addAttribute("purposes", ConsentPurpose.values());
		if (!model.containsAttribute("stale")) {
			model.addAttribute("stale", false);
		}
		if (programme != null && model.getAttribute("stale") == Boolean.TRUE) {
			model.addAttribute("current", this.loyalty.programme(programme.code()));
		}
		return "loyalty/programme";
	}

}
