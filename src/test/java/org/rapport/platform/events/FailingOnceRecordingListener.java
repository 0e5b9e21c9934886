package org.rapport.platform.events;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.rapport.interaction.InteractionsRecorded;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hears {@link InteractionsRecorded} as another module would, through the event
 * publication log, and fails the first delivery for a customer armed with
 * {@link #failOnceFor(UUID)} (as a transient database error would). Counts the deliveries
 * that succeeded per customer: the effect that must happen exactly once.
 */
@Component
class FailingOnceRecordingListener {

	private final Set<UUID> armed = ConcurrentHashMap.newKeySet();

	private final Map<UUID, AtomicInteger> delivered = new ConcurrentHashMap<>();

	@ApplicationModuleListener
	void on(InteractionsRecorded event) {
		for (UUID customer : event.customerIds()) {
			if (this.armed.remove(customer)) {
				throw new IllegalStateException("First delivery for " + customer + " fails");
			}
		}
		event.customerIds()
			.forEach((customer) -> this.delivered.computeIfAbsent(customer, (c) -> new AtomicInteger())
				.incrementAndGet());
	}

	void failOnceFor(UUID customer) {
		this.armed.add(customer);
	}

	int deliveredFor(UUID customer) {
		AtomicInteger count = this.delivered.get(customer);
		return (count != null) ? count.get() : 0;
	}

}
