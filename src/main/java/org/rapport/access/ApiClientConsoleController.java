package org.rapport.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * API clients in the console: the list, a new client whose key is shown once (in the
 * answer to the create request only, never stored in the session), and revoking a key.
 */
@Controller
@PreAuthorize("hasAuthority('api-client:admin')")
class ApiClientConsoleController {

	private final ApiClients clients;

	private final MessageSource messages;

	ApiClientConsoleController(ApiClients clients, MessageSource messages) {
		this.messages = messages;
		this.clients = clients;
	}

	@GetMapping("/admin/api-clients")
	String list(Model model) {
		return page(model);
	}

	@PostMapping("/admin/api-clients")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) List<Scope> scopes,
			Model model, HttpServletResponse response) {
		Set<Scope> chosen = scopes == null || scopes.isEmpty() ? Set.of() : EnumSet.copyOf(scopes);
		try {
			ApiClients.CreatedClient created = this.clients.create(name, chosen, Actor.current());
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			model.addAttribute("created", created);
		}
		catch (ApiException ex) {
			model.addAttribute("problem",
					"name-taken".equals(ex.type()) ? "admin.taken.name"
							: ex.fieldProblems().stream().anyMatch((p) -> p.field().equals("scopes"))
									? "admin.invalid.scopes" : "admin.invalid.name");
			model.addAttribute("name", name);
			model.addAttribute("chosenScopes", chosen);
		}
		return page(model);
	}

	@PostMapping("/admin/api-clients/{id}/revoke")
	String revoke(@PathVariable UUID id, RedirectAttributes flash) {
		ApiClients.ApiClient revoked = this.clients.revoke(id);
		flash.addFlashAttribute("revoked", revoked.name());
		return "redirect:/admin/api-clients";
	}

	private String page(Model model) {
		model.addAttribute("clients", this.clients.all());
		model.addAttribute("scopes", Scope.values());
		return "admin/api-clients";
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, jakarta.servlet.http.HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
