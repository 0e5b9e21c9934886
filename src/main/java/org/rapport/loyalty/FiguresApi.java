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

/** Programme figures per month. */
@RestController
@Tag(name = "Loyalty programmes")
class FiguresApi {

	private final ProgrammeFigures figures;

	FiguresApi(ProgrammeFigures figures) {
		this.figures = figures;
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

}
