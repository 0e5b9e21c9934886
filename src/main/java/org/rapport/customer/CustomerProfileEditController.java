package org.rapport.customer;

import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.rapport.platform.web.ApiException;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Editing a customer's profile. The form carries the version it was opened on; when a
 * colleague saved first, the edit is not applied and the page says so (optimistic
 * concurrency), keeping what was typed so nothing is lost.
 */
@Controller
class CustomerProfileEditController {

	private final Customers customers;

	private final MessageSource messages;

	CustomerProfileEditController(Customers customers, MessageSource messages) {
		this.messages = messages;
		this.customers = customers;
	}

	@InitBinder("profile")
	void blanksAreNull(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
	}

	@GetMapping("/customers/{id}/edit")
	@PreAuthorize("hasAuthority('customer:write')")
	String form(@PathVariable UUID id, Model model) {
		CustomerView customer = this.customers.get(id);
		model.addAttribute("profile", ProfileForm.of(customer));
		model.addAttribute("customer", customer);
		return "customers/edit";
	}

	@PostMapping("/customers/{id}/profile")
	@PreAuthorize("hasAuthority('customer:write')")
	String save(@PathVariable UUID id, @ModelAttribute("profile") ProfileForm form, BindingResult result, Model model,
			HttpServletResponse response) {
		CustomerView customer = this.customers.get(id);
		model.addAttribute("customer", customer);
		if (result.hasErrors()) {
			return "customers/edit";
		}
		try {
			this.customers.updateProfile(id, form.getVersion(), form.toProfile(customer.kind()));
			return "redirect:/customers/" + id;
		}
		catch (ConstraintViolationException | ApiException ex) {
			if (ex instanceof ApiException api && api.status() == HttpStatus.PRECONDITION_FAILED) {
				response.setStatus(HttpStatus.CONFLICT.value());
				model.addAttribute("stale", true);
				return "customers/edit";
			}
			if (!ConsoleFieldErrors.isInputProblem(ex)) {
				throw ex;
			}
			ConsoleFieldErrors.reject(ex, result, ProfileForm::formField, this.messages);
			return "customers/edit";
		}
	}

	@ExceptionHandler(CustomerMovedException.class)
	String moved(CustomerMovedException ex) {
		return "redirect:/customers/" + ex.survivorId();
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "error";
	}

}
