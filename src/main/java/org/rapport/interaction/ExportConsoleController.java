package org.rapport.interaction;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The export screen: choose a period, kinds and a format, and download the interactions
 * (ADR 0084). Refused input shows the form again with a message at each field.
 */
@Controller
class ExportConsoleController {

	private final InteractionExport export;

	private final MessageSource messages;

	ExportConsoleController(InteractionExport export, MessageSource messages) {
		this.messages = messages;
		this.export = export;
	}

	@GetMapping("/exports")
	@PreAuthorize("hasAuthority('interaction:export')")
	String form(Model model) {
		return page(model, Map.of(), Map.of());
	}

	@GetMapping("/exports/interactions")
	@PreAuthorize("hasAuthority('interaction:export')")
	String download(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) List<String> kind, @RequestParam(required = false) String source,
			@RequestParam(required = false) String format, Model model, HttpServletResponse response)
			throws IOException {
		InteractionExport.Request request;
		try {
			request = InteractionExport.request(from, to, kind, source, null, format);
		}
		catch (ApiException ex) {
			Map<String, String> errors = ex.messagesByField(this.messages);
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("from", from);
			values.put("to", to);
			values.put("kind", kind == null ? List.of() : kind);
			values.put("source", source);
			values.put("format", format);
			response.setStatus(ex.status().value());
			return page(model, values, errors);
		}
		InteractionExportApi.stream(this.export, request, response);
		return null;
	}

	private static String page(Model model, Map<String, Object> values, Map<String, String> errors) {
		model.addAttribute("kinds", Arrays.asList(InteractionKind.values()));
		model.addAttribute("formats", Arrays.asList(InteractionExport.Format.values()));
		model.addAttribute("values", values);
		model.addAttribute("errors", errors);
		return "interaction/export";
	}

}
