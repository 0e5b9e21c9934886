package org.rapport.platform.console;

import org.rapport.platform.Actor;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What every console page shows about the signed-in person, available to templates as
 * {@code @consoleUser}: the name in the top bar and the permissions the navigation uses
 * to hide what the person may not open. Works on error pages too, which get no controller
 * model.
 */
@Component("consoleUser")
public class ConsoleModel {

	/** The signed-in person's display name, or null on public pages. */
	public String user() {
		return signedIn() == null ? null : Actor.current().name();
	}

	/** Whether the signed-in person holds the permission (e.g. {@code customer:read}). */
	public boolean can(String authority) {
		Authentication auth = signedIn();
		return auth != null
				&& auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
	}

	private static Authentication signedIn() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return auth;
	}

}
