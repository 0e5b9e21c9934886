package org.rapport.loyalty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Setting a member's tier by hand from the member panel, for those allowed to correct
 * members (managers, administrators): a tier (or none), the last day it holds and a
 * mandatory reason; and ending a running override early, with a reason, which gives the
 * member the tier they qualify for. The engine audits both and keeps them in the tier
 * history.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:adjust')")
class MemberTierController {

	private static final String OVERRIDE = "/customers/{id}/loyalty/{accountId}/tier/override";

	private final Loyalty loyalty;

	private final MemberPanelView view;

	private final MessageSource messages;

	MemberTierController(Loyalty loyalty, MemberPanelView view, MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.view = view;
	}

	@PostMapping(OVERRIDE)
	String override(@PathVariable UUID id, @PathVariable UUID accountId, @RequestParam(defaultValue = "") String tier,
			@RequestParam(defaultValue = "") String until, @RequestParam(defaultValue = "") String reason,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model, HttpServletResponse response) {
		this.view.memberOf(id, accountId);
		try {
			this.loyalty.overrideTier(accountId, tier.isBlank() ? null : tier.strip(), endOf(until), reason);
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedAccount", accountId);
			model.addAttribute("typed", Map.of("tier", tier, "until", until, "reason", reason));
			return this.view.refused(ex, "tier-override", id, authentication, model, response);
		}
		return this.view.done(id, htmx, authentication, model);
	}

	@PostMapping(OVERRIDE + "/ending")
	String end(@PathVariable UUID id, @PathVariable UUID accountId, @RequestParam(defaultValue = "") String reason,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model, HttpServletResponse response) {
		this.view.memberOf(id, accountId);
		try {
			this.loyalty.endTierOverride(accountId, reason);
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedAccount", accountId);
			model.addAttribute("typed", Map.of("reason", reason));
			return this.view.refused(ex, "tier-override-end", id, authentication, model, response);
		}
		return this.view.done(id, htmx, authentication, model);
	}

	/**
	 * The override holds through the day typed (UTC): it ends when the next day starts.
	 */
	static Instant endOf(String lastDay) {
		try {
			return LocalDate.parse(lastDay.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw ApiException.invalid("until",
					Text.of("loyalty.tier.override-until-format", "give the last day of the override (yyyy-mm-dd)"));
		}
	}

	/** A membership or redemption not of the customer of the page: the error page. */
	@ExceptionHandler(ApiException.class)
	String notHere(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
