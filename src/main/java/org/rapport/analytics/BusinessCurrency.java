package org.rapport.analytics;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The installation's business currency, the one the interaction figures count
 * ({@code rapport.interactions.business-currency}); analytics counts the same money.
 */
@Component
class BusinessCurrency {

	private final String code;

	BusinessCurrency(@Value("${rapport.interactions.business-currency:EUR}") String code) {
		this.code = code;
	}

	String code() {
		return this.code;
	}

}
