package org.rapport.platform.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies above a limit with 413 before they are read. Bulk endpoints
 * that need more name a larger limit under {@code rapport.api.bulk-paths}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final long bulkMaxBytes;

	private final String[] bulkPaths;

	RequestSizeLimit(@Value("${rapport.api.max-request-bytes:1048576}") long maxBytes,
			@Value("${rapport.api.bulk-max-request-bytes:52428800}") long bulkMaxBytes,
			@Value("${rapport.api.bulk-paths:}") String[] bulkPaths) {
		this.maxBytes = maxBytes;
		this.bulkMaxBytes = bulkMaxBytes;
		this.bulkPaths = bulkPaths;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long limit = isBulk(request.getRequestURI()) ? this.bulkMaxBytes : this.maxBytes;
		if (request.getContentLengthLong() > limit) {
			response.setStatus(413);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"" + ApiProblems.TYPE_BASE + "too-large\",\"title\":\"Content Too Large\","
						+ "\"status\":413,\"detail\":\"The request body is larger than " + limit + " bytes\"}");
			return;
		}
		chain.doFilter(request, response);
	}

	private boolean isBulk(String uri) {
		for (String path : this.bulkPaths) {
			if (!path.isBlank() && uri.startsWith(path)) {
				return true;
			}
		}
		return false;
	}

}
