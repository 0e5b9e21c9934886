package org.rapport.customer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.rapport.access.Role;
import org.rapport.access.StaffDirectory;

/**
 * Customers and staff for console tests. Every value is fresh, so tests sharing one
 * database never see each other's data as their own.
 */
record ConsoleTestData(Customers customers, StaffDirectory staff) {

	static final String PASSWORD = "console-test-password";

	/** A staff member with the role, signing in with {@link #PASSWORD}. */
	String staffWith(Role role) {
		String username = role.name().toLowerCase().replace('_', '-') + "-" + suffix();
		this.staff.create(username,
				"Test " + role.name().charAt(0) + role.name().substring(1).toLowerCase().replace('_', ' '), PASSWORD,
				Set.of(role));
		return username;
	}

	/** A Spanish mobile number nobody else has, as a customer would say it. */
	static String freshPhone() {
		return "+34 6" + String.format("%02d %03d %03d", ThreadLocalRandom.current().nextInt(100),
				ThreadLocalRandom.current().nextInt(1000), ThreadLocalRandom.current().nextInt(1000));
	}

	CustomerView person(String givenName, String familyName, String phone) {
		return this.customers.create(NewCustomer.person(givenName, familyName)
			.withIdentities(List.of(NewIdentity.of(IdentityType.PHONE, phone))));
	}

	static String suffix() {
		return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
	}

}
