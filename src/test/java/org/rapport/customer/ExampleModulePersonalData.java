package org.rapport.customer;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** Stands for another module's part of the personal-data export. */
@Component
class ExampleModulePersonalData implements PersonalDataContributor {

	@Override
	public String section() {
		return "exampleModule";
	}

	@Override
	public Object personalData(UUID customerId) {
		return Map.of("visitsOf", customerId);
	}

}
