package org.rapport.loyalty;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

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
 * The ledger audit page of a programme (ADR 0085): check every balance against its ledger
 * and lots (the result is loaded into the page), and download the ledger of a period as
 * CSV; a refused date shows the form again with the message at the field.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:admin')")
class LedgerAuditConsoleController {

	private final Loyalty loyalty;

	private final LedgerCheck check;

	private final LedgerExport export;

	private final MessageSource messages;

	LedgerAuditConsoleController(Loyalty loyalty, LedgerCheck check, LedgerExport export, MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.check = check;
		this.export = export;
	}

	@GetMapping("/loyalty/programmes/{code}/ledger")
	String page(@PathVariable String code, Model model) {
		return page(this.loyalty.programme(code), model, Map.of(), Map.of());
	}

	@GetMapping("/loyalty/programmes/{code}/ledger-check")
	String check(@PathVariable String code, Model model) {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		model.addAttribute("programme", programme);
		model.addAttribute("report", this.check.check(programme));
		return "loyalty/ledger-check :: result";
	}

	@GetMapping("/loyalty/programmes/{code}/ledger.csv")
	String download(@PathVariable String code, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Model model, HttpServletResponse response) throws IOException {
		LoyaltyProgramme programme = this.loyalty.programme(code);
		LedgerExport.Period period;
		try {
			period = LedgerExport.Period.of(from, to);
		}
		catch (ApiException ex) {
			Map<String, String> errors = ex.messagesByField(this.messages);
			Map<String, String> values = new LinkedHashMap<>();
			values.put("from", from);
			values.put("to", to);
			response.setStatus(ex.status().value());
			return page(programme, model, values, errors);
		}
		LedgerAuditApi.stream(this.export, programme, period, response);
		return null;
	}

	private static String page(LoyaltyProgramme programme, Model model, Map<String, String> values,
			Map<String, String> errors) {
		model.addAttribute("programme", programme);
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		return "loyalty/ledger";
	}

}
