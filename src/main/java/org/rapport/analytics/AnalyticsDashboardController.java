package org.rapport.analytics;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The analytics dashboard of the console: the snapshot's status and every population view
 * with links to the customers behind each cell, and the "run now" button whose progress
 * the page follows with htmx polling. {@code ?run=} shows a completed run other than the
 * current snapshot (e.g. a scoped run).
 */
@Controller
class AnalyticsDashboardController {

	private final Analytics analytics;

	private final DashboardView view;

	AnalyticsDashboardController(Analytics analytics, DashboardView view) {
		this.analytics = analytics;
		this.view = view;
	}

	@GetMapping("/analytics")
	@PreAuthorize("hasAuthority('analytics:read')")
	String dashboard(@RequestParam(required = false) UUID run, Model model, Locale locale) {
		Optional<AnalyticsRun> snapshot = (run == null) ? this.analytics.current()
				: this.analytics.run(run).filter((r) -> r.status() == AnalyticsRun.Status.COMPLETED);
		if (run != null && snapshot.isEmpty()) {
			throw ApiException.notFound("completed analytics run", run);
		}
		model.addAttribute("snapshot", snapshot.orElse(null));
		model.addAttribute("run", run);
		snapshot.ifPresent((s) -> {
			this.view.fill(model, s, run, locale);
			model.addAttribute("customerClasses", orNull(() -> this.analytics.classes(s.id())));
			model.addAttribute("churnModel", orNull(() -> this.analytics.churnModel(s.id())));
		});
		return "analytics/dashboard";
	}

	@PostMapping("/analytics/runs")
	@PreAuthorize("hasAuthority('analytics:run')")
	String start(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		try {
			AnalyticsRun started = this.analytics.startRun();
			model.addAttribute("started", started);
		}
		catch (ApiException ex) {
			model.addAttribute("refused", ex.getMessage());
		}
		if (htmx == null) {
			return "redirect:/analytics";
		}
		return "analytics/run :: status";
	}

	@GetMapping("/analytics/runs/{id}")
	@PreAuthorize("hasAnyAuthority('analytics:read', 'analytics:run')")
	String progress(@PathVariable UUID id, Model model) {
		model.addAttribute("started",
				this.analytics.run(id).orElseThrow(() -> ApiException.notFound("analytics run", id)));
		return "analytics/run :: status";
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.getMessage());
		return "error";
	}

	/** The snapshot's classes or churn model, or null when the run has none. */
	private static <T> T orNull(java.util.function.Supplier<T> read) {
		try {
			return read.get();
		}
		catch (ApiException ex) {
			return null;
		}
	}

}
