package org.rapport.customer;

import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * What the signed-in staff member may do on the customer pages; templates show only the
 * actions that are allowed. The endpoints check the same permissions again.
 */
record ConsolePermissions(boolean write, boolean addNote, boolean merge, boolean export, boolean erase,
		boolean reassign) {

	static ConsolePermissions of(Authentication authentication) {
		Set<String> granted = authentication == null ? Set.of()
				: authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.collect(Collectors.toSet());
		return new ConsolePermissions(granted.contains("customer:write"), granted.contains("note:write"),
				granted.contains("customer:merge"), granted.contains("customer:export"),
				granted.contains("customer:erase"), granted.contains("customer:reassign"));
	}

}
