package org.rapport.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API calls that carry {@code X-API-Key: rk_...} or
 * {@code Authorization: ApiKey rk_...}. A present but wrong key is refused at once with
 * 401; no key lets the next mechanism (HTTP Basic) try.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	private final ApiClients clients;

	private final AuthenticationEntryPoint entryPoint;

	ApiKeyAuthenticationFilter(ApiClients clients, AuthenticationEntryPoint entryPoint) {
		this.clients = clients;
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		String authorization = request.getHeader("Authorization");
		if (key == null && authorization != null && authorization.regionMatches(true, 0, "ApiKey ", 0, 7)) {
			key = authorization.substring(7).trim();
		}
		if (key == null) {
			chain.doFilter(request, response);
			return;
		}
		RapportPrincipal principal = this.clients.authenticate(key).orElse(null);
		if (principal == null) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Unknown or revoked API key"));
			return;
		}
		var auth = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
		var context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(auth);
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
