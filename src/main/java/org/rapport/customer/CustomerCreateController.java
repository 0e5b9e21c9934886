package org.rapport.customer;

import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import org.rapport.platform.web.ApiException;

import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The "new customer" form. The customer is created through {@link Customers#create}; what
 * it refuses is shown next to the fields with everything typed kept, and an identity
 * another customer holds links to that customer (probably the same person).
 */
@Controller
class CustomerCreateController {

	private final Customers customers;

	private final MessageSource messages;

	CustomerCreateController(Customers customers, MessageSource messages) {
		this.messages = messages;
		this.customers = customers;
	}

	@InitBinder("customer")
	void blanksAreNull(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
	}

	@GetMapping("/customers/new")
	@PreAuthorize("hasAuthority('customer:write')")
	String form(Model model) {
		model.addAttribute("customer", new CustomerForm());
		return form(model, null);
	}

	@PostMapping("/customers")
	@PreAuthorize("hasAuthority('customer:write')")
	String create(@ModelAttribute("customer") CustomerForm form, BindingResult result, Model model) {
		// every problem at once: a value that did not convert (a birth date that is no
		// date)
		// next to what the customer memory refuses in the other fields
		NewCustomer command = form.toCommand();
		List<ApiException.FieldProblem> problems = this.customers.problemsOf(command);
		if (!problems.isEmpty()) {
			ConsoleFieldErrors.reject(ApiException.invalid(problems), result, form::formField, this.messages);
		}
		if (result.hasErrors()) {
			return form(model, null);
		}
		try {
			CustomerView created = this.customers.create(command);
			return "redirect:/customers/" + created.id();
		}
		catch (IdentityTakenException ex) {
			result.rejectValue(fieldOf(ex.identity().type()), "taken", ex.detail(this.messages));
			return form(model, ex.holderId());
		}
		catch (ConstraintViolationException | ApiException ex) {
			if (!ConsoleFieldErrors.isInputProblem(ex)) {
				throw ex;
			}
			ConsoleFieldErrors.reject(ex, result, form::formField, this.messages);
			return form(model, null);
		}
	}

	private String form(Model model, UUID holderOfTakenIdentity) {
		model.addAttribute("kinds", CustomerKind.values());
		model.addAttribute("stages", LifecycleStage.values());
		model.addAttribute("addressKinds", AddressKind.values());
		model.addAttribute("channels", ConsentChannel.values());
		model.addAttribute("purposes", ConsentPurpose.values());
		if (holderOfTakenIdentity != null) {
			try {
				model.addAttribute("holder", this.customers.get(holderOfTakenIdentity));
			}
			catch (ApiException | CustomerMovedException ex) {
				// the holder left in the meantime; the field error alone says enough
			}
		}
		return "customers/new";
	}

	private static String fieldOf(IdentityType type) {
		return switch (type) {
			case EMAIL -> "email";
			case PHONE -> "phone";
			case CARD -> "card";
			case EXTERNAL -> null;
		};
	}

}
