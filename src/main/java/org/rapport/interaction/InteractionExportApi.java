package org.rapport.interaction;

import java.io.IOException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.Actor;
import org.rapport.platform.web.Download;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The interaction history as one streamed file (ADR 0084): JSON lines that import back,
 * or CSV for spreadsheets. Bad parameters are a 400 problem naming each field before
 * anything is written; the export is in the audit trail.
 */
@RestController
@Tag(name = "Interactions")
class InteractionExportApi {

	private final InteractionExport export;

	InteractionExportApi(InteractionExport export) {
		this.export = export;
	}

	@GetMapping(InteractionApi.BASE + "/export")
	@PreAuthorize("hasAuthority('interaction:export')")
	@Operation(summary = "Export interactions as JSON lines or CSV, streamed",
			description = "Interactions that occurred in [from, to) (dates or date-times, UTC), of the kinds given "
					+ "(repeatable or comma separated), of one source system or customer, in the order they were "
					+ "recorded. format=jsonl (default): one interaction per line as the body of POST "
					+ "/api/v1/interactions, which imports back without changing anything. format=csv: one row per "
					+ "purchase line. One consistent snapshot however long the download takes. For pulls that go on "
					+ "where the last one ended (a data warehouse): after=start the first time, then after= the id of "
					+ "the last interaction received; such a pull leaves out what was recorded in the last 30 seconds "
					+ "(and since the oldest transaction still writing began), so the next pull misses nothing.")
	@ApiResponse(responseCode = "200", description = "the file, streamed")
	@ApiResponse(responseCode = "400", description = "invalid parameters, with one entry per offending field")
	void export(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) List<String> kind, @RequestParam(required = false) String source,
			@RequestParam(required = false) String customer, @RequestParam(required = false) String format,
			@RequestParam(required = false) String after, HttpServletResponse response) throws IOException {
		InteractionExport.Request request = InteractionExport.request(from, to, kind, source, customer, format, after);
		stream(this.export, request, response);
	}

	/** Audits the export, then writes it as an attachment to the response. */
	static void stream(InteractionExport export, InteractionExport.Request request, HttpServletResponse response)
			throws IOException {
		export.audit(Actor.current(), request.filter(), request.format());
		Download.start(response, request.format().mediaType(), request.fileName());
		export.export(request.filter(), request.format(), response.getOutputStream(), null);
		response.flushBuffer();
	}

}
