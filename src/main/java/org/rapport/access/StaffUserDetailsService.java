package org.rapport.access;

import java.util.Locale;
import java.util.UUID;

import org.rapport.platform.Actor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads staff for console form login and API HTTP Basic. A deactivated staff member is
 * disabled and a throttled username is locked, so Spring Security refuses both before the
 * password is checked. Hashes in an older format are upgraded on the next sign-in.
 */
@Component
class StaffUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final JdbcClient jdbc;

	private final LoginThrottle throttle;

	StaffUserDetailsService(JdbcClient jdbc, LoginThrottle throttle) {
		this.jdbc = jdbc;
		this.throttle = throttle;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		String login = username.trim().toLowerCase(Locale.ROOT);
		boolean locked = this.throttle.isLocked(login);
		return this.jdbc
			.sql("SELECT id, username, display_name, password_hash, roles, active FROM staff_user WHERE username = ?")
			.param(login)
			.query((rs, row) -> {
				StaffMember member = StaffDirectory.map(rs, row);
				Actor actor = new Actor(rs.getObject("id", UUID.class).toString(), member.displayName(),
						Actor.Kind.STAFF);
				return (UserDetails) new RapportPrincipal(actor, member.username(), rs.getString("password_hash"),
						member.active(), locked, RapportPrincipal.authoritiesOf(member.roles()));
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No staff member " + login));
	}

	@Override
	public UserDetails updatePassword(UserDetails user, String newPasswordHash) {
		this.jdbc.sql("UPDATE staff_user SET password_hash = ? WHERE username = ?")
			.params(newPasswordHash, user.getUsername())
			.update();
		return loadUserByUsername(user.getUsername());
	}

}
