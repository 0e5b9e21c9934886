package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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

	/**
	 * The benefits this tier gives that {@code other} (null: no tier) does not, in
	 * English: what the impact preview's API and CSV list.
	 */
	public List<String> benefitsBeyond(Tier other) {
		return lostTo(other).inEnglish();
	}

	/**
	 * The benefits this tier gives that {@code other} (null: no tier) does not, as
	 * values, so that a page shows them in its language as the tier ladder does.
	 */
	public Benefits lostTo(Tier other) {
		boolean multiplier = multiplier().compareTo((other == null) ? BigDecimal.ONE : other.multiplier()) > 0;
		boolean discount = discount().compareTo((other == null) ? BigDecimal.ZERO : other.discount()) > 0;
		boolean priority = this.priorityService && (other == null || !other.priorityService());
		boolean gifts = this.gifts != null && !this.gifts.isBlank()
				&& (other == null || !this.gifts.equals(other.gifts()));
		return new Benefits(multiplier ? multiplier() : null, discount ? discount() : null, priority,
				gifts ? this.gifts : null);
	}

	/**
	 * Some benefits of a tier: the earn multiplier, the discount and the gifts when given
	 * (null otherwise), priority service or not. The accessors are the tier's own, so the
	 * console's benefits fragment ({@code loyalty/benefits}) shows them with the tier
	 * ladder's words.
	 */
	public record Benefits(BigDecimal earnMultiplier, BigDecimal discountPercent, boolean priorityService,
			String gifts) {

		/** No benefit at all. */
		public static final Benefits NONE = new Benefits(null, null, false, null);

		public BigDecimal multiplier() {
			return (this.earnMultiplier == null) ? BigDecimal.ONE : this.earnMultiplier;
		}

		public boolean isEmpty() {
			return this.earnMultiplier == null && this.discountPercent == null && !this.priorityService
					&& this.gifts == null;
		}

		/** The benefits in English, e.g. "earn multiplier ×1.5", "discount 10 %". */
		public List<String> inEnglish() {
			List<String> english = new ArrayList<>();
			if (this.earnMultiplier != null) {
				english.add("earn multiplier ×" + this.earnMultiplier.stripTrailingZeros().toPlainString());
			}
			if (this.discountPercent != null) {
				english.add("discount " + this.discountPercent.stripTrailingZeros().toPlainString() + " %");
			}
			if (this.priorityService) {
				english.add("priority service");
			}
			if (this.gifts != null) {
				english.add("gifts: " + this.gifts);
			}
			return english;
		}

	}

}
