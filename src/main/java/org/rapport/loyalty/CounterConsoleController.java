package org.rapport.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.CustomerView;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The counter screen: find a member by card number (or by the customer's phone), see the
 * balance and cards, and redeem points with a reason. The redeem form carries an
 * idempotency key made when it was shown: submitting it twice spends once.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:write')")
class CounterConsoleController {

	private final Loyalty loyalty;

	private final Customers customers;

	private final LoyaltyConsole console;

	CounterConsoleController(Loyalty loyalty, Customers customers, LoyaltyConsole console) {
		this.loyalty = loyalty;
		this.customers = customers;
		this.console = console;
	}

	/** A member found at the counter, with the card used (null when found by phone). */
	record Found(CardView card, boolean usable, MemberSummary member, String customerName,
			List<LoyaltyConsole.Line> recent) {
	}

	@GetMapping("/loyalty/counter")
	String counter(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Long redeemed,
			Authentication authentication, Model model) {
		model.addAttribute("redeemed", redeemed);
		return render(q, authentication, model);
	}

	@PostMapping("/loyalty/counter/redeem")
	String redeem(@RequestParam(defaultValue = "") String q, @RequestParam UUID accountId,
			@RequestParam(defaultValue = "") String points, @RequestParam(defaultValue = "") String reason,
			@RequestParam String key, Authentication authentication, Model model, HttpServletResponse response) {
		long amount;
		try {
			amount = MemberPanelController.parsePoints(points);
			if (amount <= 0) {
				throw org.rapport.platform.web.ApiException.invalid("points", "must be a positive number");
			}
			this.loyalty.redeem(accountId, amount, reason, key);
		}
		catch (RuntimeException ex) {
			if (!LoyaltyConsole.isInputProblem(ex)) {
				throw ex;
			}
			model.addAttribute("errors", LoyaltyConsole.errors(ex));
			model.addAttribute("failedAccount", accountId);
			model.addAttribute("typed", Map.of("points", points, "reason", reason, "key", key));
			response.setStatus(422);
			return render(q, authentication, model);
		}
		return "redirect:" + UriComponentsBuilder.fromPath("/loyalty/counter")
			.queryParam("q", q)
			.queryParam("redeemed", amount)
			.encode()
			.build()
			.toUriString();
	}

	private String render(String q, Authentication authentication, Model model) {
		String query = q.strip();
		model.addAttribute("q", query);
		model.addAttribute("found", query.isEmpty() ? List.of() : find(query));
		model.addAttribute("can", LoyaltyConsole.Can.of(authentication));
		model.addAttribute("formKey", UUID.randomUUID().toString());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		return "loyalty/counter";
	}

	private List<Found> find(String query) {
		List<Found> found = new ArrayList<>();
		if (query.replaceAll("[\\s-]", "").matches("[0-9]{8,30}")) {
			this.loyalty.findByCard(query).ifPresent((l) -> found.add(found(l.card(), l.usable(), l.member())));
		}
		if (found.isEmpty()) {
			Optional<CustomerView> customer = phone(query);
			customer
				.ifPresent((c) -> this.loyalty.membershipsOf(c.id()).forEach((m) -> found.add(found(null, true, m))));
		}
		return found;
	}

	private Optional<CustomerView> phone(String query) {
		try {
			return this.customers.findByIdentity(IdentityType.PHONE, query);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private Found found(CardView card, boolean usable, MemberSummary member) {
		String name = member.customerId() == null ? null : this.customers.get(member.customerId()).displayName();
		LedgerPage recent = this.loyalty.ledger(member.accountId(), 0, 5);
		return new Found(card, usable, member, name, this.console.lines(recent));
	}

}
