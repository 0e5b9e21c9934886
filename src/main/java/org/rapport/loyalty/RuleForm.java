package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * The rule form as typed. Every kind's parameters are fields of the one form; the engine
 * says which a kind needs ({@link RuleKind}). Validity dates are whole days in UTC: from
 * the start of {@code validFrom} to the start of the day after {@code validTo}.
 */
record RuleForm(String ruleId, String kind, String group, String name, String unitAmount, String pointsPerUnit,
		String rounding, String sku, String category, String factor, String points, String referrerPoints,
		String wholeMonth, String interactionKind, String outcome, String period, String maxPoints, String validFrom,
		String validTo, String active) {

	static RuleForm blank() {
		return new RuleForm("", "SPEND_RATIO", "base", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
				"true");
	}

	static RuleForm of(EarnRule r) {
		RuleParams p = r.params();
		return new RuleForm(r.id().toString(), r.kind().name(), r.group(), r.name(), text(p.unitAmount()),
				text(p.pointsPerUnit()), p.rounding() == null ? "" : p.rounding().name(), nz(p.sku()), nz(p.category()),
				text(p.factor()), text(p.points()), text(p.referrerPoints()),
				Boolean.TRUE.equals(p.wholeMonth()) ? "true" : "", nz(p.interactionKind()), nz(p.outcome()),
				p.period() == null ? "" : p.period().name(), text(p.maxPoints()), day(r.validFrom(), false),
				day(r.validTo(), true), r.active() ? "true" : "");
	}

	UUID id() {
		return ProgrammeForm.blank(this.ruleId) ? null : UUID.fromString(this.ruleId.strip());
	}

	/** The rule, or null with {@code errors} filled. */
	NewRule rule(Map<String, String> errors) {
		RuleKind k = ProgrammeForm.choice(RuleKind.class, "kind", nz(this.kind), errors);
		RuleParams params = new RuleParams(decimal("unitAmount", this.unitAmount, errors),
				number("pointsPerUnit", this.pointsPerUnit, errors),
				ProgrammeForm.blank(this.rounding) ? null
						: ProgrammeForm.choice(RoundingMode.class, "rounding", this.rounding, errors),
				blankToNull(this.sku), blankToNull(this.category), decimal("factor", this.factor, errors),
				number("points", this.points, errors), number("referrerPoints", this.referrerPoints, errors),
				"true".equals(this.wholeMonth) ? Boolean.TRUE : null, blankToNull(this.interactionKind),
				ProgrammeForm.blank(this.period) ? null
						: ProgrammeForm.choice(RuleParams.CapPeriod.class, "period", this.period, errors),
				number("maxPoints", this.maxPoints, errors), blankToNull(this.outcome));
		Instant from = date("validFrom", this.validFrom, 0, errors);
		Instant to = date("validTo", this.validTo, 1, errors);
		if (!errors.isEmpty()) {
			return null;
		}
		return new NewRule(k, ProgrammeForm.trim(this.group), ProgrammeForm.trim(this.name), params, from, to,
				"true".equals(this.active));
	}

	private static BigDecimal decimal(String field, String text, Map<String, String> errors) {
		return ProgrammeForm.blank(text) ? null : ProgrammeForm.decimal(field, text, errors);
	}

	static Long number(String field, String text, Map<String, String> errors) {
		if (ProgrammeForm.blank(text)) {
			return null;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			errors.put(field, LoyaltyConsole.WHOLE_NUMBER.key());
			return null;
		}
	}

	static Instant date(String field, String text, int plusDays, Map<String, String> errors) {
		if (ProgrammeForm.blank(text)) {
			return null;
		}
		try {
			return LocalDate.parse(text.strip()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
		}
		catch (RuntimeException ex) {
			errors.put(field, LoyaltyConsole.DATE.key());
			return null;
		}
	}

	static String day(Instant at, boolean exclusiveEnd) {
		if (at == null) {
			return "";
		}
		LocalDate d = at.atZone(ZoneOffset.UTC).toLocalDate();
		return (exclusiveEnd ? d.minusDays(1) : d).toString();
	}

	static String text(Object value) {
		if (value == null) {
			return "";
		}
		return (value instanceof BigDecimal b) ? b.stripTrailingZeros().toPlainString() : value.toString();
	}

	private static String nz(String s) {
		return s == null ? "" : s;
	}

	private static String blankToNull(String s) {
		return ProgrammeForm.blank(s) ? null : s.strip();
	}

}
