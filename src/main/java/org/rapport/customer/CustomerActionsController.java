package org.rapport.customer;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.rapport.customer.CustomerView.ConsentView;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The changes a staff member makes on the customer page: identities, consents (in place
 * with htmx), tags, lifecycle stage and the assigned staff member. Each goes through
 * {@link Customers} and comes back to the section it changed; a refusal is shown there.
 */
@Controller
@PreAuthorize("hasAuthority('customer:write')")
class CustomerActionsController {

	/**
	 * What went wrong with an action, shown in its section of the customer page; for an
	 * identity another customer holds, that identity and its holder.
	 */
	record Problem(String section, String key, String detail, String identity, UUID holderId, String holderName) {

		Problem(String section, String key, String detail) {
			this(section, key, detail, null, null, null);
		}

	}

	/** An identity as it was typed, given back to the form when it is refused. */
	record IdentityInput(IdentityType type, String value, String source) {
	}

	private final Customers customers;

	private final MessageSource messages;

	CustomerActionsController(Customers customers, MessageSource messages) {
		this.messages = messages;
		this.customers = customers;
	}

	@PostMapping("/customers/{id}/identities")
	String addIdentity(@PathVariable UUID id, @RequestParam IdentityType type,
			@RequestParam(required = false) String source, @RequestParam(defaultValue = "") String value,
			RedirectAttributes flash) {
		try {
			if (value.isBlank()) {
				throw ApiException.invalid("value", Identity.BLANK);
			}
			this.customers.addIdentity(id, new NewIdentity(type, blankToNull(source), value.strip(), false));
			return back(id, "identities");
		}
		catch (IdentityTakenException ex) {
			String holder = holderName(ex.holderId());
			flash.addFlashAttribute("problem", new Problem("identities", "customer.identityTakenBy",
					ex.detail(this.messages), ex.identity().value(), ex.holderId(), holder));
		}
		catch (ConstraintViolationException | ApiException ex) {
			refuse(ex, "identities", "identity.invalid", flash);
		}
		flash.addFlashAttribute("identityInput", new IdentityInput(type, value, (source == null) ? "" : source));
		return back(id, "identities");
	}

	@PostMapping("/customers/{id}/identities/{identityId}/remove")
	String removeIdentity(@PathVariable UUID id, @PathVariable UUID identityId) {
		this.customers.removeIdentity(id, identityId);
		return back(id, "identities");
	}

	@PostMapping("/customers/{id}/consents")
	String setConsent(@PathVariable UUID id, @RequestParam ConsentChannel channel, @RequestParam ConsentPurpose purpose,
			@RequestParam boolean granted, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		ConsentView consent = this.customers.setConsent(id,
				new ConsentChange(channel, purpose, granted, CustomerForm.CONSENT_SOURCE, null));
		if (htmx == null) {
			return back(id, "consents");
		}
		model.addAttribute("customerId", id);
		model.addAttribute("ch", channel);
		model.addAttribute("p", purpose);
		model.addAttribute("cell",
				new CustomerConsoleProfile.ConsentCell(consent.granted(), consent.changedAt(), consent.source()));
		model.addAttribute("editable", true);
		return "customers/consent :: cell";
	}

	@PostMapping("/customers/{id}/tags")
	String addTag(@PathVariable UUID id, @RequestParam(defaultValue = "") String tag, RedirectAttributes flash) {
		try {
			this.customers.addTags(id, List.of(tag));
		}
		catch (ApiException ex) {
			refuse(ex, "manage", "tag.invalid", flash);
			flash.addFlashAttribute("tagInput", tag);
		}
		return back(id, "manage");
	}

	@PostMapping("/customers/{id}/tags/remove")
	String removeTag(@PathVariable UUID id, @RequestParam String tag) {
		this.customers.removeTag(id, tag);
		return back(id, "manage");
	}

	@PostMapping("/customers/{id}/stage")
	String changeStage(@PathVariable UUID id, @RequestParam LifecycleStage stage) {
		this.customers.changeStage(id, stage);
		return back(id, "manage");
	}

	@PostMapping("/customers/{id}/assign")
	String assign(@PathVariable UUID id, @RequestParam(required = false) UUID staff, RedirectAttributes flash) {
		try {
			this.customers.assign(id, staff);
		}
		catch (ApiException ex) {
			refuse(ex, "manage", "assign.invalid", flash);
		}
		return back(id, "manage");
	}

	private void refuse(RuntimeException ex, String section, String key, RedirectAttributes flash) {
		if (!ConsoleFieldErrors.isInputProblem(ex)) {
			throw ex;
		}
		String detail = ex.getMessage();
		if (ex instanceof ConstraintViolationException violations) {
			detail = violations.getConstraintViolations()
				.stream()
				.map((v) -> ConsoleFieldErrors.domainField(v.getPropertyPath().toString()) + ": " + v.getMessage())
				.sorted()
				.collect(Collectors.joining("; "));
		}
		if (ex instanceof ApiException api) {
			detail = api.fieldProblems().isEmpty() ? api.detail(this.messages)
					: api.fieldProblems(this.messages).get(0).message();
		}
		flash.addFlashAttribute("problem", new Problem(section, key, detail));
	}

	private String holderName(UUID holderId) {
		try {
			return this.customers.get(holderId).displayName();
		}
		catch (ApiException | CustomerMovedException ex) {
			return null;
		}
	}

	private static String back(UUID id, String section) {
		return "redirect:/customers/" + id + "#" + section;
	}

	private static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.strip();
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
