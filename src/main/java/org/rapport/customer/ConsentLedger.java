package org.rapport.customer;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.audit.AuditTrail.Change;
import org.rapport.customer.CustomerView.ConsentView;
import org.rapport.platform.Actor;
import org.rapport.platform.web.Text;

import org.springframework.stereotype.Component;

/**
 * Consents: the current decision per channel and purpose, and a history row for every
 * decision, with when, where (source) and who recorded it. The current decision is the
 * latest by {@code changedAt}: an older decision recorded later (a backdated paper form)
 * joins the history and leaves the current state alone.
 */
@Component
class ConsentLedger {

	private final ConsentRepository consents;

	private final CustomerRepository customers;

	private final AuditTrail audit;

	private final Clock clock;

	ConsentLedger(ConsentRepository consents, CustomerRepository customers, AuditTrail audit, Clock clock) {
		this.consents = consents;
		this.customers = customers;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a decision without auditing it separately (part of a bigger change) and
	 * answers the current state, which stays the later decision when this one is older.
	 */
	ConsentView store(UUID customerId, ConsentChange change, Instant now) {
		Instant changedAt = change.changedAt() == null ? now : change.changedAt();
		this.consents.record(customerId, change, changedAt, Actor.current().name());
		return this.consents.current(customerId, change.channel(), change.purpose())
			.orElseGet(() -> new ConsentView(change.channel(), change.purpose(), change.granted(), change.source(),
					changedAt));
	}

	java.util.List<ConsentRecord> history(UUID customerId) {
		this.customers.active(customerId);
		return this.consents.history(customerId);
	}

	ConsentView set(UUID customerId, ConsentChange change) {
		Instant now = this.clock.instant();
		this.customers.touch(customerId, now);
		ConsentView before = this.consents.current(customerId, change.channel(), change.purpose()).orElse(null);
		ConsentView after = store(customerId, change, now);
		this.audit.record(Change.of("customer.consent-changed", "customer", customerId,
				change.granted()
						? Text.of("customer.audit.consent-granted", "Granted {0} {1}", String.valueOf(change.channel()),
								String.valueOf(change.purpose()))
						: Text.of("customer.audit.consent-withdrawn", "Withdrew {0} {1}",
								String.valueOf(change.channel()), String.valueOf(change.purpose())),
				before, after));
		return after;
	}

}
