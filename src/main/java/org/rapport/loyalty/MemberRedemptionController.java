package org.rapport.loyalty;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;

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
 * A member's redemptions on the member panel, for staff who may serve members: cancel a
 * redemption whose voucher is not used (with a reason; the points go back through the
 * ledger and the stock gets its unit back), or give an issued, unexpired voucher a new
 * code when the customer lost the first (the same redemption; the old code stops
 * working). The new code is shown once, on the panel answered. Both are audited; a
 * repeated cancellation changes nothing.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:write')")
class MemberRedemptionController {

	private static final String REDEMPTION = "/customers/{id}/loyalty/{accountId}/redemptions/{redemptionId}";

	private final Rewards rewards;

	private final MemberPanelView view;

	private final MessageSource messages;

	MemberRedemptionController(Rewards rewards, MemberPanelView view, MessageSource messages) {
		this.messages = messages;
		this.rewards = rewards;
		this.view = view;
	}

	@PostMapping(REDEMPTION + "/cancellation")
	String cancel(@PathVariable UUID id, @PathVariable UUID accountId, @PathVariable UUID redemptionId,
			@RequestParam(defaultValue = "") String reason,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model, HttpServletResponse response) {
		this.view.redemptionOf(id, accountId, redemptionId);
		try {
			this.rewards.cancelRedemption(redemptionId, reason);
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedRedemption", redemptionId);
			model.addAttribute("typed", Map.of("reason", reason));
			return this.view.refused(ex, "redemption-cancel", id, authentication, model, response);
		}
		return this.view.done(id, htmx, authentication, model);
	}

	@PostMapping(REDEMPTION + "/voucher")
	String reissue(@PathVariable UUID id, @PathVariable UUID accountId, @PathVariable UUID redemptionId,
			Authentication authentication, Model model, HttpServletResponse response) {
		this.view.redemptionOf(id, accountId, redemptionId);
		try {
			model.addAttribute("reissued", this.rewards.reissueVoucher(redemptionId));
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedRedemption", redemptionId);
			return this.view.refused(ex, "redemption-reissue", id, authentication, model, response);
		}
		// the new code exists only in this answer: show it on the panel, never redirect
		return this.view.render(id, null, 0, authentication, model);
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
