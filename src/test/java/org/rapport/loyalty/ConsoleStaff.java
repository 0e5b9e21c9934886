package org.rapport.loyalty;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/** One signed-in console user per role (a session, not HTTP Basic), made on first use. */
final class ConsoleStaff {

	private final Map<Role, String> usernames = new EnumMap<>(Role.class);

	private final StaffDirectory staff;

	private final UserDetailsService users;

	ConsoleStaff(StaffDirectory staff, UserDetailsService users) {
		this.staff = staff;
		this.users = users;
	}

	RequestPostProcessor as(Role role) {
		String username = this.usernames.computeIfAbsent(role, (r) -> {
			String name = "lc-" + r.name().toLowerCase().replace('_', '-') + "-" + LoyaltyFixture.unique();
			this.staff.create(name, r.name(), LoyaltyFixture.PASSWORD, EnumSet.of(r));
			return name;
		});
		return user(this.users.loadUserByUsername(username));
	}

}
