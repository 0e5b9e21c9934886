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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Card management on the member panel, for staff who may serve members: issue a card
 * (plastic with the number handed over, or a virtual one), replace one (the balance stays
 * on the account), block one or report it lost. Every form carries an idempotency key
 * made when the panel was shown; the engine audits every change.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:write')")
class MemberCardController {

	private static final String MEMBER = "/customers/{id}/loyalty/{accountId}/cards";

	private final Loyalty loyalty;

	private final MemberPanelView view;

	MemberCardController(Loyalty loyalty, MemberPanelView view) {
		this.loyalty = loyalty;
		this.view = view;
	}

	@PostMapping(MEMBER)
	String issue(@PathVariable UUID id, @PathVariable UUID accountId, @RequestParam(defaultValue = "") String kind,
			@RequestParam(defaultValue = "") String number, @RequestParam String key,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model, HttpServletResponse response) {
		this.view.memberOf(id, accountId);
		try {
			this.loyalty.issueCard(accountId, kind(kind), blankToNull(number), key);
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedAccount", accountId);
			model.addAttribute("typed", Map.of("kind", kind, "number", number, "key", key));
			return this.view.refused(ex, "card-issue", id, authentication, model, response);
		}
		return this.view.done(id, htmx, authentication, model);
	}

	@PostMapping(MEMBER + "/{cardId}/replacement")
	String replace(@PathVariable UUID id, @PathVariable UUID accountId, @PathVariable UUID cardId,
			@RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String number,
			@RequestParam String key, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Authentication authentication, Model model, HttpServletResponse response) {
		cardOf(id, accountId, cardId);
		try {
			this.loyalty.replaceCard(accountId, cardId, kind(kind), blankToNull(number), key);
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedCard", cardId);
			model.addAttribute("typed", Map.of("kind", kind, "number", number, "key", key));
			return this.view.refused(ex, "card-replace", id, authentication, model, response);
		}
		return this.view.done(id, htmx, authentication, model);
	}

	@PostMapping(MEMBER + "/{cardId}/status")
	String end(@PathVariable UUID id, @PathVariable UUID accountId, @PathVariable UUID cardId,
			@RequestParam(defaultValue = "") String status, @RequestParam String key,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Authentication authentication,
			Model model, HttpServletResponse response) {
		cardOf(id, accountId, cardId);
		try {
			this.loyalty.endCard(accountId, cardId, status(status), key);
		}
		catch (RuntimeException ex) {
			model.addAttribute("failedCard", cardId);
			return this.view.refused(ex, "card-status", id, authentication, model, response);
		}
		return this.view.done(id, htmx, authentication, model);
	}

	private CardView cardOf(UUID customerId, UUID accountId, UUID cardId) {
		return this.view.memberOf(customerId, accountId)
			.cards()
			.stream()
			.filter((c) -> c.id().equals(cardId))
			.findFirst()
			.orElseThrow(() -> NotFound
				.of(Text.of("loyalty.card.not-of-member", "Card of the member {0} does not exist", cardId)));
	}

	private static CardKind kind(String kind) {
		try {
			return CardKind.valueOf(kind.strip());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("kind",
					Text.of("loyalty.card.kind-choice", "choose a physical or a virtual card"));
		}
	}

	private static CardStatus status(String status) {
		try {
			return CardStatus.valueOf(status.strip());
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("status", Text.of("loyalty.card.end-status", "BLOCKED or LOST"));
		}
	}

	private static String blankToNull(String s) {
		return s.isBlank() ? null : s.strip();
	}

}
