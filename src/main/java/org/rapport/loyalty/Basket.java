package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import org.rapport.interaction.InteractionKind;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

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

	@Schema(name = "BasketLine")
	public record Line(String sku, String category, BigDecimal quantity, BigDecimal amount) {
	}

	public Basket {
		kind = (kind == null) ? "PURCHASE" : kind;
		lines = (lines == null) ? List.of() : List.copyOf(lines);
		outcome = (outcome == null || outcome.isBlank()) ? null : outcome.strip().toUpperCase(java.util.Locale.ROOT);
	}

	/** The largest amount a basket or a line may hold, as for a recorded purchase. */
	static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

	/**
	 * What keeps a simulated basket from being one a till could send: a kind that is not
	 * an interaction's, a negative or absurd total, a line without a positive quantity or
	 * with an amount out of range. Empty when it can be evaluated.
	 */
	List<FieldProblem> problems() {
		List<FieldProblem> problems = new ArrayList<>();
		if (Arrays.stream(InteractionKind.values()).noneMatch((k) -> k.name().equals(this.kind))) {
			problems.add(FieldProblem.of("kind",
					Text.of("loyalty.basket.kind", "must be one of {0}", Arrays.toString(InteractionKind.values()))));
		}
		if (this.total != null && !withinRange(this.total)) {
			problems.add(FieldProblem.of("total",
					Text.of("loyalty.basket.total-range", "must be between 0 and {0}", MAX_AMOUNT.toPlainString())));
		}
		for (Line line : this.lines) {
			if (line == null || line.quantity() == null || line.quantity().signum() <= 0
					|| line.quantity().compareTo(MAX_AMOUNT) > 0 || line.amount() == null
					|| !withinRange(line.amount())) {
				problems.add(FieldProblem.of("lines",
						Text.of("loyalty.basket.lines",
								"each line needs a quantity above 0 and an amount between 0 and {0}",
								MAX_AMOUNT.toPlainString())));
				break;
			}
		}
		return problems;
	}

	private static boolean withinRange(BigDecimal amount) {
		return amount.signum() >= 0 && amount.compareTo(MAX_AMOUNT) <= 0;
	}

	public boolean isPurchase() {
		return "PURCHASE".equals(this.kind);
	}

}
