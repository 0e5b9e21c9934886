package org.rapport.analytics;

import org.rapport.customer.CustomerPanel;
import org.rapport.platform.web.ApiException;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The analytics panel of the customer 360 page: an htmx fragment for the page's
 * {@code #analytics-panel} element with the customer's value, predictions, risk and its
 * reasons, segment, class and stage, and the model version that computed them. A customer
 * without scores (no run yet, or created since) is "not yet computed".
 */
@Controller
class CustomerScoresPanelController {

	@Bean
	static CustomerPanel analyticsScoresPanel() {
		return new CustomerPanel("analytics-panel", "/customers/{id}/analytics", "analytics:customer-read", 20);
	}

	private final Analytics analytics;

	private final ModelWording wording;

	CustomerScoresPanelController(Analytics analytics, ModelWording wording) {
		this.analytics = analytics;
		this.wording = wording;
	}

	@GetMapping("/customers/{id}/analytics")
	@PreAuthorize("hasAuthority('analytics:customer-read')")
	String panel(@PathVariable UUID id, @RequestParam(required = false) UUID run, Model model, Locale locale) {
		Optional<AnalyticsRun> snapshot = (run == null) ? this.analytics.current()
				: this.analytics.run(run).filter((r) -> r.status() == AnalyticsRun.Status.COMPLETED);
		CustomerScores scores = snapshot.flatMap((s) -> this.analytics.customer(s.id(), id)).orElse(null);
		model.addAttribute("scores", scores);
		model.addAttribute("horizonMonths",
				snapshot.map(AnalyticsRun::valueModel).map(ValueModel::clvMonths).orElse(null));
		CustomerClasses.ClassProfile customerClass = (scores == null) ? null : customerClass(scores);
		model.addAttribute("customerClass", customerClass);
		model.addAttribute("customerClassLabel",
				(customerClass == null) ? null : this.wording.classLabel(customerClass.label(), locale));
		return "analytics/panel";
	}

	/**
	 * The one-to-class profile of the customer's class, or null when the customer or the
	 * snapshot has no class.
	 */
	private CustomerClasses.ClassProfile customerClass(CustomerScores scores) {
		if (scores.customerClass() == null) {
			return null;
		}
		try {
			return this.analytics.classes(scores.runId())
				.classes()
				.stream()
				.filter((c) -> c.index() == scores.customerClass())
				.findFirst()
				.orElse(null);
		}
		catch (ApiException ex) {
			return null;
		}
	}

}
