package org.rapport.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers any path under /api that no endpoint serves with a 404 problem document, like
 * every API error.
 */
@Hidden
@RestController
class UnknownApiPath {

	@RequestMapping("/api/**")
	void unknown(HttpServletRequest request) {
		throw new ApiException(org.springframework.http.HttpStatus.NOT_FOUND, "not-found",
				"No API endpoint at " + request.getRequestURI());
	}

}
