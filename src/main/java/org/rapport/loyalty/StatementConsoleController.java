package org.rapport.loyalty;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.customer.Customers;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Languages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;

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

	private final Customers customers;

	/**
	 * Thymeleaf's view resolver, present when the application serves the web (not in a
	 * command).
	 */
	private final ObjectProvider<ViewResolver> views;

	StatementConsoleController(Loyalty loyalty, LoyaltyConsole console, MemberNames names, java.time.Clock clock,
			MessageSource messages, Customers customers,
			@Qualifier("thymeleafViewResolver") ObjectProvider<ViewResolver> views) {
		this.customers = customers;
		this.views = views;
		this.messages = messages;
		this.loyalty = loyalty;
		this.console = console;
		this.names = names;
		this.clock = clock;
	}

	@GetMapping("/loyalty/members/{accountId}/statement")
	String statement(@PathVariable UUID accountId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model, HttpServletResponse response) {
		fill(accountId, from, to, model, response);
		MemberSummary member = (MemberSummary) model.getAttribute("member");
		model.addAttribute("languages", Languages.ALL);
		model.addAttribute("memberLanguage", memberLanguage(member).orElse(LocaleContextHolder.getLocale()));
		return "loyalty/statement";
	}

	/**
	 * The statement as a document for the member, in the language chosen for it (the
	 * member's preferred one unless staff chose another; else the page's), whatever the
	 * language of the staff member's own pages: headings, kinds, numbers and the engine's
	 * reasons. Printed from the browser.
	 */
	@GetMapping("/loyalty/members/{accountId}/statement/document")
	ModelAndView document(@PathVariable UUID accountId, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String language, Model model,
			HttpServletResponse response) throws Exception {
		fill(accountId, from, to, model, response);
		MemberSummary member = (MemberSummary) model.getAttribute("member");
		Locale shown = Languages.of(language).or(() -> memberLanguage(member)).orElse(LocaleContextHolder.getLocale());
		View view = this.views.getObject().resolveViewName("loyalty/statement-document", shown);
		return new ModelAndView(view, model.asMap());
	}

	/** The member's preferred language, when it is one Rapport writes in. */
	private Optional<Locale> memberLanguage(MemberSummary member) {
		if (member.customerId() == null) {
			return Optional.empty();
		}
		return Languages.of(this.customers.get(member.customerId()).preferredLanguage());
	}

	private void fill(UUID accountId, String from, String to, Model model, HttpServletResponse response) {
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
	}

}
