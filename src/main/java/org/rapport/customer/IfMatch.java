package org.rapport.customer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;

/** Reads the version a client based its change on from an {@code If-Match} header. */
final class IfMatch {

	private static final Pattern TAG = Pattern.compile("^(?:W/)?\"?([0-9]{1,18})\"?$");

	private IfMatch() {
	}

	/**
	 * @throws ApiException 428 when the header is missing, 400 when it is not one of our
	 * entity tags
	 */
	static long version(String header) {
		if (header == null || header.isBlank()) {
			throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", Text.of(
					"customer.if-match.required",
					"Send If-Match with the ETag of the customer you changed, so nobody's change is overwritten"));
		}
		Matcher matcher = TAG.matcher(header.strip());
		if (!matcher.matches()) {
			throw ApiException.invalid("If-Match",
					Text.of("customer.if-match.format", "must be the ETag of the customer, e.g. \"3\""));
		}
		return Long.parseLong(matcher.group(1));
	}

}
