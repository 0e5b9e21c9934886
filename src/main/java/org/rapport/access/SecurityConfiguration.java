package org.rapport.access;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Two doors. The API ({@code /api/**}) is stateless: an API key or HTTP Basic on every
 * request, no session and so no CSRF exposure. The console uses form login with a session
 * and CSRF protection. Which operation a caller may run is decided per endpoint with
 * {@code @PreAuthorize} on permissions. Staff passwords use the delegating encoder
 * (bcrypt today, upgraded on sign-in if the default changes); see
 * docs/adr/0004-authentication.md.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	static final String PROBLEM_401 = "{\"type\":\"https://rapport.dev/problems/unauthenticated\","
			+ "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Authenticate with an API key (X-API-Key) "
			+ "or HTTP Basic\"}";

	static final String PROBLEM_403 = "{\"type\":\"https://rapport.dev/problems/forbidden\","
			+ "\"title\":\"Forbidden\",\"status\":403,\"detail\":\"Your role does not allow this operation\"}";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	@Order(1)
	@ConditionalOnWebApplication
	SecurityFilterChain api(HttpSecurity http, ApiClients clients) throws Exception {
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			response.setStatus(HttpStatus.UNAUTHORIZED.value());
			response.setHeader("WWW-Authenticate", "ApiKey, Basic realm=\"Rapport\"");
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(PROBLEM_401);
		};
		AccessDeniedHandler denied = (request, response, ex) -> {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(PROBLEM_403);
		};
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((auth) -> auth.anyRequest().authenticated())
			.sessionManagement((s) -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.securityContext((c) -> c.requireExplicitSave(true))
			.csrf((csrf) -> csrf.disable())
			.httpBasic((basic) -> basic.authenticationEntryPoint(entryPoint))
			.addFilterBefore(new ApiKeyAuthenticationFilter(clients, entryPoint), BasicAuthenticationFilter.class)
			.exceptionHandling((e) -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
			.requestCache((cache) -> cache.disable())
			// every API call must authenticate: no anonymous token to build per call, a
			// call without credentials is refused by the entry point as before (ADR 0035)
			.anonymous((anonymous) -> anonymous.disable())
			.logout((logout) -> logout.disable())
			.formLogin((form) -> form.disable());
		return http.build();
	}

	/**
	 * No observation per security filter, authentication and authorisation: on a
	 * one-statement API call they cost as much as the call itself, and the HTTP server
	 * observation ({@code http.server.requests}) already times every request.
	 */
	/**
	 * An address the firewall refuses (an encoded slash or percent sign, a semicolon) is
	 * a 400 problem on the API like any other refusal, and the console's error page
	 * elsewhere.
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, rejected) -> {
			if (!request.getRequestURI().startsWith("/api/")) {
				response.sendError(HttpStatus.BAD_REQUEST.value());
				return;
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"https://rapport.dev/problems/rejected-address\",\"title\":\"Bad Request\","
						+ "\"status\":400,\"detail\":\"The address holds a character the server refuses "
						+ "(an encoded slash or percent sign, a semicolon, a NUL)\"}");
		};
	}

	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Open console sessions, so that deactivating a staff member ends theirs. */
	@Bean
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	/** Tells the session registry when a session ends (time-out, sign-out). */
	@Bean
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	@Bean
	@Order(2)
	@ConditionalOnWebApplication
	SecurityFilterChain console(HttpSecurity http, SessionRegistry sessions) throws Exception {
		http.authorizeHttpRequests((auth) -> auth
			.requestMatchers("/login", "/error", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico",
					"/actuator/health", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
			.permitAll()
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.logout((logout) -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
			.sessionManagement((s) -> s.maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/login?expired"))
			.headers((headers) -> headers.frameOptions((f) -> f.deny()));
		return http.build();
	}

}
