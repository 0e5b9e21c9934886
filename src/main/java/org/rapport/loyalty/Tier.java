package org.rapport.loyalty;

import java.math.BigDecimal;

/**
 * One step of a tier ladder and its benefits. {@code threshold} is in the ladder's
 * measure (points earned, spend in the programme's currency, or purchases) over the
 * qualification window.
 */
public record Tier(String code, String name, BigDecimal threshold, BigDecimal earnMultiplier,
		BigDecimal discountPercent, boolean priorityService, String gifts) {

	public BigDecimal multiplier() {
		return (this.earnMultiplier == null) ? BigDecimal.ONE : this.earnMultiplier;
	}

	public BigDecimal discount() {
		return (this.discountPercent == null) ? BigDecimal.ZERO : this.discountPercent;
	}

	/** The benefits this tier gives that {@code other} (null: no tier) does not. */
	public java.util.List<String> benefitsBeyond(Tier other) {
		java.util.List<String> lost = new java.util.ArrayList<>();
		if (multiplier().compareTo((other == null) ? BigDecimal.ONE : other.multiplier()) > 0) {
			lost.add("earn multiplier ×" + multiplier().stripTrailingZeros().toPlainString());
		}
		if (discount().compareTo((other == null) ? BigDecimal.ZERO : other.discount()) > 0) {
			lost.add("discount " + discount().stripTrailingZeros().toPlainString() + " %");
		}
		if (this.priorityService && (other == null || !other.priorityService())) {
			lost.add("priority service");
		}
		if (this.gifts != null && !this.gifts.isBlank() && (other == null || !this.gifts.equals(other.gifts()))) {
			lost.add("gifts: " + this.gifts);
		}
		return lost;
	}

}
