package org.rapport.interaction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Hears {@link InteractionsImported} as another module would: after the publishing
 * transaction commits, through the event publication log.
 */
@Component
class ImportedInteractionsProbe {

	private final List<InteractionsImported> heard = new CopyOnWriteArrayList<>();

	@ApplicationModuleListener
	void on(InteractionsImported event) {
		this.heard.add(event);
	}

	List<InteractionsImported> from(String sourceSystem) {
		return this.heard.stream().filter((e) -> e.sourceSystem().equals(sourceSystem)).toList();
	}

}
