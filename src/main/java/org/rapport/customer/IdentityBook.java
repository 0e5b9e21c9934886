package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.audit.AuditTrail.Change;
import org.rapport.customer.CustomerView.IdentityView;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Identities: normalised before they are stored or looked up, unique across customers. An
 * identity another customer holds is refused with the holder's id, a likely duplicate.
 */
@Component
class IdentityBook {

	private final IdentityRepository identities;

	private final CustomerRepository customers;

	private final AuditTrail audit;

	private final Clock clock;

	private final String defaultRegion;

	IdentityBook(IdentityRepository identities, CustomerRepository customers, AuditTrail audit, Clock clock,
			@Value("${rapport.phone.default-region:US}") String defaultRegion) {
		this.identities = identities;
		this.customers = customers;
		this.audit = audit;
		this.clock = clock;
		this.defaultRegion = defaultRegion;
	}

	/**
	 * @throws ApiException 400 on the field {@code field} when the value is not valid
	 */
	Identity normalise(IdentityType type, String source, String raw, String field) {
		try {
			return Identity.of(type, source, raw, this.defaultRegion);
		}
		catch (Identity.InvalidIdentityException ex) {
			throw ApiException.invalid(field, ex.text());
		}
	}

	/** Stores an identity of a customer (idempotent for the same customer). */
	IdentityView attach(UUID customerId, NewIdentity command, String field, Instant now) {
		Identity identity = normalise(command.type(), command.source(), command.value(), field);
		Optional<IdentityView> added = this.identities.insert(customerId, identity, command.value(), command.primary(),
				now);
		if (added.isPresent()) {
			return added.get();
		}
		return this.identities.find(customerId, identity)
			.orElseThrow(() -> new IdentityTakenException(identity,
					this.identities.holder(identity).orElseThrow(IllegalStateException::new)));
	}

	IdentityView add(UUID customerId, NewIdentity command) {
		Instant now = this.clock.instant();
		this.customers.touch(customerId, now);
		IdentityView view = attach(customerId, command, "value", now);
		this.audit.record(Change.of("customer.identity-added", "customer", customerId,
				Text.of("customer.audit.identity-added", "Added {0} {1}", String.valueOf(view.type()), view.value()),
				null, view));
		return view;
	}

	void remove(UUID customerId, UUID identityId) {
		this.customers.touch(customerId, this.clock.instant());
		IdentityView view = this.identities.find(customerId, identityId)
			.orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "not-found",
					Text.of("customer.identity.not-found", "Identity {0} does not exist", identityId)));
		this.identities.delete(customerId, identityId);
		this.audit.record(Change.of("customer.identity-removed", "customer", customerId, Text
			.of("customer.audit.identity-removed", "Removed {0} {1}", String.valueOf(view.type()), view.value()), view,
				null));
	}

}
