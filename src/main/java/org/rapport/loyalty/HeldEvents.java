package org.rapport.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events of an earning published at once or, while an earning in a savepoint holds
 * them (ADR 0049), kept until the savepoint is released: a listener must never hear of
 * points that were rolled back to the savepoint (a transactional listener would be
 * registered for the transaction's commit, and a tier upgrade queued for it, even though
 * the earning was undone). Bound to the thread, like the transaction.
 */
final class HeldEvents {

	/** Bound while an earning holds its events: the list they are kept in. */
	private static final Object HELD = new Object();

	/** Bound while held events are released after their tiers were re-qualified. */
	private static final Object REQUALIFIED = new Object();

	private HeldEvents() {
	}

	/** Publishes the event, or keeps it when an earning holds its events. */
	static void publish(ApplicationEventPublisher events, Object event) {
		@SuppressWarnings("unchecked")
		List<Object> held = (List<Object>) TransactionSynchronizationManager.getResource(HELD);
		if (held != null) {
			held.add(event);
		}
		else {
			events.publishEvent(event);
		}
	}

	/**
	 * Runs the work holding the events it publishes; answers them (none are published
	 * when the work throws).
	 */
	static List<Object> holding(Runnable work) {
		List<Object> held = new ArrayList<>();
		TransactionSynchronizationManager.bindResource(HELD, held);
		try {
			work.run();
		}
		finally {
			TransactionSynchronizationManager.unbindResource(HELD);
		}
		return held;
	}

	/** The events of this type held so far by the running earning. */
	static <T> List<T> held(Class<T> type) {
		@SuppressWarnings("unchecked")
		List<Object> held = (List<Object>) TransactionSynchronizationManager.getResource(HELD);
		return (held == null) ? List.of() : held.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/**
	 * Publishes the events held, whose members' tiers were already re-qualified (so that
	 * {@link Tiers} does not queue them again).
	 */
	static void release(List<Object> held, Consumer<Object> publish) {
		if (held.isEmpty()) {
			return;
		}
		TransactionSynchronizationManager.bindResource(REQUALIFIED, Boolean.TRUE);
		try {
			held.forEach(publish);
		}
		finally {
			TransactionSynchronizationManager.unbindResource(REQUALIFIED);
		}
	}

	/** Whether the events being published are held ones already re-qualified. */
	static boolean requalified() {
		return TransactionSynchronizationManager.hasResource(REQUALIFIED);
	}

}
