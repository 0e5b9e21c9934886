package org.rapport.access;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/**
 * Staff members made for one test: unique usernames, so tests sharing the database never
 * meet each other's data.
 */
final class StaffFixture {

	static final String PASSWORD = "correct-horse-battery";

	private StaffFixture() {
	}

	static StaffMember create(StaffDirectory staff, Role role) {
		return staff.create(uniqueName(role.name()), "Test " + role, PASSWORD, Set.of(role));
	}

	static String uniqueName(String base) {
		return base.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static RequestPostProcessor as(StaffMember member) {
		return httpBasic(member.username(), PASSWORD);
	}

}
