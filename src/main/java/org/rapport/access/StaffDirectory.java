package org.rapport.access;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door of the access module: the staff members of the installation.
 */
@Service
public class StaffDirectory {

	static final int MIN_PASSWORD_LENGTH = 10;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	StaffDirectory(JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	public Optional<StaffMember> byId(UUID id) {
		return this.jdbc.sql("SELECT id, username, display_name, roles, active FROM staff_user WHERE id = ?")
			.param(id)
			.query(StaffDirectory::map)
			.optional();
	}

	public Optional<StaffMember> byUsername(String username) {
		return this.jdbc.sql("SELECT id, username, display_name, roles, active FROM staff_user WHERE username = ?")
			.param(username.toLowerCase(Locale.ROOT))
			.query(StaffDirectory::map)
			.optional();
	}

	public List<StaffMember> all() {
		return this.jdbc.sql("SELECT id, username, display_name, roles, active FROM staff_user ORDER BY display_name")
			.query(StaffDirectory::map)
			.list();
	}

	public boolean isEmpty() {
		return this.jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM staff_user)").query(Boolean.class).single();
	}

	/** Creates a staff member; the password is stored only as a hash. */
	@Transactional
	public StaffMember create(String username, String displayName, String rawPassword, Set<Role> roles) {
		String login = username.trim().toLowerCase(Locale.ROOT);
		if (!login.matches("[a-z0-9._-]{2,64}")) {
			throw ApiException.invalid("username", "use 2-64 letters, digits, dots, dashes or underscores");
		}
		checkPassword(rawPassword);
		if (roles.isEmpty()) {
			throw ApiException.invalid("roles", "give at least one role");
		}
		if (byUsername(login).isPresent()) {
			throw ApiException.conflict("username-taken", "A staff member called " + login + " exists already");
		}
		UUID id = Ids.next(this.clock);
		this.jdbc
			.sql("INSERT INTO staff_user (id, username, display_name, password_hash, roles, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, login, displayName, this.passwords.encode(rawPassword), roleArray(roles),
					this.clock.instant().atOffset(java.time.ZoneOffset.UTC))
			.update();
		return new StaffMember(id, login, displayName, EnumSet.copyOf(roles), true);
	}

	/** Sets a new password (administrator reset or first start). */
	@Transactional
	public void resetPassword(String username, String rawPassword) {
		checkPassword(rawPassword);
		int rows = this.jdbc.sql("UPDATE staff_user SET password_hash = ?, version = version + 1 WHERE username = ?")
			.params(this.passwords.encode(rawPassword), username.toLowerCase(Locale.ROOT))
			.update();
		if (rows == 0) {
			throw ApiException.notFound("Staff member", username);
		}
	}

	/**
	 * A staff member who leaves is deactivated, never deleted: their notes and history
	 * keep their name.
	 */
	@Transactional
	public void deactivate(UUID id) {
		int rows = this.jdbc
			.sql("UPDATE staff_user SET active = FALSE, deactivated_at = ?, version = version + 1 "
					+ "WHERE id = ? AND active")
			.params(this.clock.instant().atOffset(java.time.ZoneOffset.UTC), id)
			.update();
		if (rows == 0 && byId(id).isEmpty()) {
			throw ApiException.notFound("Staff member", id);
		}
	}

	private static void checkPassword(String rawPassword) {
		if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
			throw ApiException.invalid("password", "use at least " + MIN_PASSWORD_LENGTH + " characters");
		}
	}

	static String[] roleArray(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().toArray(String[]::new);
	}

	static StaffMember map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		String[] roles = (String[]) rs.getArray("roles").getArray();
		Set<Role> set = Arrays.stream(roles)
			.map(Role::valueOf)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
		return new StaffMember(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				set, rs.getBoolean("active"));
	}

}
