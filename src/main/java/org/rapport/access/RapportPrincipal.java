package org.rapport.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.rapport.platform.Actor;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in staff member or API client. Authorities are the permissions of its roles
 * or scopes, plus {@code ROLE_x} for each staff role. The password hash is only held
 * while signing in: it is erased afterwards and never printed.
 */
final class RapportPrincipal implements UserDetails, CredentialsContainer, Actor.Source {

	private final Actor actor;

	private final String username;

	private String passwordHash;

	private final boolean enabled;

	private final boolean locked;

	private final List<GrantedAuthority> authorities;

	RapportPrincipal(Actor actor, String username, String passwordHash, boolean enabled,
			List<GrantedAuthority> authorities) {
		this(actor, username, passwordHash, enabled, false, authorities);
	}

	RapportPrincipal(Actor actor, String username, String passwordHash, boolean enabled, boolean locked,
			List<GrantedAuthority> authorities) {
		this.actor = actor;
		this.username = username;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
		this.locked = locked;
		this.authorities = List.copyOf(authorities);
	}

	static List<GrantedAuthority> authoritiesOf(Set<Role> roles) {
		List<GrantedAuthority> list = new ArrayList<>();
		roles.stream().sorted().forEach((role) -> list.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
		roles.stream()
			.flatMap((r) -> r.permissions().stream())
			.distinct()
			.sorted()
			.forEach((p) -> list.add(new SimpleGrantedAuthority(p.authority())));
		return List.copyOf(list);
	}

	static List<GrantedAuthority> authoritiesOfScopes(Set<Scope> scopes) {
		List<GrantedAuthority> list = new ArrayList<>();
		list.add(new SimpleGrantedAuthority("ROLE_API_CLIENT"));
		scopes.stream()
			.flatMap((s) -> s.permissions().stream())
			.distinct()
			.sorted()
			.forEach((p) -> list.add(new SimpleGrantedAuthority(p.authority())));
		return List.copyOf(list);
	}

	@Override
	public Actor actor() {
		return this.actor;
	}

	boolean isStaff() {
		return this.actor.kind() == Actor.Kind.STAFF;
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

	@Override
	public boolean isAccountNonLocked() {
		return !this.locked;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof RapportPrincipal that && this.actor.equals(that.actor);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.actor);
	}

	@Override
	public String toString() {
		return "RapportPrincipal[" + this.actor.kind() + " " + this.username + "]";
	}

}
