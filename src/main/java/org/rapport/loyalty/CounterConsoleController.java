package org.rapport.loyalty;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

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
 * balance and cards, and redeem points with a reason (rewards and vouchers:
 * {@link CounterVoucherController}). The redeem form carries an idempotency key made when
 * it was shown: submitting it twice spends once.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:write')")
class CounterConsoleController {

	private final Loyalty loyalty;

	private final CounterPage page;

	CounterConsoleController(Loyalty loyalty, CounterPage page) {
		this.loyalty = loyalty;
		this.page = page;
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
		return this.page.render(q, authentication, model);
	}

}
