package org.rapport.customer;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.rapport.customer.CustomerView.AddressView;
import org.rapport.customer.CustomerView.ConsentView;
import org.rapport.customer.CustomerView.IdentityView;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The parts of a customer: identities, addresses, tags, attributes, interests, consents,
 * household, contact people and lifecycle stage. Changes need no If-Match (they do not
 * overwrite each other) but each raises the customer's version.
 */
@RestController
@RequestMapping(CustomerApi.BASE + "/{id}")
@Tag(name = "Customer details")
@PreAuthorize("hasAuthority('customer:write')")
class CustomerDetailsApi {

	private final Customers customers;

	CustomerDetailsApi(Customers customers) {
		this.customers = customers;
	}

	record TagsRequest(@NotEmpty @Size(max = Tags.MAX_PER_CUSTOMER) List<String> tags) {
	}

	record InterestRequest(@NotBlank @Size(max = ContactDetails.MAX_TOPIC) String topic, InterestSource source) {
	}

	record ConsentDecision(@NotNull Boolean granted, @NotBlank @Size(max = 60) String source,
			@PastOrPresent(message = "{customer.not-in-future}") Instant changedAt) {
	}

	record HouseholdRequest(java.util.UUID householdId, @Size(max = 100) String name, HouseholdRole role) {
	}

	record ContactRequest(@NotNull UUID personId, @Size(max = 100) String role) {
	}

	record StageRequest(@NotNull LifecycleStage stage) {
	}

	@PostMapping("/identities")
	@Operation(summary = "Add an identity (409 identity-taken when another customer holds it)")
	ResponseEntity<IdentityView> addIdentity(@PathVariable UUID id, @Valid @RequestBody NewIdentity identity) {
		IdentityView view = this.customers.addIdentity(id, identity);
		return ResponseEntity.created(URI.create(CustomerApi.BASE + "/" + id + "/identities/" + view.id())).body(view);
	}

	@DeleteMapping("/identities/{identityId}")
	@Operation(summary = "Remove an identity")
	ResponseEntity<Void> removeIdentity(@PathVariable UUID id, @PathVariable UUID identityId) {
		this.customers.removeIdentity(id, identityId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/addresses")
	@Operation(summary = "Add an address")
	ResponseEntity<AddressView> addAddress(@PathVariable UUID id, @Valid @RequestBody NewAddress address) {
		AddressView view = this.customers.addAddress(id, address);
		return ResponseEntity.created(URI.create(CustomerApi.BASE + "/" + id + "/addresses/" + view.id())).body(view);
	}

	@DeleteMapping("/addresses/{addressId}")
	@Operation(summary = "Remove an address")
	ResponseEntity<Void> removeAddress(@PathVariable UUID id, @PathVariable UUID addressId) {
		this.customers.removeAddress(id, addressId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/tags")
	@Operation(summary = "Add tags (normalised to lower case, spaces become '-')")
	CustomerView addTags(@PathVariable UUID id, @Valid @RequestBody TagsRequest request) {
		this.customers.addTags(id, request.tags());
		return this.customers.get(id);
	}

	@DeleteMapping("/tags/{tag}")
	@Operation(summary = "Remove a tag")
	CustomerView removeTag(@PathVariable UUID id, @PathVariable String tag) {
		this.customers.removeTag(id, tag);
		return this.customers.get(id);
	}

	@PostMapping("/attributes")
	@Operation(summary = "Set custom attributes; a null value removes the key, other keys stay")
	CustomerView setAttributes(@PathVariable UUID id, @RequestBody Map<String, Object> attributes) {
		this.customers.setAttributes(id, attributes);
		return this.customers.get(id);
	}

	@DeleteMapping("/attributes/{key}")
	@Operation(summary = "Remove a custom attribute")
	CustomerView removeAttribute(@PathVariable UUID id, @PathVariable String key) {
		this.customers.removeAttribute(id, key);
		return this.customers.get(id);
	}

	@PostMapping("/interests")
	@Operation(summary = "Declare an interest, with where it came from")
	CustomerView declareInterest(@PathVariable UUID id, @Valid @RequestBody InterestRequest request) {
		this.customers.declareInterest(id, request.topic(), request.source());
		return this.customers.get(id);
	}

	@DeleteMapping("/interests/{topic}")
	@Operation(summary = "Remove an interest")
	CustomerView removeInterest(@PathVariable UUID id, @PathVariable String topic) {
		this.customers.removeInterest(id, topic);
		return this.customers.get(id);
	}

	@GetMapping("/consents")
	@PreAuthorize("hasAuthority('customer:read')")
	@Operation(summary = "Current consents per channel and purpose")
	List<ConsentView> consents(@PathVariable UUID id) {
		return this.customers.get(id).consents();
	}

	@PostMapping("/consents")
	@Operation(summary = "Record a consent decision")
	ConsentView recordConsent(@PathVariable UUID id, @Valid @RequestBody ConsentChange change) {
		return this.customers.setConsent(id, change);
	}

	@PutMapping("/consents/{channel}/{purpose}")
	@Operation(summary = "Grant or withdraw consent for a channel and purpose",
			description = "Answers the current state. The current state is the latest decision by changedAt "
					+ "(now when not given): a decision older than the current one (e.g. a paper form recorded late) "
					+ "goes into the history and leaves the current state as it is.")
	ConsentView setConsent(@PathVariable UUID id, @PathVariable ConsentChannel channel,
			@PathVariable ConsentPurpose purpose, @Valid @RequestBody ConsentDecision decision) {
		return this.customers.setConsent(id,
				new ConsentChange(channel, purpose, decision.granted(), decision.source(), decision.changedAt()));
	}

	@GetMapping("/consents/history")
	@PreAuthorize("hasAuthority('customer:read')")
	@Operation(summary = "Every consent decision, newest first")
	List<ConsentRecord> consentHistory(@PathVariable UUID id) {
		return this.customers.consentHistory(id);
	}

	@PostMapping("/household")
	@Operation(summary = "Join a household (householdId) or start one (name), with a role")
	CustomerView household(@PathVariable UUID id, @Valid @RequestBody HouseholdRequest request) {
		if (request.householdId() != null) {
			this.customers.joinHousehold(id, request.householdId(), request.role());
		}
		else {
			this.customers.createHousehold(id, request.name(), request.role());
		}
		return this.customers.get(id);
	}

	@DeleteMapping("/household")
	@Operation(summary = "Leave the household")
	CustomerView leaveHousehold(@PathVariable UUID id) {
		this.customers.leaveHousehold(id);
		return this.customers.get(id);
	}

	@PostMapping("/contacts")
	@Operation(summary = "Make a person a contact of this company")
	CustomerView linkContact(@PathVariable UUID id, @Valid @RequestBody ContactRequest request) {
		this.customers.linkContactPerson(id, request.personId(), request.role());
		return this.customers.get(id);
	}

	@DeleteMapping("/contacts/{personId}")
	@Operation(summary = "Remove a contact person from this company")
	CustomerView unlinkContact(@PathVariable UUID id, @PathVariable UUID personId) {
		this.customers.unlinkContactPerson(id, personId);
		return this.customers.get(id);
	}

	@PutMapping("/stage")
	@Operation(summary = "Move the customer to a lifecycle stage")
	CustomerView changeStage(@PathVariable UUID id, @Valid @RequestBody StageRequest request) {
		this.customers.changeStage(id, request.stage());
		return this.customers.get(id);
	}

	@PostMapping("/stage")
	@Operation(summary = "Move the customer to a lifecycle stage (same as PUT)")
	CustomerView postStage(@PathVariable UUID id, @Valid @RequestBody StageRequest request) {
		return changeStage(id, request);
	}

}
