package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the rules look at: a purchase with its lines, or another interaction ({@code kind}
 * other than PURCHASE, e.g. SURVEY_ANSWER) that may earn an event bonus.
 */
public record Basket(String kind, Instant occurredAt, String currency, BigDecimal total, List<Line> lines) {

	public record Line(String sku, String category, BigDecimal quantity, BigDecimal amount) {
	}

	public Basket {
		kind = (kind == null) ? "PURCHASE" : kind;
		lines = (lines == null) ? List.of() : List.copyOf(lines);
	}

	public boolean isPurchase() {
		return "PURCHASE".equals(this.kind);
	}

}
