package org.rapport.analytics;

import java.util.Optional;
import java.util.UUID;

import org.rapport.customer.CustomerBadge;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The head of the customer 360 page says, from the current snapshot (or the completed run
 * asked for, as the panel does), when the customer is of high value (value tier from the
 * monetary score) and when their churn risk is high: the two facts that decide who is
 * served first. Nothing for other customers or before a first run.
 */
@Controller
class ScoreBadgesController {

	@Bean
	static CustomerBadge analyticsBadges() {
		return new CustomerBadge("analytics-badges", "/customers/{id}/badges/analytics", "analytics:customer-read", 20);
	}

	private final Analytics analytics;

	ScoreBadgesController(Analytics analytics) {
		this.analytics = analytics;
	}

	@GetMapping("/customers/{id}/badges/analytics")
	@PreAuthorize("hasAuthority('analytics:customer-read')")
	String badges(@PathVariable UUID id, @RequestParam(required = false) UUID run, Model model) {
		Optional<AnalyticsRun> snapshot = (run == null) ? this.analytics.current()
				: this.analytics.run(run).filter((r) -> r.status() == AnalyticsRun.Status.COMPLETED);
		CustomerScores scores = snapshot.flatMap((s) -> this.analytics.customer(s.id(), id)).orElse(null);
		model.addAttribute("highValue", scores != null && scores.valueTier() == ValueTier.HIGH);
		model.addAttribute("highRisk", scores != null && scores.riskCategory() == RiskCategory.HIGH);
		return "analytics/badges :: badges";
	}

}
