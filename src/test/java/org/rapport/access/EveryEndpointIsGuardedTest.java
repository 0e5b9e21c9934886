package org.rapport.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Every endpoint of the application, found by walking the MVC mappings rather than listed
 * by hand, so that an endpoint added later without a role check fails here: each one
 * checks a permission ({@code @PreAuthorize} on the method or its class) or is named
 * below as open to any signed-in staff member, with the reason; and without credentials
 * none of them does anything. A malformed body on any API endpoint that reads one is a
 * 400 problem.
 */
@IntegrationTest
class EveryEndpointIsGuardedTest {

	/**
	 * Endpoints any signed-in staff member may use: what they show is the member's own,
	 * or a page whose every part is loaded from endpoints that check their own
	 * permission.
	 */
	static final Map<String, String> OPEN_TO_ANY_SIGNED_IN_STAFF = Map.of("GET /",
			"the start page, where signing in leads: the customers by stage as counts only; each module's card "
					+ "is shown only to holders of its authority",
			"GET /api/**", "a path no endpoint serves: a 404 problem, after authentication like every API call");

	/** Endpoints that must answer before anyone has signed in. */
	static final Set<String> PUBLIC = Set.of("GET /login");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	StaffDirectory staff;

	@Test
	void everyEndpointChecksAPermissionOrIsNamedAsOpenToAnySignedInStaff() {
		Map<String, Boolean> endpoints = endpoints();

		assertThat(endpoints).hasSizeGreaterThan(150).containsKeys(PUBLIC.toArray(String[]::new));
		Set<String> unchecked = new TreeSet<>();
		endpoints.forEach((name, checked) -> {
			if (!checked && !PUBLIC.contains(name)) {
				unchecked.add(name);
			}
		});
		assertThat(unchecked).containsExactlyInAnyOrderElementsOf(OPEN_TO_ANY_SIGNED_IN_STAFF.keySet());
	}

	@Test
	void withoutCredentialsTheApiAnswers401AndTheConsoleSendsToTheSignInPageWhichAloneAnswers() throws Exception {
		List<String> wrong = new ArrayList<>();
		for (String name : endpoints().keySet()) {
			String method = name.substring(0, name.indexOf(' '));
			String path = name.substring(name.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
			MockHttpServletResponse response = this.mvc
				.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
					.request(HttpMethod.valueOf(method), path)
					.with(csrf()))
				.getResponse();
			boolean refused = path.startsWith("/api/") ? response.getStatus() == 401
					: response.getStatus() == 302 && String.valueOf(response.getRedirectedUrl()).endsWith("/login");
			if (PUBLIC.contains(name) ? response.getStatus() != 200 : !refused) {
				wrong.add(name + " → " + response.getStatus());
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void aMalformedBodyOnAnyApiEndpointThatReadsOneIsA400Problem() throws Exception {
		StaffMember admin = StaffFixture.create(this.staff, Role.ADMIN);
		List<String> bodies = bodyEndpoints();
		assertThat(bodies).hasSizeGreaterThan(20).contains("POST /api/v1/interactions");
		List<String> wrong = new ArrayList<>();
		for (String name : bodies) {
			MockHttpServletResponse response = malformedBody(name, StaffFixture.as(admin));
			if (response.getStatus() != 400 || !String.valueOf(response.getContentType())
				.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
				wrong.add(name + " → " + response.getStatus() + " " + response.getContentType());
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void aCallerWithoutThePermissionIsRefused403WhateverTheBody() throws Exception {
		List<String> bodies = bodyEndpoints().stream().filter((name) -> !OPEN_TO_ANY_SIGNED_IN.contains(name)).toList();
		assertThat(bodies).hasSizeGreaterThan(20).contains("POST /api/v1/interactions");
		List<String> wrong = new ArrayList<>();
		for (String name : bodies) {
			MockHttpServletResponse response = malformedBody(name, user("no-permission").authorities(List.of()));
			if (response.getStatus() != 403 || !response.getContentAsString().contains("/problems/forbidden")) {
				wrong.add(name + " → " + response.getStatus() + " " + response.getContentAsString());
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void aWellFormedButInvalidBodyOrParameterIsAlso403ForACallerWithoutThePermission() throws Exception {
		var reader = user("reader-only").authorities(() -> "customer:read");
		assertThat(this.mvc.post()
			.uri("/api/v1/customers")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"PERSON\",\"givenName\":\"Ana\",\"birthDate\":\"2999-01-01\"}")
			.with(reader)
			.with(csrf())).hasStatus(403).bodyText().contains("/problems/forbidden").doesNotContain("birthDate");
		var loyaltyReader = user("loyalty-reader").authorities(() -> "loyalty:read");
		assertThat(this.mvc.get().uri("/api/v1/customers").param("page", "first").with(loyaltyReader)).hasStatus(403)
			.bodyText()
			.contains("/problems/forbidden");
		assertThat(this.mvc.get().uri("/api/v1/customers").param("page", "first").with(reader)).hasStatus(400)
			.bodyText()
			.contains("page");
		assertThat(this.mvc.post()
			.uri("/api/v1/customers")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"kind\":\"PERSON\",\"givenName\":\"Ana\",\"birthDate\":\"2999-01-01\"}")
			.with(user("writer").authorities(() -> "customer:write"))
			.with(csrf())).hasStatus(400).bodyText().contains("birthDate");
	}

	/**
	 * API endpoints that read a body and are open to anyone signed in: a staff member's
	 * own password.
	 */
	static final Set<String> OPEN_TO_ANY_SIGNED_IN = Set.of("POST /api/v1/me/password");

	/** Sends "METHOD /path" a body that is not JSON, as the given caller. */
	private MockHttpServletResponse malformedBody(String name, RequestPostProcessor caller) throws Exception {
		String method = name.substring(0, name.indexOf(' '));
		String path = name.substring(name.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
		return this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.request(HttpMethod.valueOf(method), path)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"broken\": ")
				.header("Idempotency-Key", "malformed-" + UUID.randomUUID())
				.with(caller)
				.with(csrf()))
			.getResponse();
	}

	/** "METHOD /path" of every API endpoint that reads a request body. */
	private List<String> bodyEndpoints() {
		Set<String> names = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : this.mappings.getHandlerMethods().entrySet()) {
			HandlerMethod handler = e.getValue();
			boolean readsBody = false;
			for (MethodParameter p : handler.getMethodParameters()) {
				readsBody |= p.hasParameterAnnotation(RequestBody.class)
						|| HttpServletRequest.class.isAssignableFrom(p.getParameterType());
			}
			if (!handler.getBeanType().getName().startsWith("org.rapport.") || !readsBody) {
				continue;
			}
			for (String pattern : e.getKey().getPatternValues()) {
				for (RequestMethod m : e.getKey().getMethodsCondition().getMethods()) {
					if (pattern.startsWith("/api/") && !pattern.endsWith("/**")
							&& (m == RequestMethod.POST || m == RequestMethod.PUT || m == RequestMethod.PATCH)) {
						names.add(m.name() + " " + pattern);
					}
				}
			}
		}
		return new ArrayList<>(names);
	}

	/**
	 * "METHOD /path" of every endpoint of the application → whether it checks a
	 * permission.
	 */
	private Map<String, Boolean> endpoints() {
		Map<String, Boolean> endpoints = new TreeMap<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> e : this.mappings.getHandlerMethods().entrySet()) {
			HandlerMethod handler = e.getValue();
			if (!handler.getBeanType().getName().startsWith("org.rapport.")) {
				continue;
			}
			boolean checked = AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PreAuthorize.class)
					|| AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
			Set<RequestMethod> methods = e.getKey().getMethodsCondition().getMethods();
			for (String pattern : e.getKey().getPatternValues()) {
				for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					endpoints.merge(m.name() + " " + pattern, checked, Boolean::logicalAnd);
				}
			}
		}
		return endpoints;
	}

}
