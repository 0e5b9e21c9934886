package org.rapport.loyalty;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.customer.CustomerBadge;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The head of the customer 360 page names the tier of each active membership and says
 * when it gives priority service, so whoever answers the customer serves them first
 * without opening the member panel. Nothing for a customer without a tier.
 */
@Controller
class MemberBadgesController {

	@Bean
	static CustomerBadge loyaltyBadges() {
		return new CustomerBadge("loyalty-badges", "/customers/{id}/badges/loyalty", "loyalty:read", 10);
	}

	/** A membership's tier as the page's head shows it. */
	record TierBadge(String programmeName, Tier tier, Tier better) {
	}

	private final Loyalty loyalty;

	private final Clock clock;

	MemberBadgesController(Loyalty loyalty, Clock clock) {
		this.loyalty = loyalty;
		this.clock = clock;
	}

	@GetMapping("/customers/{id}/badges/loyalty")
	@PreAuthorize("hasAuthority('loyalty:read')")
	String badges(@PathVariable UUID id, Model model) {
		List<TierBadge> badges = new ArrayList<>();
		for (MemberSummary m : this.loyalty.membershipsOf(id)) {
			if (!"ACTIVE".equals(m.status())) {
				continue;
			}
			MemberTier held = this.loyalty.tierOf(m.accountId(), this.clock.instant());
			if (held.tier() != null || held.better() != null) {
				badges.add(new TierBadge(this.loyalty.programme(m.programmeCode()).name(), held.tier(), held.better()));
			}
		}
		model.addAttribute("badges", badges);
		return "loyalty/badges :: badges";
	}

}
