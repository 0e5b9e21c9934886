package org.rapport.analytics;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.Page;
import org.rapport.customer.Paging;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customers behind a chart cell of the dashboard: a paged table linking to each
 * customer's 360 page, and the same customers as CSV.
 */
@Controller
class AnalyticsCustomersController {

	static final int PAGE_SIZE = 50;

	private static final Map<String, String> VALUE_LABELS = Map.of("segment", "analytics.segment.", "loyaltyClass",
			"analytics.class.", "stage", "stage.", "risk", "analytics.risk.", "valueTier", "analytics.tier.",
			"flowFrom", "stage.", "flowTo", "stage.");

	private final Analytics analytics;

	private final MessageSource messages;

	AnalyticsCustomersController(Analytics analytics, MessageSource messages) {
		this.analytics = analytics;
		this.messages = messages;
	}

	@GetMapping(DrillDown.LIST)
	@PreAuthorize("hasAuthority('analytics:read')")
	String list(DrillDown drill, @RequestParam(defaultValue = "0") int page, Model model, Locale locale) {
		Page<CustomerScores> result = this.analytics.customers(drill.filter(),
				new Paging(Math.max(0, page), PAGE_SIZE));
		model.addAttribute("drill", drill);
		model.addAttribute("filters", labels(drill.filters(), locale));
		model.addAttribute("result", result);
		model.addAttribute("csv", drill.csv());
		model.addAttribute("previous", result.page() > 0 ? drill.page(result.page() - 1) : null);
		model.addAttribute("next", result.page() + 1 < result.totalPages() ? drill.page(result.page() + 1) : null);
		model.addAttribute("back", drill.run() == null ? "/analytics" : "/analytics?run=" + drill.run());
		return "analytics/customers";
	}

	@GetMapping(DrillDown.CSV)
	@PreAuthorize("hasAuthority('analytics:read')")
	void csv(DrillDown drill, HttpServletResponse response) throws IOException {
		ScoreFilter filter = drill.filter();
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"analytics-customers.csv\"");
		PrintWriter writer = response.getWriter();
		writer.write(ScoresCsv.HEADER);
		this.analytics.export(filter, (scores) -> writer.write(ScoresCsv.row(scores)));
		writer.flush();
	}

	/** Filter values in words: "Champions" rather than CHAMPIONS. */
	private Map<String, String> labels(Map<String, Object> filters, Locale locale) {
		Map<String, String> labels = new LinkedHashMap<>();
		filters.forEach((name, value) -> {
			String prefix = VALUE_LABELS.get(name);
			String text = prefix == null ? String.valueOf(value)
					: this.messages.getMessage(prefix + value, null, String.valueOf(value), locale);
			labels.put(name, name.equals("top") ? text + " %" : text);
		});
		return labels;
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
