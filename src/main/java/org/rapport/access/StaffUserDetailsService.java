package org.rapport.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.platform.Actor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class StaffUserDetailsService implements UserDetailsService {

	private final JdbcClient jdbc;

	StaffUserDetailsService(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		return this.jdbc
			.sql("SELECT id, username, display_name, password_hash, roles, active FROM staff_user WHERE username = ?")
			.param(username.toLowerCase(Locale.ROOT))
			.query((rs, row) -> {
				Set<Role> roles = Arrays.stream((String[]) rs.getArray("roles").getArray())
					.map(Role::valueOf)
					.collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
				Actor actor = new Actor(rs.getObject("id", UUID.class).toString(), rs.getString("display_name"),
						Actor.Kind.STAFF);
				return (UserDetails) new RapportPrincipal(actor, rs.getString("username"),
						rs.getString("password_hash"), rs.getBoolean("active"), RapportPrincipal.authoritiesOf(roles));
			})
			.optional()
			.orElseThrow(() -> new UsernameNotFoundException("No staff member " + username));
	}

}
