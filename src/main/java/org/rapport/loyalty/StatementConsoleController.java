package org.rapport.loyalty;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A member's points statement in the console (ADR 0087), to go through with a member who
 * asks where their points went, or to print: the last twelve months unless a period is
 * chosen. A refused date shows the form again with the message at the field.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:read')")
class StatementConsoleController {

	private final Loyalty loyalty;

	private final LoyaltyConsole console;

	private final MemberNames names;

	private final java.time.Clock clock;

	private final MessageSource messages;

	StatementConsoleController(Loyalty loyalty, LoyaltyConsole console, MemberNames names, java.time.Clock clock,
			MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.console = console;
		this.names = names;
		this.clock = clock;
	}

	@GetMapping("/loyalty/members/{accountId}/statement")
	String statement(@PathVariable UUID accountId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model, HttpServletResponse response) {
		MemberSummary member = this.loyalty.member(accountId);
		String start = (from == null && to == null)
				? LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).minusMonths(12).toString() : from;
		Map<String, String> values = new LinkedHashMap<>();
		values.put("from", start);
		values.put("to", to);
		Map<String, String> errors = Map.of();
		Statement statement = null;
		try {
			LedgerExport.Period period = LedgerExport.Period.of(start, to);
			statement = this.loyalty.statement(accountId, period.from(), period.to());
		}
		catch (ApiException ex) {
			errors = ex.messagesByField(this.messages);
			response.setStatus(ex.status().value());
		}
		model.addAttribute("member", member);
		model.addAttribute("memberName", member.customerId() == null ? null
				: this.names.of(List.of(member.customerId())).get(member.customerId()));
		model.addAttribute("programme", this.loyalty.programme(member.programmeCode()));
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		model.addAttribute("statement", statement);
		model.addAttribute("lines", statement == null ? List.of() : this.console
			.lines(new LedgerPage(statement.movements(), 0, Statement.LISTED, statement.movements().size())));
		return "loyalty/statement";
	}

}
