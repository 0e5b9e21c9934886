package org.rapport.loyalty;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;

/**
 * The refusal for something asked for that does not exist, said in the reader's language
 * (ADR 0090): the text names what was asked for and its id.
 */
final class NotFound {

	private NotFound() {
	}

	static ApiException of(Text text) {
		return new ApiException(HttpStatus.NOT_FOUND, "not-found", text);
	}

}
