package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Editing a programme's tier ladder in two steps: the preview says who moves where (and
 * who keeps a tier until when) as of one moment, without applying anything; applying then
 * saves the ladder and re-qualifies the members as of that same moment, which makes
 * exactly the previewed moves. Applying without a preview is refused, and so is applying
 * a stale preview: the apply form carries the preview's fingerprint, and when the ladder
 * was changed by someone else or other members would move, nothing is applied and the
 * preview as of now is shown instead (ADR 0021).
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin')")
class TierConsoleController {

	private static final String TIERS = "/loyalty/programmes/{code}/tiers";

	/** Message key of the refusal to apply a ladder that was not previewed. */
	static final String PREVIEW_FIRST = "loyalty.tiers.previewFirst";

	private final Loyalty loyalty;

	private final MemberNames names;

	private final Clock clock;

	private final MessageSource messages;

	TierConsoleController(Loyalty loyalty, MemberNames names, Clock clock, MessageSource messages) {
		this.loyalty = loyalty;
		this.names = names;
		this.clock = clock;
		this.messages = messages;
	}

	@GetMapping(TIERS)
	String ladder(@PathVariable String code, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		return page(programme, current(code).map(TierLadderForm::of).orElse(TierLadderForm.blank()), null, null,
				Map.of(), model);
	}

	@PostMapping(TIERS + "/preview")
	String preview(@PathVariable String code, @ModelAttribute TierLadderForm form, Model model,
			HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		TierLadder ladder = form.ladder(errors, this.messages);
		if (ladder == null) {
			response.setStatus(422);
			return page(programme, form, null, null, errors, model);
		}
		TierPlan plan = this.loyalty.previewTierLadder(code, ladder, this.clock.instant());
		return page(programme, form, plan, plan.asOf(), errors, model);
	}

	@PostMapping(TIERS)
	String apply(@PathVariable String code, @ModelAttribute TierLadderForm form,
			@RequestParam(defaultValue = "") String asOf, @RequestParam(defaultValue = "") String fingerprint,
			Model model, HttpServletResponse response) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		Map<String, String> errors = new LinkedHashMap<>();
		TierLadder ladder = form.ladder(errors, this.messages);
		Instant at = null;
		try {
			at = Instant.parse(asOf.strip());
		}
		catch (RuntimeException ex) {
			errors.put("form", PREVIEW_FIRST);
		}
		if (fingerprint.isBlank()) {
			errors.put("form", PREVIEW_FIRST);
		}
		if (ladder == null || at == null || !errors.isEmpty()) {
			response.setStatus(422);
			return page(programme, form, null, null, errors, model);
		}
		TierPlan plan;
		try {
			plan = this.loyalty.applyTierLadder(code, ladder, at, fingerprint.strip());
		}
		catch (ApiException ex) {
			if (!"preview-stale".equals(ex.type())) {
				throw ex;
			}
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute("stale", true);
			TierPlan fresh = this.loyalty.previewTierLadder(code, ladder, this.clock.instant());
			return page(programme, form, fresh, fresh.asOf(), errors, model);
		}
		model.addAttribute("applied", true);
		return page(programme, TierLadderForm.of(ladder), plan, null, errors, model);
	}

	private java.util.Optional<TierLadder> current(String code) {
		try {
			return java.util.Optional.of(this.loyalty.tierLadder(code));
		}
		catch (ApiException ex) {
			if (ex.status() != HttpStatus.NOT_FOUND) {
				throw ex;
			}
			return java.util.Optional.empty();
		}
	}

	private String page(LoyaltyProgramme programme, TierLadderForm form, TierPlan plan, Instant previewedAt,
			Map<String, String> errors, Model model) {
		model.addAttribute("programme", programme);
		model.addAttribute("form", form);
		model.addAttribute("errors", localized(errors));
		model.addAttribute("plan", plan);
		model.addAttribute("shown", MemberNames.SHOWN);
		if (plan != null) {
			java.util.List<java.util.UUID> ids = new java.util.ArrayList<>();
			plan.moves().stream().limit(MemberNames.SHOWN).forEach((m) -> ids.add(m.customerId()));
			plan.atRisk().stream().limit(MemberNames.SHOWN).forEach((m) -> ids.add(m.customerId()));
			model.addAttribute("names", this.names.of(ids));
		}
		java.util.Optional<TierLadder> now = current(programme.code());
		TierMembers members = now.isPresent() ? this.loyalty.tierMembers(programme.code()) : null;
		model.addAttribute("tierRows", (members == null) ? null : tierRows(now.get(), members));
		model.addAttribute("withoutTier", (members == null) ? 0L : members.withoutTier());
		model.addAttribute("unit", now.map((ladder) -> programme.unitOf(ladder.measure())).orElse(null));
		model.addAttribute("previewedAt", previewedAt);
		model.addAttribute("measures", TierLadder.Measure.values());
		model.addAttribute("windows", TierLadder.Window.values());
		if (!model.containsAttribute("applied")) {
			model.addAttribute("applied", false);
		}
		if (!model.containsAttribute("stale")) {
			model.addAttribute("stale", false);
		}
		return "loyalty/tiers";
	}

	/**
	 * A line of the ladder as it stands: the tier (null for a code it no longer has) and
	 * its members.
	 */
	record TierRow(String code, String name, Tier tier, long members, long byOverride) {
	}

	static java.util.List<TierRow> tierRows(TierLadder ladder, TierMembers members) {
		Map<String, Tier> tiers = new LinkedHashMap<>();
		ladder.tiers().forEach((t) -> tiers.put(t.code(), t));
		return members.tiers()
			.stream()
			.map((l) -> new TierRow(l.code(), (l.name() == null) ? l.code() : l.name(), tiers.get(l.code()),
					l.members(), l.byOverride()))
			.toList();
	}

	/**
	 * Errors the form itself found are message keys and are shown in the staff member's
	 * language; those from the domain's validation are already sentences and stay as they
	 * are.
	 */
	private Map<String, String> localized(Map<String, String> errors) {
		Map<String, String> shown = new LinkedHashMap<>();
		LoyaltyConsole.shown(errors, this.messages)
			.forEach((field, message) -> shown.put(field,
					this.messages.getMessage(message, null, message, LocaleContextHolder.getLocale())));
		return shown;
	}

}
