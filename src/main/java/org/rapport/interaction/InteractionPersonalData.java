package org.rapport.interaction;

import java.util.UUID;

import org.rapport.customer.PersonalDataContributor;

import org.springframework.stereotype.Component;

/** Adds the customer's interactions, with their lines, to the personal-data export. */
@Component
class InteractionPersonalData implements PersonalDataContributor {

	private final InteractionQueries queries;

	private final FiguresStore figures;

	InteractionPersonalData(InteractionQueries queries, FiguresStore figures) {
		this.queries = queries;
		this.figures = figures;
	}

	@Override
	public String section() {
		return "interactions";
	}

	@Override
	public Object personalData(UUID customerId) {
		return java.util.Map.of("timeline",
				this.queries.timeline(customerId, TimelineFilter.all(), 0, Integer.MAX_VALUE - 1, null).items(),
				"figures", this.figures.find(customerId).map(Object.class::cast).orElse(java.util.Map.of()));
	}

}
