package org.rapport.platform.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.UnstorableValue;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refusal that a console page does not handle itself (an unknown programme, customer or
 * reward in the address, a conflict) is shown as the console's error page with its own
 * status, not as a server error. Ordered after the REST API's advice, which answers the
 * same exceptions with problem details for the API's controllers; a page's own handler
 * comes first anyway. An htmx request gets the message alone, for the element it asked to
 * fill.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ConsoleProblems {

	private final MessageSource messages;

	ConsoleProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(ApiException.class)
	String refused(ApiException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		response.setStatus(ex.status().value());
		model.addAttribute("status", ex.status().value());
		model.addAttribute("detail", ex.detail(this.messages));
		return "true".equals(request.getHeader("HX-Request")) ? "fragments/problem :: problem" : "error";
	}

	/**
	 * A value the database refused (a text with the NUL character, a date beyond the
	 * years stored) is the request's fault and a 400; any other database failure stays a
	 * server error.
	 */
	@ExceptionHandler(DataAccessException.class)
	String database(DataAccessException ex, Model model, HttpServletRequest request, HttpServletResponse response) {
		String detail = UnstorableValue.of(ex).orElseThrow(() -> ex);
		return refused(new ApiException(HttpStatus.BAD_REQUEST, "unstorable-value", detail), model, request, response);
	}

}
