package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the rules look at: a purchase with its lines, or another interaction ({@code kind}
 * other than PURCHASE, e.g. SURVEY_ANSWER) that may earn an event bonus; a contact with
 * how it ended ({@code outcome}, e.g. REFUSED: an apology bonus names it).
 */
public record Basket(String kind, Instant occurredAt, String currency, BigDecimal total, List<Line> lines,
		String outcome) {

	/** A basket whose outcome does not matter (a purchase, a return). */
	public Basket(String kind, Instant occurredAt, String currency, BigDecimal total, List<Line> lines) {
		this(kind, occurredAt, currency, total, lines, null);
	}

	public record Line(String sku, String category, BigDecimal quantity, BigDecimal amount) {
	}

	public Basket {
		kind = (kind == null) ? "PURCHASE" : kind;
		lines = (lines == null) ? List.of() : List.copyOf(lines);
		outcome = (outcome == null || outcome.isBlank()) ? null : outcome.strip().toUpperCase(java.util.Locale.ROOT);
	}

	public boolean isPurchase() {
		return "PURCHASE".equals(this.kind);
	}

}
