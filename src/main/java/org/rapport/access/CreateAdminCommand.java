package org.rapport.access;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.rapport.platform.cli.CliCommand;
import org.rapport.platform.web.ApiException;

import org.springframework.stereotype.Component;

/**
 * {@code create-admin USERNAME}: creates an administrator, or gives an existing account
 * the ADMIN role, a new password and active status, for the first start on a server or
 * when every administrator is locked out. The password comes from
 * {@code RAPPORT_ADMIN_PASSWORD} or standard input, never from the command line (which
 * other users of the machine can see).
 */
@Component
class CreateAdminCommand implements CliCommand {

	static final String PASSWORD_ENV = "RAPPORT_ADMIN_PASSWORD";

	private final StaffDirectory staff;

	CreateAdminCommand(StaffDirectory staff) {
		this.staff = staff;
	}

	@Override
	public String name() {
		return "create-admin";
	}

	@Override
	public int run(String[] args) {
		return run(args, System.getenv(), System.console(), System.in, System.out, System.err);
	}

	int run(String[] args, Map<String, String> env, Console console, InputStream in, PrintStream out, PrintStream err) {
		if (args.length != 1 || args[0].startsWith("-")) {
			err.println("Usage: create-admin USERNAME   (password from " + PASSWORD_ENV + " or standard input)");
			return 2;
		}
		String username = args[0];
		String password;
		try {
			password = password(env, console, in, out, username);
		}
		catch (IOException ex) {
			err.println("Could not read the password: " + ex.getMessage());
			return 1;
		}
		if (password == null || password.isEmpty()) {
			err.println("No password given: set " + PASSWORD_ENV + " or pipe it to standard input");
			return 2;
		}
		try {
			boolean created = this.staff.createOrResetAdministrator(username, password);
			out.println(created ? "Created administrator '" + username + "'."
					: "Reset the password of '" + username + "'; it is an active administrator now.");
			return 0;
		}
		catch (ApiException ex) {
			ex.fieldProblems().forEach((p) -> err.println("Refused: " + p.field() + ": " + p.message()));
			if (ex.fieldProblems().isEmpty()) {
				err.println("Refused: " + ex.getMessage());
			}
			return 1;
		}
	}

	private static String password(Map<String, String> env, Console console, InputStream in, PrintStream out,
			String username) throws IOException {
		String fromEnv = env.get(PASSWORD_ENV);
		if (fromEnv != null && !fromEnv.isEmpty()) {
			return fromEnv;
		}
		if (console != null) {
			char[] typed = console.readPassword("Password for %s: ", username);
			char[] again = console.readPassword("Repeat the password: ");
			if (typed == null || again == null || !String.valueOf(typed).equals(String.valueOf(again))) {
				out.println("The passwords differ.");
				return null;
			}
			return String.valueOf(typed);
		}
		String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
		return line;
	}

}
