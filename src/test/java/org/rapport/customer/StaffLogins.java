package org.rapport.customer;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

/** One staff member per role, created on first use, to call the API as that role. */
final class StaffLogins {

	private static final String PASSWORD = "correct-horse-battery";

	private final Map<Role, String> usernames = new EnumMap<>(Role.class);

	private final StaffDirectory staff;

	StaffLogins(StaffDirectory staff) {
		this.staff = staff;
	}

	RequestPostProcessor as(Role role) {
		String username = this.usernames.computeIfAbsent(role, (r) -> {
			String name = r.name().toLowerCase().replace('_', '-') + "-" + CustomerFixture.unique();
			this.staff.create(name, r.name(), PASSWORD, EnumSet.of(r));
			return name;
		});
		return httpBasic(username, PASSWORD);
	}

}
