package org.rapport.loyalty;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The member panel of the customer 360 page, an htmx fragment at
 * {@code /customers/{id}/loyalty}: per membership the balances, cards and the ledger with
 * the reason and source of every movement; enrolment for counter staff, manual
 * adjustments (with a mandatory reason) for those allowed to correct balances. Every form
 * carries an idempotency key made when it was shown, so a double submit changes nothing.
 */
@Controller
class MemberPanelController {

	private final Loyalty loyalty;

	private final MemberPanelView view;

	MemberPanelController(Loyalty loyalty, MemberPanelView view) {
		this.loyalty = loyalty;
		this.view = view;
	}

	@GetMapping("/customers/{id}/loyalty")
	@PreAuthorize("hasAuthority('loyalty:read')")
	String panel(@PathVariable UUID id, @RequestParam(required = false) UUID account,
			@RequestParam(defaultValue = "0") int page, Authentication authentication, Model model) {
		return render(id, account, page, authentication, model);
	}

	@PostMapping("/customers/{id}/loyalty/enrol")
	@PreAuthorize("hasAuthority('loyalty:write')")
	String enrol(@PathVariable UUID id, @RequestParam String programme, @RequestParam(defaultValue = "") String card,
			@RequestParam String key, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Authentication authentication, Model model, HttpServletResponse response) {
		try {
			this.loyalty.enrol(programme,
					new Enrolment(id, null, null, "VIRTUAL".equals(card) ? CardKind.VIRTUAL : null, null), key);
		}
		catch (RuntimeException ex) {
			return refused(ex, "enrol", id, authentication, model, response);
		}
		return done(id, htmx, authentication, model);
	}

	@PostMapping("/customers/{id}/loyalty/{accountId}/adjust")
	@PreAuthorize("hasAuthority('loyalty:adjust')")
	String adjust(@PathVariable UUID id, @PathVariable UUID accountId, @RequestParam(defaultValue = "") String points,
			@RequestParam(defaultValue = "") String reason, @RequestParam String key,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model, HttpServletResponse response) {
		this.view.memberOf(id, accountId);
		try {
			long amount = parsePoints(points);
			this.loyalty.adjust(accountId, amount, reason, key);
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedAccount", accountId);
			model.addAttribute("typed", Map.of("points", points, "reason", reason, "key", key));
			return refused(ex, "adjust", id, authentication, model, response);
		}
		return done(id, htmx, authentication, model);
	}

	static long parsePoints(String points) {
		try {
			return Long.parseLong(points.strip());
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("points",
					Text.of("loyalty.points.whole-number", "give a whole number of points"));
		}
	}

	private String done(UUID id, String htmx, Authentication authentication, Model model) {
		return this.view.done(id, htmx, authentication, model);
	}

	private String refused(RuntimeException ex, String form, UUID id, Authentication authentication, Model model,
			HttpServletResponse response) {
		return this.view.refused(ex, form, id, authentication, model, response);
	}

	private String render(UUID id, UUID account, int page, Authentication authentication, Model model) {
		return this.view.render(id, account, page, authentication, model);
	}

}
