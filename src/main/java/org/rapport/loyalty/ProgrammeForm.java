package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.rapport.customer.ConsentPurpose;

/**
 * The programme settings form as typed: text fields, parsed into
 * {@link ProgrammeSettings} with one message per field that is not a value.
 * {@code groups} lists the rule groups as {@code name=STACK, other=BEST_OF};
 * {@code voucherCodeRequired} is the checkbox's {@code true}, or nothing when unticked.
 */
record ProgrammeForm(String code, String name, String currency, String pointName, String pointValue,
		String returnWindowDays, String expiryPolicy, String expiryMonths, String expiryPeriodMonths,
		String negativeBalance, String requiredConsent, String groups, String cardPrefix, String voucherCodeRequired,
		String version) {

	static ProgrammeForm blank() {
		return new ProgrammeForm("", "", "EUR", "points", "0.01", "30", "ROLLING", "12", "12", "CAP_AT_ZERO", "",
				"base=STACK, bonus=BEST_OF", "600", "false", "");
	}

	static ProgrammeForm of(LoyaltyProgramme p) {
		return new ProgrammeForm(p.code(), p.name(), p.currency(), p.pointName(), p.pointValue().toPlainString(),
				String.valueOf(p.returnWindowDays()), p.expiryPolicy().name(), String.valueOf(p.expiryMonths()),
				String.valueOf(p.expiryPeriodMonths()), p.negativeBalance().name(),
				p.requiredConsent() == null ? "" : p.requiredConsent().name(),
				p.combination()
					.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map((e) -> e.getKey() + "=" + e.getValue())
					.collect(Collectors.joining(", ")),
				p.cardPrefix(), String.valueOf(p.voucherCodeRequired()), String.valueOf(p.version()));
	}

	/** The same form for the programme {@code code} (which does not change). */
	ProgrammeForm withCode(String code) {
		return new ProgrammeForm(code, this.name, this.currency, this.pointName, this.pointValue, this.returnWindowDays,
				this.expiryPolicy, this.expiryMonths, this.expiryPeriodMonths, this.negativeBalance,
				this.requiredConsent, this.groups, this.cardPrefix, this.voucherCodeRequired, this.version);
	}

	/** The settings, or null with {@code errors} filled. */
	ProgrammeSettings settings(Map<String, String> errors) {
		BigDecimal value = decimal("pointValue", this.pointValue, errors);
		int window = whole("returnWindowDays", this.returnWindowDays, errors);
		int months = whole("expiryMonths", this.expiryMonths, errors);
		int period = whole("expiryPeriodMonths", this.expiryPeriodMonths, errors);
		ExpiryPolicy expiry = choice(ExpiryPolicy.class, "expiryPolicy", this.expiryPolicy, errors);
		NegativeBalancePolicy negative = choice(NegativeBalancePolicy.class, "negativeBalance", this.negativeBalance,
				errors);
		ConsentPurpose consent = blank(this.requiredConsent) ? null
				: choice(ConsentPurpose.class, "requiredConsent", this.requiredConsent, errors);
		Map<String, Combination> combination = groups(errors);
		if (!errors.isEmpty()) {
			return null;
		}
		return new ProgrammeSettings(trim(this.code), trim(this.name), trim(this.currency), trim(this.pointName), value,
				window, expiry, months, period, negative, consent, combination,
				blank(this.cardPrefix) ? null : this.cardPrefix.strip(), "true".equals(trim(this.voucherCodeRequired)));
	}

	private Map<String, Combination> groups(Map<String, String> errors) {
		Map<String, Combination> result = new LinkedHashMap<>();
		for (String part : (this.groups == null ? "" : this.groups).split("[,;\\n]")) {
			if (part.isBlank()) {
				continue;
			}
			String[] kv = part.split("=", 2);
			try {
				result.put(kv[0].strip(), Combination.valueOf(kv[1].strip().toUpperCase(java.util.Locale.ROOT)));
			}
			catch (RuntimeException ex) {
				errors.put("groups", LoyaltyConsole.GROUPS.key());
			}
		}
		return result;
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	static String trim(String s) {
		return s == null ? null : s.strip();
	}

	static BigDecimal decimal(String field, String text, Map<String, String> errors) {
		try {
			return new BigDecimal(text.strip());
		}
		catch (RuntimeException ex) {
			errors.put(field, LoyaltyConsole.NUMBER.key());
			return null;
		}
	}

	static int whole(String field, String text, Map<String, String> errors) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (RuntimeException ex) {
			errors.put(field, LoyaltyConsole.WHOLE_NUMBER.key());
			return 0;
		}
	}

	static <E extends Enum<E>> E choice(Class<E> type, String field, String text, Map<String, String> errors) {
		try {
			return Enum.valueOf(type, text.strip());
		}
		catch (RuntimeException ex) {
			errors.put(field, LoyaltyConsole.CHOOSE_ONE.key());
			return null;
		}
	}

}
