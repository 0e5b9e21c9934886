package org.rapport.loyalty;

import java.io.IOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.Actor;
import org.rapport.platform.web.Download;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A programme's books for an auditor (ADR 0085): the check of every balance against its
 * ledger and lots, and the ledger itself as CSV.
 */
@RestController
@Tag(name = "Loyalty programmes")
class LedgerAuditApi {

	private final Loyalty loyalty;

	private final LedgerCheck check;

	private final LedgerExport export;

	LedgerAuditApi(Loyalty loyalty, LedgerCheck check, LedgerExport export) {
		this.loyalty = loyalty;
		this.check = check;
		this.export = export;
	}

	@GetMapping(ProgrammeApi.BASE + "/{code}/ledger-check")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Check every member's balance against the sum of their ledger and of their open lots",
			description = "Read from one snapshot. agrees is true when every account's available and pending "
					+ "balance equal the sums of its movements, and its available and pending lots hold exactly "
					+ "those points (none when the balance is negative). Otherwise differing counts the accounts "
					+ "that disagree and differences lists the first 100, in account order, with the three readings.")
	LedgerCheck.Report check(@PathVariable String code) {
		return this.check.check(this.loyalty.programme(code));
	}

	@GetMapping(ProgrammeApi.BASE + "/{code}/ledger/export")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "The programme's ledger as CSV, streamed",
			description = "Every movement of the programme's accounts that occurred in [from, to) (dates or "
					+ "date-times, UTC; both optional), in the order it was recorded: member, kind, the available "
					+ "and pending deltas, reason, source, idempotency key, when, and the lot. One consistent "
					+ "snapshot; each export is recorded in the audit log.")
	@ApiResponse(responseCode = "200", description = "the CSV file, streamed")
	@ApiResponse(responseCode = "400", description = "a bad date, with the field")
	void export(@PathVariable String code, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		stream(this.export, programme, LedgerExport.Period.of(from, to), response);
	}

	/** Audits the export, then writes it as an attachment to the response. */
	static void stream(LedgerExport export, LoyaltyProgramme programme, LedgerExport.Period period,
			HttpServletResponse response) throws IOException {
		export.audit(Actor.current(), programme, period);
		Download.start(response, "text/csv", period.fileName(programme.code()));
		export.export(programme, period, response.getOutputStream());
		response.flushBuffer();
	}

}
