package org.rapport.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.rapport.customer.LifecycleStage;
import org.rapport.customer.StartPageCard;

import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The analytics cards of the console's start page, as htmx fragments for staff who may
 * read the analytics: the customers who need attention first (the top of the risk × value
 * priority list, with a strip of the snapshot's key figures), and the customers per
 * lifecycle stage computed from behaviour, each linking to its drill-down list. Without a
 * completed run the first card says so and the second is not shown. {@code ?run=} reads a
 * completed run other than the current snapshot.
 */
@Controller
@PreAuthorize("hasAuthority('analytics:read')")
class StartPageCardsController {

	static final int ATTENTION = 10;

	static final String ATTENTION_PATH = "/analytics/start/attention";

	static final String STAGES_PATH = "/analytics/start/stages";

	@Bean
	static StartPageCard analyticsAttentionCard() {
		return new StartPageCard("analytics-attention", ATTENTION_PATH, "analytics:read", 10);
	}

	@Bean
	static StartPageCard analyticsStagesCard() {
		return new StartPageCard("analytics-stages", STAGES_PATH, "analytics:read", 30);
	}

	/** A lifecycle stage of the funnel with its customers and drill-down link. */
	record StageLine(LifecycleStage stage, long customers, String link) {
	}

	private final Analytics analytics;

	StartPageCardsController(Analytics analytics) {
		this.analytics = analytics;
	}

	@GetMapping(ATTENTION_PATH)
	String attention(@RequestParam(required = false) UUID run, Model model) {
		Optional<AnalyticsRun> snapshot = snapshot(run);
		model.addAttribute("snapshot", snapshot.orElse(null));
		snapshot.ifPresent((s) -> {
			model.addAttribute("attention", this.analytics.needsAttention(s.id(), ATTENTION));
			model.addAttribute("highRisk",
					this.analytics.priority(s.id())
						.cells()
						.stream()
						.filter((c) -> c.risk() == RiskCategory.HIGH)
						.mapToLong(Charts.PriorityCell::customers)
						.sum());
			model.addAttribute("fullList", link(run, "order", ScoreFilter.Order.PRIORITY));
		});
		return "analytics/start :: attention";
	}

	@GetMapping(STAGES_PATH)
	String stages(@RequestParam(required = false) UUID run, Model model) {
		Optional<AnalyticsRun> snapshot = snapshot(run);
		model.addAttribute("snapshot", snapshot.orElse(null));
		snapshot.ifPresent((s) -> model.addAttribute("stages", stageLines(this.analytics.lifecycle(s.id()), run)));
		return "analytics/start :: stages";
	}

	private Optional<AnalyticsRun> snapshot(UUID run) {
		return (run == null) ? this.analytics.current()
				: this.analytics.run(run).filter((r) -> r.status() == AnalyticsRun.Status.COMPLETED);
	}

	/** Every stage in the order of the lifecycle, those without customers included. */
	static List<StageLine> stageLines(Charts.Lifecycle lifecycle, UUID run) {
		List<StageLine> lines = new ArrayList<>();
		for (LifecycleStage stage : LifecycleStage.values()) {
			long n = lifecycle.stages()
				.stream()
				.filter((c) -> c.key().equals(stage.name()))
				.mapToLong(Charts.Count::customers)
				.sum();
			lines.add(new StageLine(stage, n, link(run, "stage", stage)));
		}
		return lines;
	}

	private static String link(UUID run, String name, Object value) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath(DrillDown.LIST);
		if (run != null) {
			uri.queryParam("run", run);
		}
		return uri.queryParam(name, value).encode().build().toUriString();
	}

}
