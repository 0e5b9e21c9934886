package org.rapport.loyalty;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The programme page's figures by month: the last twelve months, newest first, loaded by
 * the page after it is shown, or shown as a page of their own (the current month is
 * summed from the ledger, ADR 0061). For the programme's administrators and for staff who
 * read the analytics dashboard (where the same figures appear for one month); not for the
 * counter.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin') or (hasAuthority('loyalty:read') and hasAuthority('analytics:read'))")
class ProgrammeFiguresConsoleController {

	static final int MONTHS = 12;

	private final Loyalty loyalty;

	private final ProgrammeFigures figures;

	private final JsonMapper json;

	private final Clock clock;

	ProgrammeFiguresConsoleController(Loyalty loyalty, ProgrammeFigures figures, JsonMapper json, Clock clock) {
		this.loyalty = loyalty;
		this.figures = figures;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The figures as the programme page loads them (htmx), or as a page of their own for
	 * staff who read them without administering the programme (the analytics dashboard
	 * links here).
	 */
	@GetMapping("/loyalty/programmes/{code}/figures")
	String figures(@PathVariable String code, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		YearMonth current = YearMonth.now(this.clock.withZone(ZoneOffset.UTC));
		List<MonthFigures> months = new ArrayList<>(
				this.figures.monthly(programme.code(), current.minusMonths(MONTHS - 1), current));
		model.addAttribute("chartData", chartData(months));
		Collections.reverse(months);
		model.addAttribute("programme", programme);
		model.addAttribute("months", months);
		return (htmx == null) ? "loyalty/figures-page" : "loyalty/figures :: figures";
	}

	/** The chart's series, oldest month first. */
	private String chartData(List<MonthFigures> months) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("months", months.stream().map(MonthFigures::month).toList());
		data.put("issued", months.stream().map(MonthFigures::pointsIssued).toList());
		data.put("redeemed", months.stream().map(MonthFigures::pointsRedeemed).toList());
		data.put("expired", months.stream().map(MonthFigures::pointsExpired).toList());
		data.put("outstanding", months.stream().map(MonthFigures::outstandingPoints).toList());
		// months and numbers only; '<' could not end the script element anyway
		return this.json.writeValueAsString(data).replace("<", "\\u003c");
	}

}
