package org.rapport.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * An expected failure that the API reports as an RFC 9457 problem: the status, a stable
 * type slug, a human-readable detail and, for bad input, one entry per offending field.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final List<FieldProblem> fieldProblems;

	public ApiException(HttpStatus status, String type, String detail) {
		this(status, type, detail, List.of());
	}

	public ApiException(HttpStatus status, String type, String detail, List<FieldProblem> fieldProblems) {
		super(detail);
		this.status = status;
		this.type = type;
		this.fieldProblems = List.copyOf(fieldProblems);
	}

	public static ApiException notFound(String what, Object id) {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
	}

	public static ApiException conflict(String type, String detail) {
		return new ApiException(HttpStatus.CONFLICT, type, detail);
	}

	public static ApiException invalid(String field, String message) {
		return new ApiException(HttpStatus.BAD_REQUEST, "invalid-input", "The request has invalid fields",
				List.of(new FieldProblem(field, message)));
	}

	public static ApiException invalid(List<FieldProblem> problems) {
		return new ApiException(HttpStatus.BAD_REQUEST, "invalid-input", "The request has invalid fields", problems);
	}

	public static ApiException staleVersion(long expected, long actual) {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, "stale-version",
				"The resource was changed by someone " + "else (you sent version " + expected + ", it is now " + actual
						+ "): reload and apply your change again");
	}

	public HttpStatus status() {
		return this.status;
	}

	public String type() {
		return this.type;
	}

	public List<FieldProblem> fieldProblems() {
		return this.fieldProblems;
	}

	/**
	 * The messages by field, in the order of the problems, for a form that shows each
	 * next to its field; two problems of one field are joined by a semicolon.
	 */
	public java.util.Map<String, String> messagesByField() {
		java.util.Map<String, String> messages = new java.util.LinkedHashMap<>();
		this.fieldProblems.forEach((p) -> messages.merge(p.field(), p.message(), (a, b) -> a + "; " + b));
		return messages;
	}

	/** One invalid field: its JSON path and what is wrong with it. */
	public record FieldProblem(String field, String message) {
	}

}
