package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

/** The tier, offer, impact and migration services the facade delegates to. */
@Component
record TierDesk(Tiers tiers, TierOffers offers, ImpactPreview impact, ProgrammeMigration migration, Clock clock) {

	Instant now() {
		return this.clock.instant();
	}

}
