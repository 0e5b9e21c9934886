package org.rapport.customer;

import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problems only the customer API has: a merged customer (a read is redirected to the
 * survivor with 301, a write is refused with 409 naming it) and an identity that belongs
 * to another customer (409 with that customer's id).
 */
@RestControllerAdvice(assignableTypes = { CustomerApi.class, CustomerDetailsApi.class, CustomerNotesApi.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class CustomerApiProblems {

	static final String TYPE_BASE = "https://rapport.dev/problems/";

	private final MessageSource messages;

	CustomerApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(CustomerMovedException.class)
	ResponseEntity<ProblemDetail> moved(CustomerMovedException ex, HttpServletRequest request) {
		URI survivor = URI.create(CustomerApi.BASE + "/" + ex.survivorId());
		boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
		HttpStatus status = read ? HttpStatus.MOVED_PERMANENTLY : HttpStatus.CONFLICT;
		ProblemDetail problem = problem(status, "customer-merged", ex.text().in(this.messages));
		problem.setProperty("survivorId", ex.survivorId());
		HttpHeaders headers = new HttpHeaders();
		if (read) {
			String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
			String rest = request.getRequestURI()
				.substring(
						request.getRequestURI().indexOf(ex.mergedId().toString()) + ex.mergedId().toString().length());
			headers.setLocation(URI.create(survivor + rest + query));
		}
		return ResponseEntity.status(status).headers(headers).body(problem);
	}

	@ExceptionHandler(IdentityTakenException.class)
	ResponseEntity<ProblemDetail> taken(IdentityTakenException ex) {
		ProblemDetail problem = problem(HttpStatus.CONFLICT, ex.type(), ex.detail(this.messages));
		problem.setProperty("customerId", ex.holderId());
		problem.setProperty("identityType", ex.identity().type());
		return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
	}

	static ProblemDetail problem(HttpStatus status, String type, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(status.getReasonPhrase());
		return problem;
	}

}
