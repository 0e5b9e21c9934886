package org.rapport.access;

import java.util.Set;
import java.util.UUID;

/** A staff member as other modules see them: who, which roles, still active or not. */
public record StaffMember(UUID id, String username, String displayName, Set<Role> roles, boolean active) {
}
