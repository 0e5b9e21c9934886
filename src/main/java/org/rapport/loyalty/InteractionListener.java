package org.rapport.loyalty;

import java.util.List;

import org.rapport.interaction.InteractionRecorded;
import org.rapport.interaction.InteractionsRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns recorded interactions into points for the customer's accounts (one per
 * programme), in the transaction that records them (ADR 0049): the listener is
 * synchronous, so it hears {@link InteractionsRecorded} when the recording publishes it,
 * just before that transaction commits, and earns for all of its interactions there. The
 * members among all their customers are found with one query, so customers who are not
 * members cost nothing more; then each interaction earns or reverses, in the order
 * recorded per customer, with the idempotent {@link PurchaseEarning} (keys
 * {@code purchase:<id>}, {@code event:<id>}, {@code return:<id>}), and the members who
 * earned are re-qualified for a tier upgrade. The purchase and its points commit
 * together: no second transaction, and no durable publication for loyalty.
 * <p>
 * An earning problem never refuses or loses a sale: the earning runs in a savepoint, and
 * the events it publishes are held until the savepoint is released ({@link HeldEvents}).
 * If it fails, the transaction is rolled back to the savepoint and the interactions are
 * handed to the durable path: an {@link EarningDeferred} is published in the same
 * transaction, through the event publication log, and earned after the commit by
 * {@link #on(EarningDeferred)} with the same keys (so nothing is counted twice), in
 * groups with other deferred deliveries ({@link EarningCombiner}, ADR 0038); a delivery
 * that fails stays incomplete and is delivered again (ADR 0015).
 * <p>
 * Heard outside a transaction (nothing to commit the points with), the interactions are
 * earned at once by the combiner, in a transaction of their own.
 * <p>
 * Imported history ({@code InteractionsImported}) is deliberately not listened to: a
 * history file is the past before the programme or before enrolment, and crediting it
 * would be a retroactive campaign, which is a decision for the programme owner (an
 * adjustment job), not a side effect of an import (ADR 0009).
 */
@Component
class InteractionListener {

	private static final Logger log = LoggerFactory.getLogger(InteractionListener.class);

	private final EarningCombiner earnings;

	private final Tiers tiers;

	private final ApplicationEventPublisher events;

	/** A savepoint in the recording's transaction. */
	private final TransactionTemplate savepoint;

	InteractionListener(EarningCombiner earnings, Tiers tiers, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.earnings = earnings;
		this.tiers = tiers;
		this.events = events;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@EventListener
	void on(InteractionsRecorded recorded) {
		List<InteractionRecorded> interactions = recorded.interactions();
		if (interactions.isEmpty()) {
			return;
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			this.earnings.earn(interactions);
			return;
		}
		List<Object> held;
		try {
			held = this.savepoint.execute((status) -> HeldEvents.holding(() -> {
				this.earnings.earnNow(interactions);
				this.tiers.upgrade(HeldEvents.held(PointsEarned.class));
			}));
		}
		catch (RuntimeException ex) {
			log.warn("Earning for {} recorded interactions failed in their own transaction ({}); "
					+ "they are earned after its commit", interactions.size(), ex.toString());
			this.events.publishEvent(new EarningDeferred(interactions));
			return;
		}
		HeldEvents.release(held, this.events::publishEvent);
	}

	@ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
	void on(EarningDeferred deferred) {
		this.earnings.earn(deferred.interactions());
	}

}
