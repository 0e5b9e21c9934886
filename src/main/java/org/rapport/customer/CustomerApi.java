package org.rapport.customer;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Customers: create, read, change the profile, search and look up by identity. */
@RestController
@RequestMapping(CustomerApi.BASE)
@Tag(name = "Customers", description = "The customer memory: people and companies")
class CustomerApi {

	static final String BASE = "/api/v1/customers";

	private final Customers customers;

	CustomerApi(Customers customers) {
		this.customers = customers;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('customer:write')")
	@Operation(summary = "Create a customer, optionally with identities, addresses, tags, attributes and consents")
	ResponseEntity<CustomerView> create(@Valid @RequestBody NewCustomer command) {
		CustomerView view = this.customers.create(command);
		return ResponseEntity.created(URI.create(BASE + "/" + view.id())).eTag(view.etag()).body(view);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('customer:read')")
	@Operation(summary = "The 360 view of a customer",
			description = "301 to the survivor when the customer was merged, 410 when erased, 304 when "
					+ "If-None-Match names the current version")
	ResponseEntity<CustomerView> get(@PathVariable UUID id,
			@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
		CustomerView view = this.customers.get(id);
		if (view.etag().equals(ifNoneMatch)) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(view.etag()).build();
		}
		return ResponseEntity.ok().eTag(view.etag()).body(view);
	}

	@PatchMapping(path = "/{id}", consumes = { "application/merge-patch+json", "application/json" })
	@PreAuthorize("hasAuthority('customer:write')")
	@Operation(summary = "Change profile fields (JSON merge patch; null clears a field)",
			description = "Needs If-Match with the ETag of the version the change is based on: 428 without it, "
					+ "412 when someone else changed the customer in between")
	ResponseEntity<CustomerView> patch(@PathVariable UUID id,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestBody Map<String, Object> patch) {
		long expected = IfMatch.version(ifMatch);
		CustomerView current = this.customers.get(id);
		Profile profile = ProfilePatch.apply(current, patch);
		CustomerView view = this.customers.updateProfile(id, expected, profile);
		return ResponseEntity.ok().eTag(view.etag()).body(view);
	}

	@GetMapping
	@PreAuthorize("hasAuthority('customer:read')")
	@Operation(summary = "Search and list customers",
			description = "q matches name word prefixes (accent and case-insensitive) or an e-mail, phone or card "
					+ "number; sort is name, created or updated, '-' for descending")
	Page<CustomerSummary> list(@RequestParam(required = false) String q,
			@RequestParam(required = false) LifecycleStage stage, @RequestParam(required = false) String tag,
			@RequestParam(required = false) UUID assignedTo, @RequestParam(required = false) CustomerKind kind,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) int size) {
		CustomerSort order;
		try {
			order = CustomerSort.parse(sort);
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("sort",
					Text.of("customer.sort.unknown", "sort by name, created or updated, '-' for descending"));
		}
		return this.customers.search(new CustomerQuery(q, stage, tag, assignedTo, kind, order), new Paging(page, size));
	}

	@GetMapping("/lookup")
	@PreAuthorize("hasAuthority('customer:read')")
	@Operation(summary = "Find the customer holding an identity (e.g. the caller's phone number)",
			description = "The value is normalised first, so any usual way of writing it works; 404 when nobody "
					+ "holds it")
	CustomerView lookup(@RequestParam IdentityType type, @RequestParam String value,
			@Parameter(description = "source system, for EXTERNAL ids") @RequestParam(required = false) String source) {
		return this.customers.findByIdentity(type, source, value)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found", switch (type) {
				case EMAIL -> Text.of("customer.lookup.email", "No customer has the email {0}", value);
				case PHONE -> Text.of("customer.lookup.phone", "No customer has the phone {0}", value);
				case CARD -> Text.of("customer.lookup.card", "No customer has the card {0}", value);
				case EXTERNAL -> Text.of("customer.lookup.external", "No customer has the external {0}", value);
			}));
	}

}
