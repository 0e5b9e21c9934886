package org.rapport.access;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff administration, and a staff member's own password. */
@RestController
@Tag(name = "Staff", description = "Staff members, their roles and passwords")
class StaffController {

	private final StaffDirectory staff;

	StaffController(StaffDirectory staff) {
		this.staff = staff;
	}

	record NewStaff(String username, String displayName, String password, List<String> roles) {
	}

	record Roles(List<String> roles) {
	}

	record NewPassword(String password) {
	}

	record OwnPasswordChange(String currentPassword, String newPassword) {
	}

	@GetMapping("/api/v1/staff")
	@PreAuthorize("hasAuthority('staff:read')")
	@Operation(summary = "List all staff members, active and deactivated")
	List<StaffMember> list() {
		return this.staff.all();
	}

	@PostMapping("/api/v1/staff")
	@ResponseStatus(HttpStatus.CREATED)
	@PreAuthorize("hasAuthority('staff:admin')")
	@Operation(summary = "Create a staff member")
	StaffMember create(@RequestBody NewStaff request) {
		return this.staff.create(request.username(), request.displayName(), request.password(), roles(request.roles()));
	}

	@PostMapping("/api/v1/staff/{id}/deactivation")
	@PreAuthorize("hasAuthority('staff:admin')")
	@Operation(summary = "Deactivate a staff member: they can no longer sign in, their history stays")
	StaffMember deactivate(@PathVariable UUID id) {
		return this.staff.deactivate(id);
	}

	@PutMapping("/api/v1/staff/{id}/roles")
	@PreAuthorize("hasAuthority('staff:admin')")
	@Operation(summary = "Replace the roles of a staff member")
	StaffMember changeRoles(@PathVariable UUID id, @RequestBody Roles request) {
		return this.staff.changeRoles(id, roles(request.roles()));
	}

	@PostMapping("/api/v1/staff/{id}/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("hasAuthority('staff:admin')")
	@Operation(summary = "Set a new password for a staff member (administrator reset)")
	void resetPassword(@PathVariable UUID id, @RequestBody NewPassword request) {
		this.staff.resetPassword(id, request.password());
	}

	@PostMapping("/api/v1/me/password")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "Change your own password, giving the current one")
	void changeOwnPassword(@AuthenticationPrincipal RapportPrincipal me, @RequestBody OwnPasswordChange request) {
		if (me == null || !me.isStaff()) {
			throw new ApiException(HttpStatus.FORBIDDEN, "forbidden",
					Text.of("access.password.staff-only", "Only staff members have a password"));
		}
		this.staff.changeOwnPassword(UUID.fromString(me.actor().id()), request.currentPassword(),
				request.newPassword());
	}

	private static Set<Role> roles(List<String> names) {
		if (names == null || names.isEmpty()) {
			throw ApiException.invalid("roles", Text.of("access.roles.none", "give at least one role"));
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String name : names) {
			try {
				roles.add(Role.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
			}
			catch (RuntimeException ex) {
				throw ApiException.invalid("roles", Text.of("access.roles.unknown", "unknown role {0}; use one of {1}",
						name, java.util.Arrays.toString(Role.values())));
			}
		}
		return roles;
	}

}
