package org.rapport.access;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure somebody can sign in after the first start, without a fixed default
 * password.
 * <ul>
 * <li>Demo mode creates the documented demo users (one per role).</li>
 * <li>Otherwise, when there are no staff yet, an administrator {@code admin} is created
 * with the password from {@code rapport.admin.initial-password} (env
 * {@code RAPPORT_ADMIN_INITIAL_PASSWORD}), or a random one that is printed once to the
 * log.</li>
 * <li>The {@code create-admin} command skips that: it sets up the administrator
 * itself.</li>
 * </ul>
 */
@Component
@Order(0)
class FirstStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	static final String DEMO_PASSWORD = "rapport-demo";

	private final StaffDirectory staff;

	private final boolean demo;

	private final String initialPassword;

	private final String cliCommand;

	FirstStart(StaffDirectory staff, @Value("${rapport.demo.enabled:false}") boolean demo,
			@Value("${rapport.admin.initial-password:}") String initialPassword,
			@Value("${rapport.cli.command:}") String cliCommand) {
		this.staff = staff;
		this.demo = demo;
		this.initialPassword = initialPassword;
		this.cliCommand = cliCommand;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.demo) {
			createDemoUsers();
		}
		if (this.cliCommand.equals("create-admin") || !this.staff.isEmpty()) {
			return;
		}
		boolean generated = this.initialPassword.isBlank();
		String password = generated ? randomPassword() : this.initialPassword;
		this.staff.create("admin", "Administrator", password, EnumSet.of(Role.ADMIN));
		if (generated) {
			log.warn("""

					==============================================================
					 First start: created administrator 'admin' with password
					   {}
					 Sign in and change it; this is the only time it is shown.
					==============================================================""", password);
		}
		else {
			log.info("First start: created administrator 'admin' with the configured initial password");
		}
	}

	private void createDemoUsers() {
		demoUser("admin", "Ada Admin", Set.of(Role.ADMIN));
		demoUser("manager", "Marta Manager", Set.of(Role.MANAGER));
		demoUser("marketer", "Mark Marketer", Set.of(Role.MARKETER));
		demoUser("ana", "Ana Sales", Set.of(Role.SALES));
		demoUser("luis", "Luis Sales", Set.of(Role.SALES));
		demoUser("agent", "Sam Agent", Set.of(Role.SERVICE_AGENT));
	}

	private void demoUser(String username, String name, Set<Role> roles) {
		if (this.staff.byUsername(username).isEmpty()) {
			this.staff.create(username, name, DEMO_PASSWORD, roles);
		}
	}

	static String randomPassword() {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return sb.toString();
	}

}
