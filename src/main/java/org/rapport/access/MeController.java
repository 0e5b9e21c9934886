package org.rapport.access;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is and what they may do: lets integrations check their key. */
@RestController
@Tag(name = "Staff")
class MeController {

	record Me(String id, String name, String kind, List<String> authorities) {
	}

	@GetMapping("/api/v1/me")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "The authenticated staff member or API client, with its permissions")
	Me me(@AuthenticationPrincipal RapportPrincipal principal) {
		return new Me(principal.actor().id(), principal.actor().name(), principal.actor().kind().name(),
				principal.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
	}

}
