package org.rapport.analytics.clv;

import java.util.Locale;

/**
 * The purchase model of {@code analytics clv --model}: BG/NBD (the default) or
 * Pareto/NBD, by its option value and its key in the JSON summary.
 */
enum PurchaseModelName {

	BG_NBD("bg-nbd"), PARETO_NBD("pareto-nbd");

	private final String option;

	PurchaseModelName(String option) {
		this.option = option;
	}

	String option() {
		return this.option;
	}

	/** bg_nbd or pareto_nbd: the JSON key of the fit and the name of its timing step. */
	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	static PurchaseModelName parse(String text) {
		return switch (text.toLowerCase(Locale.ROOT)) {
			case "bg-nbd", "bgnbd", "bg_nbd" -> BG_NBD;
			case "pareto-nbd", "paretonbd", "pareto_nbd" -> PARETO_NBD;
			default -> throw new IllegalArgumentException("--model must be bg-nbd or pareto-nbd, got " + text);
		};
	}

}
