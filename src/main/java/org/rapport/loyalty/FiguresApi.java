package org.rapport.loyalty;

import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Programme figures per month, and the members whose points expire soon. */
@RestController
@Tag(name = "Loyalty programmes")
class FiguresApi {

	private final ProgrammeFigures figures;

	private final Loyalty loyalty;

	FiguresApi(ProgrammeFigures figures, Loyalty loyalty) {
		this.figures = figures;
		this.loyalty = loyalty;
	}

	@GetMapping(ProgrammeApi.BASE + "/{code}/figures")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(
			summary = "Members, penetration, active members, points issued / redeemed / expired, outstanding "
					+ "liability and redemption rate per month (UTC)",
			description = "from and to are months (yyyy-MM), both included; default the last twelve months; at most "
					+ "120.")
	List<MonthFigures> figures(@PathVariable String code,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
			@RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth to) {
		return this.figures.monthly(code, from, to);
	}

	@GetMapping(ProgrammeApi.BASE + "/{code}/points/expiring/total")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "How many members lose how many points to expiry within withinDays days, and their worth",
			description = "The same lots as the list (past their date and not yet taken by the expiry included); "
					+ "withinDays 0 to 366, 30 unless given.")
	ExpiringTotal expiringTotal(@PathVariable String code, @RequestParam(defaultValue = "30") int withinDays) {
		return this.loyalty.pointsExpiringTotal(code, withinDays);
	}

	@GetMapping(ProgrammeApi.BASE + "/{code}/points/expiring")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Members whose points expire within withinDays days, most points first",
			description = "points: what their open lots lose by the horizon (lots past their date that the expiry "
					+ "has not taken yet included); firstAt: the first of those dates; value: the points' worth; "
					+ "available: the balance today. withinDays 0 to 366 (30 unless given), limit up to 1000.")
	List<ExpiringPoints> expiring(@PathVariable String code, @RequestParam(defaultValue = "30") int withinDays,
			@RequestParam(defaultValue = "100") int limit) {
		return this.loyalty.pointsExpiring(code, withinDays, limit);
	}

}
