package org.rapport.customer;

import java.util.function.Function;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;

/**
 * Puts what the customer memory refused next to the form fields it concerns. The code of
 * each error is {@code invalid}, so a bundle entry {@code invalid.<field>} (e.g.
 * {@code invalid.birthDate}) gives the translated text and the domain's own message is
 * the fallback. Problems no field of the form shows become errors of the whole form.
 */
final class ConsoleFieldErrors {

	private ConsoleFieldErrors() {
	}

	/**
	 * @param formField the form field that shows a domain field (e.g.
	 * {@code identities[1].value} → {@code phone}), or null when none does
	 * @param messages the bundles that give the domain's messages in the reader's
	 * language
	 */
	static void reject(RuntimeException ex, BindingResult result, Function<String, String> formField,
			MessageSource messages) {
		if (ex instanceof ConstraintViolationException violations) {
			for (ConstraintViolation<?> v : violations.getConstraintViolations()) {
				add(result, formField.apply(domainField(v.getPropertyPath().toString())), v.getMessage());
			}
		}
		else if (ex instanceof ApiException api && !api.fieldProblems().isEmpty()) {
			api.fieldProblems(messages).forEach((p) -> add(result, formField.apply(p.field()), p.message()));
		}
		else if (ex instanceof ApiException api) {
			result.reject("invalid", api.detail(messages));
		}
		else {
			result.reject("invalid", ex.getMessage());
		}
	}

	/** Whether the exception is a refusal of the input, to be shown on the form. */
	static boolean isInputProblem(RuntimeException ex) {
		return ex instanceof ConstraintViolationException
				|| (ex instanceof ApiException api && api.status().value() == 400);
	}

	/** {@code create.command.identities[0].value} → {@code identities[0].value}. */
	static String domainField(String propertyPath) {
		String[] nodes = propertyPath.split("\\.", 3);
		return nodes.length == 3 ? nodes[2] : nodes[nodes.length - 1];
	}

	private static void add(BindingResult result, String field, String message) {
		if (field == null) {
			result.reject("invalid", message);
		}
		else if (!result.hasFieldErrors(field)) {
			result.rejectValue(field, "invalid", message);
		}
	}

}
