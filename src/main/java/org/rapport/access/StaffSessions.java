package org.rapport.access;

import java.util.UUID;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * The open console sessions of this node. When a staff member is deactivated, loses roles
 * or gets a new password from an administrator, their sessions end, so the change takes
 * effect at once and not when the session times out.
 */
@Component
class StaffSessions {

	private final SessionRegistry registry;

	StaffSessions(SessionRegistry registry) {
		this.registry = registry;
	}

	void end(UUID staffId) {
		String id = staffId.toString();
		for (Object principal : this.registry.getAllPrincipals()) {
			if (principal instanceof RapportPrincipal p && p.isStaff() && p.actor().id().equals(id)) {
				this.registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
			}
		}
	}

}
