package org.rapport.customer;

import java.util.EnumSet;
import java.util.UUID;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;
import org.rapport.access.StaffMember;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Calls the customer API as a staff member of a given role. Every test makes its own
 * staff and customers, with unique names, because the database is shared.
 */
class CustomerApiFixture {

	static final String PASSWORD = "test-password-123";

	final MockMvcTester mvc;

	final JsonMapper json;

	final StaffDirectory staff;

	CustomerApiFixture(MockMvcTester mvc, JsonMapper json, StaffDirectory staff) {
		this.mvc = mvc;
		this.json = json;
		this.staff = staff;
	}

	static String unique(String prefix) {
		return prefix + UUID.randomUUID().toString().substring(0, 8);
	}

	StaffMember staffMember(Role role, String displayName) {
		return this.staff.create(unique(role.name().toLowerCase().replace('_', '-') + "-"), displayName, PASSWORD,
				EnumSet.of(role));
	}

	RequestPostProcessor as(StaffMember member) {
		return httpBasic(member.username(), PASSWORD);
	}

	MvcTestResult post(RequestPostProcessor who, String uri, Object body) {
		return this.mvc.post()
			.uri(uri)
			.with(who)
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange();
	}

	MvcTestResult put(RequestPostProcessor who, String uri, Object body) {
		return this.mvc.put()
			.uri(uri)
			.with(who)
			.contentType(MediaType.APPLICATION_JSON)
			.content(this.json.writeValueAsString(body))
			.exchange();
	}

	MvcTestResult get(RequestPostProcessor who, String uri) {
		return this.mvc.get().uri(uri).with(who).exchange();
	}

	JsonNode body(MvcTestResult result) {
		try {
			return this.json.readTree(result.getResponse().getContentAsString());
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Creates a customer through the API and returns its view as JSON. */
	JsonNode create(RequestPostProcessor who, Object body) {
		MvcTestResult result = post(who, "/api/v1/customers", body);
		if (result.getResponse().getStatus() != 201) {
			throw new AssertionError("create failed: " + result.getResponse().getStatus() + " " + body(result));
		}
		return body(result);
	}

}
