package org.rapport.loyalty;

import java.util.List;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The members whose points expire within a number of days (30 unless chosen): how many
 * lose how many points in all, then the first of them, most points first, each linked to
 * the customer page with the points' worth and the balance they have now: the list to
 * remind before the points go. Read-only, for anyone who may read loyalty.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:read')")
class ExpiringPointsConsoleController {

	static final int LISTED = 100;

	private final Loyalty loyalty;

	private final MemberNames names;

	ExpiringPointsConsoleController(Loyalty loyalty, MemberNames names) {
		this.loyalty = loyalty;
		this.names = names;
	}

	@GetMapping("/loyalty/programmes/{code}/expiring")
	String expiring(@PathVariable String code, @RequestParam(defaultValue = "30") int days, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		int horizon = Math.max(1, Math.min(days, PointsAboutToExpire.MAX_DAYS));
		List<ExpiringPoints> members = this.loyalty.pointsExpiring(code, horizon, LISTED);
		model.addAttribute("programme", programme);
		model.addAttribute("days", horizon);
		model.addAttribute("maxDays", PointsAboutToExpire.MAX_DAYS);
		model.addAttribute("members", members);
		model.addAttribute("total", this.loyalty.pointsExpiringTotal(code, horizon));
		model.addAttribute("listed", LISTED);
		model.addAttribute("names", this.names.of(members.stream().map(ExpiringPoints::customerId).toList()));
		return "loyalty/expiring";
	}

}
