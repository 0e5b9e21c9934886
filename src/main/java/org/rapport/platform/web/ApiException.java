package org.rapport.platform.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

/**
 * An expected failure that the API reports as an RFC 9457 problem: the status, a stable
 * type slug, a human-readable detail and, for bad input, one entry per offending field. A
 * detail or a field's message given as a {@link Text} is shown in the reader's language
 * (ADR 0090); {@link #getMessage()} is always the English one.
 */
public class ApiException extends RuntimeException {

	private final HttpStatus status;

	private final String type;

	private final List<FieldProblem> fieldProblems;

	private final Text detail;

	public ApiException(HttpStatus status, String type, String detail) {
		this(status, type, detail, List.of());
	}

	public ApiException(HttpStatus status, String type, String detail, List<FieldProblem> fieldProblems) {
		this(status, type, Text.of("problem." + type, detail), fieldProblems, false);
	}

	public ApiException(HttpStatus status, String type, Text detail) {
		this(status, type, detail, List.of());
	}

	public ApiException(HttpStatus status, String type, Text detail, List<FieldProblem> fieldProblems) {
		this(status, type, detail, fieldProblems, true);
	}

	private ApiException(HttpStatus status, String type, Text detail, List<FieldProblem> fieldProblems,
			boolean translated) {
		super(detail.english());
		this.status = status;
		this.type = type;
		this.detail = translated ? detail : null;
		this.fieldProblems = List.copyOf(fieldProblems);
	}

	public static ApiException notFound(String what, Object id) {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist");
	}

	public static ApiException conflict(String type, String detail) {
		return new ApiException(HttpStatus.CONFLICT, type, detail);
	}

	public static ApiException invalid(String field, String message) {
		return invalid(List.of(new FieldProblem(field, message)));
	}

	public static ApiException invalid(String field, Text message) {
		return invalid(List.of(FieldProblem.of(field, message)));
	}

	public static ApiException conflict(String type, Text detail) {
		return new ApiException(HttpStatus.CONFLICT, type, detail);
	}

	public static ApiException invalid(List<FieldProblem> problems) {
		return new ApiException(HttpStatus.BAD_REQUEST, "invalid-input", INVALID_FIELDS, problems);
	}

	/** The detail of every refusal that lists its fields. */
	public static final Text INVALID_FIELDS = Text.of("problem.invalid-input", "The request has invalid fields");

	public static ApiException staleVersion(long expected, long actual) {
		return new ApiException(HttpStatus.PRECONDITION_FAILED, "stale-version",
				Text.of("problem.stale-version",
						"The resource was changed by someone else (you sent version {0}, it is now {1}): "
								+ "reload and apply your change again",
						String.valueOf(expected), String.valueOf(actual)));
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

	/** The detail in the language of the request being served (English otherwise). */
	public String detail(MessageSource messages) {
		return (this.detail == null) ? getMessage() : this.detail.in(messages);
	}

	/** The field problems with their messages in the language of the request. */
	public List<FieldProblem> fieldProblems(MessageSource messages) {
		return this.fieldProblems.stream().map((p) -> p.in(messages)).toList();
	}

	/**
	 * The messages by field, in the order of the problems, for a form that shows each
	 * next to its field; two problems of one field are joined by a semicolon. In English.
	 */
	public Map<String, String> messagesByField() {
		return byField(this.fieldProblems);
	}

	/** The messages by field in the language of the request being served. */
	public Map<String, String> messagesByField(MessageSource messages) {
		return byField(fieldProblems(messages));
	}

	private static Map<String, String> byField(List<FieldProblem> problems) {
		Map<String, String> messages = new LinkedHashMap<>();
		problems.forEach((p) -> messages.merge(p.field(), p.message(), (a, b) -> a + "; " + b));
		return messages;
	}

	/**
	 * One invalid field: its JSON path and what is wrong with it; {@code text}, when
	 * given, is the message to translate (not part of the answer's JSON).
	 */
	public record FieldProblem(String field, String message, @JsonIgnore Text text) {

		public FieldProblem(String field, String message) {
			this(field, message, null);
		}

		public static FieldProblem of(String field, Text text) {
			return new FieldProblem(field, text.english(), text);
		}

		/** This problem with its message in the language of the request being served. */
		public FieldProblem in(MessageSource messages) {
			return (this.text == null) ? this : new FieldProblem(this.field, this.text.in(messages), this.text);
		}

	}

}
