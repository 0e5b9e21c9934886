package org.rapport.access;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Front door of the access module: the staff members of the installation. Every change is
 * written to the audit trail (without password hashes), and the installation always keeps
 * at least one active administrator.
 */
@Service
public class StaffDirectory {

	static final int MIN_PASSWORD_LENGTH = 10;

	static final int MAX_PASSWORD_BYTES = 72;

	static final String AUDIT_TYPE = "staff";

	private static final String COLUMNS = "id, username, display_name, roles, active";

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final AuditTrail audit;

	private final StaffSessions sessions;

	private final Clock clock;

	StaffDirectory(JdbcClient jdbc, PasswordEncoder passwords, AuditTrail audit, StaffSessions sessions, Clock clock) {
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.audit = audit;
		this.sessions = sessions;
		this.clock = clock;
	}

	public Optional<StaffMember> byId(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM staff_user WHERE id = ?")
			.param(id)
			.query(StaffDirectory::map)
			.optional();
	}

	public Optional<StaffMember> byUsername(String username) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM staff_user WHERE username = ?")
			.param(username.trim().toLowerCase(Locale.ROOT))
			.query(StaffDirectory::map)
			.optional();
	}

	public List<StaffMember> all() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM staff_user ORDER BY display_name, username")
			.query(StaffDirectory::map)
			.list();
	}

	public boolean isEmpty() {
		return this.jdbc.sql("SELECT NOT EXISTS (SELECT 1 FROM staff_user)").query(Boolean.class).single();
	}

	/** Creates a staff member; the password is stored only as a hash. */
	@Transactional
	public StaffMember create(String username, String displayName, String rawPassword, Set<Role> roles) {
		String login = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
		if (!login.matches("[a-z0-9._-]{2,64}")) {
			throw ApiException.invalid("username",
					Text.of("access.staff.username", "use 2-64 letters, digits, dots, dashes or underscores"));
		}
		String name = displayName == null || displayName.isBlank() ? login : displayName.trim();
		if (name.length() > 100) {
			throw ApiException.invalid("displayName",
					Text.of("access.staff.display-name", "use at most 100 characters"));
		}
		checkPassword("password", rawPassword);
		checkRoles(roles);
		if (byUsername(login).isPresent()) {
			throw ApiException.conflict("username-taken",
					Text.of("access.staff.username-taken", "A staff member called {0} exists already", login));
		}
		UUID id = Ids.next(this.clock);
		this.jdbc
			.sql("INSERT INTO staff_user (id, username, display_name, password_hash, roles, created_at) "
					+ "VALUES (?, ?, ?, ?, ?, ?)")
			.params(id, login, name, this.passwords.encode(rawPassword), roleArray(roles),
					this.clock.instant().atOffset(ZoneOffset.UTC))
			.update();
		StaffMember created = new StaffMember(id, login, name, EnumSet.copyOf(roles), true);
		this.audit.record(AuditTrail.Change.of("created", AUDIT_TYPE, id,
				Text.of("access.audit.staff-created", "Staff member {0} created", login), null, created));
		return created;
	}

	/** Replaces the roles of a staff member; their open console sessions end. */
	@Transactional
	public StaffMember changeRoles(UUID id, Set<Role> roles) {
		checkRoles(roles);
		StaffMember before = existing(id);
		if (before.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
			keepAnAdministratorBesides(id);
		}
		this.jdbc.sql("UPDATE staff_user SET roles = ?, version = version + 1 WHERE id = ?")
			.params(roleArray(roles), id)
			.update();
		StaffMember after = new StaffMember(id, before.username(), before.displayName(), EnumSet.copyOf(roles),
				before.active());
		this.audit.record(AuditTrail.Change.of("roles-changed", AUDIT_TYPE, id,
				Text.of("access.audit.roles-changed", "Roles of {0} changed", before.username()), before, after));
		this.sessions.end(id);
		return after;
	}

	/**
	 * A staff member who leaves is deactivated, never deleted: their notes and history
	 * keep their name. They can no longer sign in and their open sessions end.
	 */
	@Transactional
	public StaffMember deactivate(UUID id) {
		StaffMember before = existing(id);
		if (!before.active()) {
			return before;
		}
		if (before.roles().contains(Role.ADMIN)) {
			keepAnAdministratorBesides(id);
		}
		this.jdbc.sql("UPDATE staff_user SET active = FALSE, deactivated_at = ?, version = version + 1 WHERE id = ?")
			.params(this.clock.instant().atOffset(ZoneOffset.UTC), id)
			.update();
		StaffMember after = new StaffMember(id, before.username(), before.displayName(), before.roles(), false);
		this.audit.record(AuditTrail.Change.of("deactivated", AUDIT_TYPE, id,
				Text.of("access.audit.staff-deactivated", "Staff member {0} deactivated", before.username()), before,
				after));
		this.sessions.end(id);
		return after;
	}

	/** An administrator sets a new password for a staff member. */
	@Transactional
	public void resetPassword(UUID id, String rawPassword) {
		StaffMember member = existing(id);
		storePassword(id, "password", rawPassword);
		this.audit.record(AuditTrail.Change.of("password-reset", AUDIT_TYPE, id,
				Text.of("access.audit.password-reset", "Password of {0} reset by an administrator", member.username()),
				null, null));
		this.sessions.end(id);
	}

	/** A staff member changes their own password, proving they know the current one. */
	@Transactional
	public void changeOwnPassword(UUID id, String currentPassword, String newPassword) {
		StaffMember member = existing(id);
		String hash = this.jdbc.sql("SELECT password_hash FROM staff_user WHERE id = ?")
			.param(id)
			.query(String.class)
			.single();
		if (currentPassword == null || !this.passwords.matches(currentPassword, hash)) {
			throw ApiException.invalid("currentPassword",
					Text.of("access.password.current-mismatch", "does not match your current password"));
		}
		storePassword(id, "newPassword", newPassword);
		this.audit.record(AuditTrail.Change.of("password-changed", AUDIT_TYPE, id,
				Text.of("access.audit.password-changed", "Password of {0} changed by its owner", member.username()),
				null, null));
	}

	/**
	 * Makes {@code username} an active administrator with the given password, creating
	 * the account when needed (the {@code create-admin} command).
	 * @return true when the account was created, false when an existing one was reset
	 */
	@Transactional
	public boolean createOrResetAdministrator(String username, String rawPassword) {
		Optional<StaffMember> existing = byUsername(username);
		if (existing.isEmpty()) {
			create(username, username, rawPassword, EnumSet.of(Role.ADMIN));
			return true;
		}
		StaffMember before = existing.get();
		storePassword(before.id(), "password", rawPassword);
		Set<Role> roles = EnumSet.copyOf(before.roles());
		roles.add(Role.ADMIN);
		this.jdbc
			.sql("UPDATE staff_user SET roles = ?, active = TRUE, deactivated_at = NULL, version = version + 1 "
					+ "WHERE id = ?")
			.params(roleArray(roles), before.id())
			.update();
		StaffMember after = new StaffMember(before.id(), before.username(), before.displayName(), roles, true);
		this.audit.record(AuditTrail.Change.of("administrator-reset", AUDIT_TYPE, before.id(), Text
			.of("access.audit.administrator-reset", "Password of {0} reset from the command line", before.username()),
				before, after));
		return false;
	}

	private StaffMember existing(UUID id) {
		return byId(id).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
				Text.of("access.staff.not-found", "Staff member {0} does not exist", id)));
	}

	private void storePassword(UUID id, String field, String rawPassword) {
		checkPassword(field, rawPassword);
		this.jdbc.sql("UPDATE staff_user SET password_hash = ?, version = version + 1 WHERE id = ?")
			.params(this.passwords.encode(rawPassword), id)
			.update();
	}

	/** Locks the active administrators, so two concurrent changes cannot remove both. */
	private void keepAnAdministratorBesides(UUID id) {
		List<UUID> admins = this.jdbc
			.sql("SELECT id FROM staff_user WHERE active AND 'ADMIN' = ANY (roles) ORDER BY id FOR UPDATE")
			.query(UUID.class)
			.list();
		if (admins.stream().noneMatch((admin) -> !admin.equals(id))) {
			throw new ApiException(HttpStatus.CONFLICT, "last-administrator", Text.of("access.staff.last-administrator",
					"This is the last active administrator; make someone else an administrator first"));
		}
	}

	private static void checkPassword(String field, String rawPassword) {
		if (rawPassword == null || rawPassword.length() < MIN_PASSWORD_LENGTH) {
			throw ApiException.invalid(field, Text.of("access.password.too-short", "use at least {0} characters",
					String.valueOf(MIN_PASSWORD_LENGTH)));
		}
		if (rawPassword.isBlank() || rawPassword.chars().distinct().count() < 3) {
			// ten spaces, or "aaaaaaaaaa", meet the length and protect nothing
			throw ApiException.invalid(field,
					Text.of("access.password.too-simple", "use at least 3 different characters, not only spaces"));
		}
		if (rawPassword.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
			throw ApiException.invalid(field, Text.of("access.password.too-long",
					"use at most {0} bytes (bcrypt''s limit)", String.valueOf(MAX_PASSWORD_BYTES)));
		}
	}

	private static void checkRoles(Set<Role> roles) {
		if (roles == null || roles.isEmpty()) {
			throw ApiException.invalid("roles", Text.of("access.roles.none", "give at least one role"));
		}
	}

	static String[] roleArray(Set<Role> roles) {
		return roles.stream().map(Role::name).sorted().toArray(String[]::new);
	}

	static StaffMember map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Set<Role> roles = Arrays.stream((String[]) rs.getArray("roles").getArray())
			.map(Role::valueOf)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
		return new StaffMember(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
				roles, rs.getBoolean("active"));
	}

}
