package org.rapport.audit;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.util.UriComponentsBuilder;

import org.rapport.platform.web.ApiException;

/**
 * The audit page of the staff console: filters and a paged table of changes, their
 * summaries in the page's language.
 */
@Controller
class AuditConsoleController {

	static final int PAGE_SIZE = 25;

	private final AuditLog log;

	AuditConsoleController(AuditLog log) {
		this.log = log;
	}

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** One row of the table: the event, its time for people and its changed fields. */
	record Row(AuditLog.Entry entry, String time, List<AuditDiff.FieldChange> changes) {

		static Row of(AuditLog.Entry e) {
			return new Row(e, TIME.format(e.occurredAt()), AuditDiff.of(e.before(), e.after()));
		}

	}

	@GetMapping("/audit")
	@PreAuthorize("hasAuthority('audit:read')")
	String audit(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
			@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, Locale locale, Model model) {
		try {
			java.time.Instant since = AuditTime.from(from);
			java.time.Instant until = AuditTime.to(to);
			if (since != null && until != null && !since.isBefore(until)) {
				model.addAttribute("badPeriod", true);
				model.addAttribute("rows", List.of());
				return "audit/list";
			}
			AuditLog.Page result = this.log
				.find(new AuditLog.Query(entityType, entityId, actor, action, since, until, page, PAGE_SIZE), locale);
			model.addAttribute("result", result);
			model.addAttribute("rows", result.items().stream().map(Row::of).toList());
			UriComponentsBuilder link = UriComponentsBuilder.fromPath("/audit");
			addFilter(link, "entityType", entityType);
			addFilter(link, "entityId", entityId);
			addFilter(link, "actor", actor);
			addFilter(link, "action", action);
			addFilter(link, "from", from);
			addFilter(link, "to", to);
			if (result.page() > 0) {
				model.addAttribute("previousPage",
						link.cloneBuilder().queryParam("page", result.page() - 1).build().encode().toUriString());
			}
			if (result.page() + 1 < result.totalPages()) {
				model.addAttribute("nextPage",
						link.cloneBuilder().queryParam("page", result.page() + 1).build().encode().toUriString());
			}
		}
		catch (ApiException ex) {
			model.addAttribute("badDate", true);
			model.addAttribute("rows", List.of());
		}
		return "audit/list";
	}

	private static void addFilter(UriComponentsBuilder link, String name, String value) {
		if (value != null && !value.isBlank()) {
			link.queryParam(name, value.trim());
		}
	}

	@ExceptionHandler(AccessDeniedException.class)
	@ResponseStatus(HttpStatus.FORBIDDEN)
	String denied() {
		return "audit/forbidden";
	}

}
