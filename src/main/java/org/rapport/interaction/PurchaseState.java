package org.rapport.interaction;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

/**
 * A purchase as a return sees it: what was bought per line and what has come back so far.
 * It decides whether a return fits ({@link #accept}); an accepted return counts against
 * it, so several returns of one purchase in one batch are checked together.
 */
final class PurchaseState {

	private final UUID id;

	private final UUID customerId;

	private final String currency;

	private final BigDecimal total;

	private final Instant occurredAt;

	private BigDecimal returnedTotal;

	private final List<Line> lines;

	PurchaseState(UUID id, UUID customerId, String currency, BigDecimal total, Instant occurredAt,
			BigDecimal returnedTotal, List<Line> lines) {
		this.id = id;
		this.occurredAt = occurredAt;
		this.customerId = customerId;
		this.currency = currency;
		this.total = total;
		this.returnedTotal = returnedTotal;
		this.lines = List.copyOf(lines);
	}

	/** A purchase line: bought quantity and the quantity returned so far. */
	static final class Line {

		final int lineNo;

		final String sku;

		final BigDecimal quantity;

		BigDecimal returned;

		Line(int lineNo, String sku, BigDecimal quantity, BigDecimal returned) {
			this.lineNo = lineNo;
			this.sku = sku;
			this.quantity = quantity;
			this.returned = returned;
		}

		BigDecimal left() {
			return this.quantity.subtract(this.returned);
		}

	}

	UUID id() {
		return this.id;
	}

	/**
	 * Checks a return against what is left of this purchase and, when it fits, counts it.
	 * @return the problems; empty when the return was accepted
	 */
	List<FieldProblem> accept(UUID customerId, NewInteraction ret, List<Integer> resolvedLineNos) {
		List<FieldProblem> problems = new ArrayList<>();
		if (!this.customerId.equals(customerId)) {
			problems.add(FieldProblem.of("relatedPurchaseId",
					Text.of("interaction.return.other-customer", "is a purchase of another customer")));
			return problems;
		}
		if (ret.occurredAt() != null && ret.occurredAt().isBefore(this.occurredAt)) {
			problems.add(FieldProblem.of("occurredAt", Text.of("interaction.return.before-purchase",
					"must not be before the purchase it returns ({0})", this.occurredAt.toString())));
		}
		if (!this.currency.equals(ret.currency())) {
			problems.add(FieldProblem.of("currency",
					Text.of("interaction.return.currency", "must be the purchase''s currency {0}", this.currency)));
		}
		if (this.returnedTotal.add(ret.total()).compareTo(this.total) > 0) {
			problems.add(FieldProblem.of("total",
					Text.of("interaction.return.total", "returns more than is left of the purchase ({0})",
							this.total.subtract(this.returnedTotal).toPlainString())));
		}
		List<BigDecimal> taking = new ArrayList<>();
		List<Line> taken = new ArrayList<>();
		for (int i = 0; i < ret.lines().size(); i++) {
			NewLine line = ret.lines().get(i);
			Line bought = find(line);
			if (bought == null) {
				problems.add(FieldProblem.of(
						"lines[" + i + "]." + (line.purchaseLineNo() != null ? "purchaseLineNo" : "sku"),
						Text.of("interaction.return.line-unknown", "is not a line of the purchase")));
				continue;
			}
			BigDecimal already = BigDecimal.ZERO;
			for (int j = 0; j < taken.size(); j++) {
				if (taken.get(j) == bought) {
					already = already.add(taking.get(j));
				}
			}
			if (already.add(line.quantity()).compareTo(bought.left()) > 0) {
				problems.add(FieldProblem.of("lines[" + i + "].quantity",
						Text.of("interaction.return.quantity", "returns more than was bought (at most {0} left)",
								bought.left().subtract(already).stripTrailingZeros().toPlainString())));
			}
			taken.add(bought);
			taking.add(line.quantity());
		}
		if (problems.isEmpty()) {
			this.returnedTotal = this.returnedTotal.add(ret.total());
			for (int j = 0; j < taken.size(); j++) {
				taken.get(j).returned = taken.get(j).returned.add(taking.get(j));
				resolvedLineNos.add(taken.get(j).lineNo);
			}
		}
		return problems;
	}

	private Line find(NewLine line) {
		for (Line bought : this.lines) {
			if (line.purchaseLineNo() != null ? bought.lineNo == line.purchaseLineNo() && bought.sku.equals(line.sku())
					: bought.sku.equals(line.sku()) && bought.left().signum() > 0) {
				return bought;
			}
		}
		return null;
	}

}
