package org.rapport.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Integration clients and their API keys; the key is in the creation response only. */
@RestController
@PreAuthorize("hasAuthority('api-client:admin')")
@Tag(name = "API clients", description = "Integration clients (POS, web shop, partners) and their keys")
class ApiClientController {

	private final ApiClients clients;

	ApiClientController(ApiClients clients) {
		this.clients = clients;
	}

	record NewClient(String name, List<String> scopes) {
	}

	/** A client as shown by the API: scopes by their names, never the key or its hash. */
	record ClientView(UUID id, String name, String keyPrefix, List<String> scopes, boolean active, Instant createdAt,
			String createdBy, Instant revokedAt, Instant lastUsedAt) {

		static ClientView of(ApiClients.ApiClient c) {
			return new ClientView(c.id(), c.name(), c.keyPrefix(), List.of(ApiClients.scopeArray(c.scopes())),
					c.active(), c.createdAt(), c.createdBy(), c.revokedAt(), c.lastUsedAt());
		}

	}

	/** The answer to a creation: the only time the key is shown. */
	record CreatedView(ClientView client, String apiKey) {
	}

	@GetMapping("/api/v1/api-clients")
	@Operation(summary = "List the API clients (without keys)")
	List<ClientView> list() {
		return this.clients.all().stream().map(ClientView::of).toList();
	}

	@PostMapping("/api/v1/api-clients")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create an API client; the response holds its key, which is never shown again")
	CreatedView create(@RequestBody NewClient request) {
		ApiClients.CreatedClient created = this.clients.create(request.name(), scopes(request.scopes()),
				Actor.current());
		return new CreatedView(ClientView.of(created.client()), created.apiKey());
	}

	@PostMapping("/api/v1/api-clients/{id}/revocation")
	@Operation(summary = "Revoke an API client's key; its next call is refused")
	ClientView revoke(@PathVariable UUID id) {
		return ClientView.of(this.clients.revoke(id));
	}

	private static Set<Scope> scopes(List<String> names) {
		if (names == null || names.isEmpty()) {
			throw ApiException.invalid("scopes", Text.of("access.scopes.none", "give at least one scope"));
		}
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String name : names) {
			try {
				scopes.add(Scope.ofName(name));
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.invalid("scopes",
						Text.of("access.scopes.unknown", "unknown scope {0}; use one of {1}", name,
								List.of(ApiClients.scopeArray(EnumSet.allOf(Scope.class))).toString()));
			}
		}
		return scopes;
	}

}
