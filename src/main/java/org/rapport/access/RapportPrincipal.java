package org.rapport.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.rapport.platform.Actor;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in staff member or API client. Authorities are the permissions of its roles
 * or scopes, plus {@code ROLE_x} for each staff role.
 */
record RapportPrincipal(Actor actor, String username, String passwordHash, boolean enabled,
		List<GrantedAuthority> authorities) implements UserDetails, Actor.Source {

	static List<GrantedAuthority> authoritiesOf(Set<Role> roles) {
		java.util.ArrayList<GrantedAuthority> list = new java.util.ArrayList<>();
		for (Role role : roles) {
			list.add(new SimpleGrantedAuthority("ROLE_" + role.name()));
		}
		roles.stream()
			.flatMap((r) -> r.permissions().stream())
			.distinct()
			.sorted()
			.forEach((p) -> list.add(new SimpleGrantedAuthority(p.authority())));
		return List.copyOf(list);
	}

	static List<GrantedAuthority> authoritiesOfScopes(Set<Scope> scopes) {
		java.util.ArrayList<GrantedAuthority> list = new java.util.ArrayList<>();
		list.add(new SimpleGrantedAuthority("ROLE_API_CLIENT"));
		scopes.stream()
			.flatMap((s) -> s.permissions().stream())
			.distinct()
			.sorted()
			.forEach((p) -> list.add(new SimpleGrantedAuthority(p.authority())));
		return List.copyOf(list);
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.username;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

}
