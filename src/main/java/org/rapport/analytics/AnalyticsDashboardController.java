package org.rapport.analytics;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.LoyaltyProgramme;
import org.rapport.loyalty.MonthFigures;
import org.rapport.loyalty.ExpiringTotal;
import org.rapport.loyalty.ProgrammeFigures;
import org.rapport.platform.console.ConsoleModel;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
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
 * current snapshot (e.g. a scoped run). When loyalty programmes exist, their figures of
 * the snapshot's month are shown to staff who may read loyalty.
 */
@Controller
class AnalyticsDashboardController {

	private final Analytics analytics;

	private final DashboardView view;

	private final Loyalty loyalty;

	private final ProgrammeFigures figures;

	private final ConsoleModel user;

	private final ModelWording wording;

	private final ChurnModelWriter churnModels;

	private final MessageSource messages;

	AnalyticsDashboardController(Analytics analytics, DashboardView view, Loyalty loyalty, ProgrammeFigures figures,
			ConsoleModel user, ModelWording wording, ChurnModelWriter churnModels, MessageSource messages) {
		this.messages = messages;
		this.analytics = analytics;
		this.view = view;
		this.loyalty = loyalty;
		this.figures = figures;
		this.user = user;
		this.wording = wording;
		this.churnModels = churnModels;
	}

	/** A loyalty programme's figures in the month of the snapshot. */
	record ProgrammeLine(String code, String name, MonthFigures figures, ExpiringTotal expiring) {
	}

	/** How far ahead the programme panel counts the points about to expire. */
	static final int EXPIRING_DAYS = 30;

	@GetMapping("/analytics")
	@PreAuthorize("hasAuthority('analytics:read')")
	String dashboard(@RequestParam(required = false) UUID run, Model model, Locale locale) {
		Optional<AnalyticsRun> snapshot = (run == null) ? this.analytics.current()
				: this.analytics.run(run).filter((r) -> r.status() == AnalyticsRun.Status.COMPLETED);
		if (run != null && snapshot.isEmpty()) {
			throw new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("analytics.completed-run.not-found", "completed analytics run {0} does not exist", run));
		}
		model.addAttribute("snapshot", snapshot.orElse(null));
		model.addAttribute("run", run);
		snapshot.ifPresent((s) -> {
			this.view.fill(model, s, run, locale);
			CustomerClasses classes = orNull(() -> this.analytics.classes(s.id()));
			model.addAttribute("customerClasses", classes);
			if (classes != null) {
				model.addAttribute("classFeatures", this.wording.features(classes.features(), locale));
				model.addAttribute("classLabels",
						classes.classes()
							.stream()
							.collect(Collectors.toMap(CustomerClasses.ClassProfile::index,
									(c) -> this.wording.classLabel(c.label(), locale))));
			}
			model.addAttribute("churnModel", orNull(() -> this.analytics.churnModel(s.id())));
			model.addAttribute("churnRules", this.wording.rules(this.churnModels.rules(s.id()), locale));
			YearMonth month = YearMonth.from(s.asOf().minusMillis(1).atZone(ZoneOffset.UTC));
			model.addAttribute("programmeMonth", month);
			// the figures are read from the whole ledger (ADR 0060): the panel loads them
			// after the page, so that the rest of the dashboard does not wait for them
			model.addAttribute("programmesLater",
					this.user.can("loyalty:read") && !this.loyalty.programmes().isEmpty());
		});
		return "analytics/dashboard";
	}

	/**
	 * The dashboard's programme panel: every programme's figures in the given month,
	 * loaded by the page once it is shown.
	 */
	@GetMapping("/analytics/programmes")
	@PreAuthorize("hasAuthority('analytics:read') and hasAuthority('loyalty:read')")
	String programmeFigures(@RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth month, Model model) {
		model.addAttribute("programmeMonth", month);
		model.addAttribute("programmes", programmes(month));
		return "analytics/dashboard :: programmes";
	}

	@PostMapping("/analytics/runs")
	@PreAuthorize("hasAuthority('analytics:run')")
	String start(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		try {
			AnalyticsRun started = this.analytics.startRun();
			model.addAttribute("started", started);
		}
		catch (ApiException ex) {
			model.addAttribute("refused", ex.detail(this.messages));
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
				this.analytics.run(id)
					.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
							Text.of("analytics.run.not-found", "analytics run {0} does not exist", id))));
		return "analytics/run :: status";
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

	/**
	 * The figures of every loyalty programme in the month the snapshot describes (the
	 * month before when it was taken at a month's first instant), and what its members
	 * lose to expiry in the next {@value #EXPIRING_DAYS} days, for staff who may read
	 * loyalty; none when there is no programme.
	 */
	private List<ProgrammeLine> programmes(YearMonth month) {
		if (!this.user.can("loyalty:read")) {
			return List.of();
		}
		List<ProgrammeLine> lines = new ArrayList<>();
		for (LoyaltyProgramme programme : this.loyalty.programmes()) {
			List<MonthFigures> rows = this.figures.monthly(programme.code(), month, month);
			if (!rows.isEmpty()) {
				lines.add(new ProgrammeLine(programme.code(), programme.name(), rows.get(0),
						this.loyalty.pointsExpiringTotal(programme.code(), EXPIRING_DAYS)));
			}
		}
		return lines;
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
