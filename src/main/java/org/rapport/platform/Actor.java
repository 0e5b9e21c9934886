package org.rapport.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: a staff member, an integration client or the system itself. Recorded in
 * the audit trail and on notes.
 */
public record Actor(String id, String name, Kind kind) {

	public enum Kind {

		STAFF, API_CLIENT, SYSTEM

	}

	public static final Actor SYSTEM = new Actor("system", "Rapport", Kind.SYSTEM);

	/**
	 * Implemented by the authenticated principals so that any module can tell who acts.
	 */
	public interface Source {

		Actor actor();

	}

	/**
	 * The actor of the current request, or {@link #SYSTEM} for jobs and start-up work.
	 */
	public static Actor current() {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (auth == null || !auth.isAuthenticated()) {
			return SYSTEM;
		}
		if (auth.getPrincipal() instanceof Source source) {
			return source.actor();
		}
		return new Actor(auth.getName(), auth.getName(), Kind.STAFF);
	}

}
