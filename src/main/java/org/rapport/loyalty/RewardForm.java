package org.rapport.loyalty;

import java.time.Instant;
import java.util.Map;

/**
 * The reward form as typed: text fields parsed into {@link NewReward} with one message
 * per field that is not a value. Dates are days (UTC); a reward is offered from the start
 * of {@code validFrom} to the end of {@code validTo}. Blank stock or limit: none.
 */
record RewardForm(String id, String name, String description, String costPoints, String stock, String validFrom,
		String validTo, String limitCount, String limitPeriod, String voucherValidDays, String active) {

	static RewardForm blank() {
		return new RewardForm("", "", "", "", "", "", "", "", "LIFETIME", "30", "true");
	}

	static RewardForm of(Reward r) {
		return new RewardForm(r.id().toString(), r.name(), r.description() == null ? "" : r.description(),
				String.valueOf(r.costPoints()), RuleForm.text(r.stock()), RuleForm.day(r.validFrom(), false),
				RuleForm.day(r.validTo(), true), RuleForm.text(r.limitCount()),
				r.limitPeriod() == null ? "LIFETIME" : r.limitPeriod().name(), String.valueOf(r.voucherValidDays()),
				r.active() ? "true" : "");
	}

	/** The reward, or null with {@code errors} filled. */
	NewReward reward(Map<String, String> errors) {
		Long cost = RuleForm.number("costPoints", this.costPoints, errors);
		if (cost == null && !errors.containsKey("costPoints")) {
			errors.put("costPoints", LoyaltyConsole.REWARD_COST.key());
		}
		Integer stock = whole("stock", this.stock, errors);
		Instant from = RuleForm.date("validFrom", this.validFrom, 0, errors);
		Instant to = RuleForm.date("validTo", this.validTo, 1, errors);
		Integer limit = whole("limitCount", this.limitCount, errors);
		Reward.LimitPeriod period = ProgrammeForm.blank(this.limitPeriod) ? null
				: ProgrammeForm.choice(Reward.LimitPeriod.class, "limitPeriod", this.limitPeriod, errors);
		Integer days = whole("voucherValidDays", this.voucherValidDays, errors);
		if (!errors.isEmpty()) {
			return null;
		}
		return new NewReward(ProgrammeForm.trim(this.name),
				ProgrammeForm.blank(this.description) ? null : this.description.strip(), cost, stock, from, to, limit,
				period, days, "true".equals(this.active));
	}

	/** The same reward, no longer offered. */
	static NewReward deactivated(Reward r) {
		return new NewReward(r.name(), r.description(), r.costPoints(), r.stock(), r.validFrom(), r.validTo(),
				r.limitCount(), r.limitPeriod(), r.voucherValidDays(), false);
	}

	private static Integer whole(String field, String text, Map<String, String> errors) {
		Long value = RuleForm.number(field, text, errors);
		if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
			errors.put(field, LoyaltyConsole.TOO_LARGE.key());
			return null;
		}
		return (value == null) ? null : value.intValue();
	}

}
