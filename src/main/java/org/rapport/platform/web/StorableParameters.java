package org.rapport.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose query or form parameters hold the NUL character, before any
 * handler sees it ({@link StorableValues}): the API answers a 400 problem naming the
 * parameter, the console its error page. Runs after sign-in, so an anonymous caller still
 * gets 401. Multipart uploads are left to their readers, which refuse such rows one by
 * one.
 */
@Component
class StorableParameters extends OncePerRequestFilter {

	private final JsonMapper json;

	StorableParameters(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String contentType = request.getContentType();
		if (contentType == null || !contentType.toLowerCase().startsWith("multipart/")) {
			for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
				if (!storable(parameter)) {
					refuse(request, response, parameter.getKey());
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	private static boolean storable(Map.Entry<String, String[]> parameter) {
		if (!StorableValues.storable(parameter.getKey())) {
			return false;
		}
		for (String value : parameter.getValue()) {
			if (!StorableValues.storable(value)) {
				return false;
			}
		}
		return true;
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String parameter) throws IOException {
		String name = parameter.replace("\u0000", "\\0");
		if (!request.getRequestURI().startsWith("/api/")) {
			response.sendError(HttpStatus.BAD_REQUEST.value(),
					"The parameter " + name + " " + StorableValues.NUL_MESSAGE);
			return;
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(),
				ApiProblems.problem(HttpStatus.BAD_REQUEST, "invalid-input", "The request has invalid parameters",
						List.of(new ApiException.FieldProblem(name, StorableValues.NUL_MESSAGE))));
	}

}
