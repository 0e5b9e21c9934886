package org.rapport.platform.console;

import java.util.Set;
import java.util.stream.Collectors;

import org.rapport.platform.Actor;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page shows about the signed-in person: the name in the top bar and
 * the permissions the navigation uses to hide what the person may not open.
 */
@ControllerAdvice
class ConsoleModel {

	@ModelAttribute("currentUser")
	String currentUser() {
		Authentication auth = signedIn();
		return auth == null ? null : Actor.current().name();
	}

	@ModelAttribute("permissions")
	Set<String> permissions() {
		Authentication auth = signedIn();
		if (auth == null) {
			return Set.of();
		}
		return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

	private static Authentication signedIn() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return auth;
	}

}
