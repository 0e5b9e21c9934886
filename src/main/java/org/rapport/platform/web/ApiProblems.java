package org.rapport.platform.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the REST API into an RFC 9457 problem detail; invalid input lists
 * each field with its message under {@code errors}. Ordered before the console's advice
 * ({@code ConsoleProblems}), which shows the same exceptions as pages.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	static final String TYPE_BASE = "https://rapport.dev/problems/";

	static final Text INVALID_PARAMETERS = Text.of("problem.invalid-parameters", "The request has invalid parameters");

	static final Text BODY_MISSING = Text.of("problem.body-missing", "The request body is missing");

	static final Text FORBIDDEN = Text.of("problem.forbidden", "Your role does not allow this operation");

	static final Text UNAUTHENTICATED = Text.of("problem.unauthenticated", "Authentication is required");

	static final Text INTERNAL = Text.of("problem.internal-error",
			"Something went wrong on our side; nothing was changed");

	private final PermissionFirst permissions;

	ApiProblems(PermissionFirst permissions) {
		this.permissions = permissions;
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Object> api(ApiException ex) {
		return ResponseEntity.status(ex.status())
			.body(problem(ex.status(), ex.type(), ex.detail(getMessageSource()), ex.fieldProblems(getMessageSource())));
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> constraint(ConstraintViolationException ex, WebRequest request) {
		if (!this.permissions.permitted(request)) {
			return forbidden();
		}
		List<ApiException.FieldProblem> fields = ex.getConstraintViolations()
			.stream()
			.map((v) -> new ApiException.FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
			.toList();
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "invalid-input", ApiException.INVALID_FIELDS.in(getMessageSource()),
					fields));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<Object> denied(AccessDeniedException ex) {
		return forbidden();
	}

	/**
	 * Any other refusal of the request before its endpoint runs (a missing parameter or
	 * header, an unsupported media type): 403 when the caller lacks the endpoint's
	 * permission.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is4xxClientError() && statusCode.value() != 404 && !this.permissions.permitted(request)) {
			return forbidden();
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	private ResponseEntity<Object> forbidden() {
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.body(problem(HttpStatus.FORBIDDEN, "forbidden", FORBIDDEN.in(getMessageSource()), List.of()));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
			.body(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", UNAUTHENTICATED.in(getMessageSource()),
					List.of()));
	}

	@ExceptionHandler(DataAccessException.class)
	ResponseEntity<Object> database(DataAccessException ex) {
		return UnstorableValue.of(ex)
			.map((detail) -> ResponseEntity.badRequest()
				.<Object>body(problem(HttpStatus.BAD_REQUEST, "unstorable-value", detail, List.of())))
			.orElseGet(() -> unexpected(ex));
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unexpected error in API call", ex);
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", INTERNAL.in(getMessageSource()),
					List.of()));
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!this.permissions.permitted(request)) {
			return forbidden();
		}
		List<ApiException.FieldProblem> fields = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((e) -> new ApiException.FieldProblem(e.getField(), message(e)))
			.toList();
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "invalid-input", ApiException.INVALID_FIELDS.in(getMessageSource()),
					fields));
	}

	/**
	 * A field's message; a value that does not convert to the field's type names the
	 * value and, for a fixed set of values, the allowed ones (not the converter's text).
	 */
	String message(FieldError error) {
		if (!error.contains(TypeMismatchException.class)) {
			return error.getDefaultMessage();
		}
		return mismatch(error.unwrap(TypeMismatchException.class), error.getRejectedValue());
	}

	/**
	 * A parameter that does not convert to its type ({@code asOf=yesterday}) is named
	 * with what it should be, like a body's field.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (!this.permissions.permitted(request)) {
			return forbidden();
		}
		String field = (ex.getPropertyName() == null) ? "parameter" : ex.getPropertyName();
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "invalid-input", INVALID_PARAMETERS.in(getMessageSource()),
					List.of(new ApiException.FieldProblem(field, mismatch(ex, ex.getValue())))));
	}

	private String mismatch(TypeMismatchException mismatch, Object rejected) {
		if (mismatch.getMostSpecificCause() instanceof IllegalArgumentException refused
				&& StorableValues.YEAR_MESSAGE.equals(refused.getMessage())) {
			return StorableValues.YEAR.in(getMessageSource());
		}
		Class<?> type = mismatch.getRequiredType();
		String value = "'" + ((rejected instanceof Object[] values)
				? String.join(", ", Arrays.stream(values).map(String::valueOf).toList()) : String.valueOf(rejected))
				+ "'";
		if (type != null && type.isEnum()) {
			return value + " is not one of "
					+ Arrays.stream(type.getEnumConstants())
						.map((c) -> ((Enum<?>) c).name())
						.collect(Collectors.joining(", "));
		}
		return value + " is not a valid " + ((type == null) ? "value" : switch (type.getSimpleName()) {
			case "Integer", "int", "Long", "long" -> "whole number";
			case "BigDecimal", "Double", "double" -> "number";
			case "YearMonth" -> "month (yyyy-MM)";
			case "LocalDate" -> "date (yyyy-MM-dd)";
			case "Instant" -> "date-time such as 2026-01-31T10:00:00Z (years 1 to 9999)";
			case "UUID" -> "id";
			default -> "value";
		});
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!this.permissions.permitted(request)) {
			return forbidden();
		}
		List<ApiException.FieldProblem> fields = ex.getParameterValidationResults()
			.stream()
			.flatMap((r) -> r.getResolvableErrors()
				.stream()
				.map((e) -> new ApiException.FieldProblem(r.getMethodParameter().getParameterName(),
						e.getDefaultMessage())))
			.toList();
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "invalid-input", INVALID_PARAMETERS.in(getMessageSource()), fields));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!this.permissions.permitted(request)) {
			return forbidden();
		}
		String detail = (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing"))
				? BODY_MISSING.in(getMessageSource())
				: Text
					.of("problem.body-not-json", "The request body is not valid JSON for this operation: {0}",
							readable(rootMessage(ex)))
					.in(getMessageSource());
		return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-body", detail, field(ex)));
	}

	/**
	 * The field a body's value was refused in, with the reason, when the reader knows
	 * where it was ({@code lines[2].sku}); none for JSON that does not parse at all.
	 */
	private static List<ApiException.FieldProblem> field(HttpMessageNotReadableException ex) {
		for (Throwable t = ex; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof DatabindException refused && !refused.getPath().isEmpty()) {
				StringBuilder path = new StringBuilder();
				for (JacksonException.Reference step : refused.getPath()) {
					if (step.getPropertyName() != null) {
						path.append(path.isEmpty() ? "" : ".").append(step.getPropertyName());
					}
					else if (step.getIndex() >= 0) {
						path.append('[').append(step.getIndex()).append(']');
					}
				}
				return List.of(new ApiException.FieldProblem(path.toString(), readable(refused.getOriginalMessage())));
			}
		}
		return List.of();
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail detail && detail.getType() != null
				&& "about:blank".equals(detail.getType().toString())) {
			detail.setType(URI.create(TYPE_BASE + "http-" + statusCode.value()));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	static ProblemDetail problem(HttpStatus status, String type, String detail,
			List<ApiException.FieldProblem> fields) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_BASE + type));
		problem.setTitle(status.getReasonPhrase());
		if (!fields.isEmpty()) {
			problem.setProperty("errors", fields);
		}
		return problem;
	}

	private static String lastNode(String path) {
		// an element of a list is named by its list and index ("identities[0]"), not by
		// the validator's "<list element>"
		path = path.replaceAll("\\.<[^>]*>", "");
		int dot = path.lastIndexOf('.');
		return dot < 0 ? path : path.substring(dot + 1);
	}

	private static final java.util.regex.Pattern QUALIFIED = java.util.regex.Pattern
		.compile("(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*)(?:\\$(\\w+))?");

	private static final java.util.regex.Pattern HINT = java.util.regex.Pattern
		.compile("\\s*\\((?:[^()]*(?:Feature|reference chain)[^()]*)\\)");

	/**
	 * A reader's message as a caller reads it: types by their simple name, not our
	 * packages and classes, and without the mapper's advice on its own settings.
	 */
	static String readable(String message) {
		String plain = HINT.matcher(message).replaceAll("");
		return QUALIFIED.matcher(plain)
			.replaceAll(
					(m) -> java.util.regex.Matcher.quoteReplacement((m.group(2) != null) ? m.group(2) : m.group(1)));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

}
