package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ingestion rules an installation can tune ({@code rapport.interactions.*}): how far
 * in the future an occurred-at may lie (clock skew of tills), the largest quantity on a
 * line, how far line amounts may differ from the total (rounding), the largest batch, the
 * business currency of the figures, and per source system what to do with an identity
 * nobody holds.
 */
@ConfigurationProperties("rapport.interactions")
record IngestionSettings(@DefaultValue("5m") Duration futureTolerance, @DefaultValue("10000") BigDecimal maxQuantity,
		@DefaultValue("0.05") BigDecimal totalTolerance, @DefaultValue("10000") int maxBatch,
		@DefaultValue("EUR") String businessCurrency, Map<String, Source> sources) {

	IngestionSettings {
		sources = sources == null ? Map.of() : Map.copyOf(sources);
	}

	static IngestionSettings defaults() {
		return new IngestionSettings(Duration.ofMinutes(5), new BigDecimal("10000"), new BigDecimal("0.05"), 10_000,
				"EUR", Map.of());
	}

	/** What a source system does with an identity no customer holds. */
	UnknownIdentity unknownIdentity(String sourceSystem) {
		Source source = sourceSystem == null ? null : this.sources.get(sourceSystem.toLowerCase(Locale.ROOT));
		return (source == null || source.unknownIdentity() == null) ? UnknownIdentity.REJECT : source.unknownIdentity();
	}

	record Source(UnknownIdentity unknownIdentity) {
	}

	enum UnknownIdentity {

		/** Refuse the interaction: the customer must be known first. */
		REJECT,
		/** Create a prospect holding the identity and record the interaction on it. */
		CREATE_PROSPECT

	}

}
