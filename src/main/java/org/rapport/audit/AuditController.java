package org.rapport.audit;

import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail over the API, for administrators and managers. */
@RestController
@Tag(name = "Audit", description = "Who changed what, when, with the state before and after")
class AuditController {

	private final AuditLog log;

	AuditController(AuditLog log) {
		this.log = log;
	}

	@GetMapping("/api/v1/audit")
	@PreAuthorize("hasAuthority('audit:read')")
	@Operation(summary = "Audit events, newest first; from/to take a date or an ISO time, to is exclusive",
			description = "Each summary reads in the caller's Accept-Language (English without one); "
					+ "what is stored stays English.")
	AuditLog.Page find(@RequestParam(required = false) String entityType,
			@RequestParam(required = false) String entityId, @RequestParam(required = false) String actor,
			@RequestParam(required = false) String action, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Locale locale) {
		return this.log.find(new AuditLog.Query(entityType, entityId, actor, action, AuditTime.from(from),
				AuditTime.to(to), page, size), locale);
	}

}
