package org.rapport.loyalty;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The counter screen: find a member by loyalty card number (or by the customer's phone,
 * another card or e-mail in their record), see the balance and cards, and redeem points
 * with a reason (rewards and vouchers: {@link CounterVoucherController}). The redeem form
 * carries an idempotency key made when it was shown: submitting it twice spends once.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:write')")
class CounterConsoleController {

	private final Loyalty loyalty;

	private final CounterPage page;

	private final MessageSource messages;

	CounterConsoleController(Loyalty loyalty, CounterPage page, MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.page = page;
	}

	@GetMapping("/loyalty/counter")
	String counter(@RequestParam(defaultValue = "") String q, @RequestParam(required = false) Long redeemed,
			@RequestParam(required = false) String enrolled, Authentication authentication, Model model) {
		model.addAttribute("redeemed", redeemed);
		model.addAttribute("enrolled", enrolled);
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
				throw org.rapport.platform.web.ApiException.invalid("points",
						Text.of("loyalty.points.positive", "must be a positive number"));
			}
			this.loyalty.redeem(accountId, amount, reason, key);
		}
		catch (RuntimeException ex) {
			if (!LoyaltyConsole.isInputProblem(ex)) {
				throw ex;
			}
			model.addAttribute("errors", LoyaltyConsole.errors(ex, this.messages));
			model.addAttribute("failedAccount", accountId);
			model.addAttribute("typed", Map.of("points", points, "reason", reason, "key", key));
			response.setStatus(422);
			return render(q, authentication, model);
		}
		return "redirect:" + counterAt(q, "redeemed", amount);
	}

	/**
	 * Enrols the customer found through their record (phone, card, e-mail) in a
	 * programme, with a virtual card, and shows them as the member they now are; a
	 * refusal (a consent the programme needs) is shown beside the enrol button.
	 */
	@PostMapping("/loyalty/counter/enrolment")
	String enrol(@RequestParam(defaultValue = "") String q, @RequestParam UUID customerId,
			@RequestParam String programme, @RequestParam String key, Authentication authentication, Model model,
			HttpServletResponse response) {
		try {
			this.loyalty.enrol(programme, new Enrolment(customerId, null, null, CardKind.VIRTUAL, null), key);
		}
		catch (RuntimeException ex) {
			if (!LoyaltyConsole.isInputProblem(ex)) {
				throw ex;
			}
			model.addAttribute("enrolErrors", LoyaltyConsole.errors(ex, this.messages));
			model.addAttribute("failedProgramme", programme);
			response.setStatus(422);
			return render(q, authentication, model);
		}
		return "redirect:" + counterAt(q, "enrolled", programme);
	}

	/**
	 * The counter's address for the look-up {@code q} with a notice. The values are
	 * template variables, so they are encoded strictly: the {@code +} of a phone number
	 * becomes {@code %2B}, not a space.
	 */
	static String counterAt(String q, String notice, Object value) {
		return UriComponentsBuilder.fromPath("/loyalty/counter")
			.queryParam("q", "{q}")
			.queryParam(notice, "{value}")
			.encode()
			.buildAndExpand(q, value)
			.toUriString();
	}

	private String render(String q, Authentication authentication, Model model) {
		return this.page.render(q, authentication, model);
	}

}
