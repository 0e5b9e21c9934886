package org.rapport.loyalty;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.rapport.platform.web.ApiException;

import org.springframework.context.MessageSource;

/**
 * A tier ladder as typed: measure, window, grace and one tier a line, lowest first, as
 * {@code code; name; threshold; earn multiplier; discount %; priority (yes/no); gifts}
 * (the last four may be left out). Parsed into a {@link TierLadder} checked by its own
 * rules, with one message per field.
 */
record TierLadderForm(String measure, String window, String graceMonths, String tiers) {

	static TierLadderForm blank() {
		return new TierLadderForm("POINTS_EARNED", "ROLLING_12_MONTHS", "0", "");
	}

	static TierLadderForm of(TierLadder ladder) {
		return new TierLadderForm(ladder.measure().name(), ladder.window().name(), String.valueOf(ladder.graceMonths()),
				ladder.tiers().stream().map(TierLadderForm::line).collect(Collectors.joining("\n")));
	}

	/** Whether no tier was typed (no ladder change). */
	boolean isEmpty() {
		return ProgrammeForm.blank(this.tiers);
	}

	/** The ladder, or null with {@code errors} filled (in English). */
	TierLadder ladder(Map<String, String> errors) {
		return ladder(errors, null);
	}

	/**
	 * The ladder, or null with {@code errors} filled: what the ladder's checks refused in
	 * the language of the request being served.
	 */
	TierLadder ladder(Map<String, String> errors, MessageSource messages) {
		TierLadder.Measure m = ProgrammeForm.choice(TierLadder.Measure.class, "measure", nz(this.measure), errors);
		TierLadder.Window w = ProgrammeForm.choice(TierLadder.Window.class, "window", nz(this.window), errors);
		int grace = ProgrammeForm.whole("graceMonths", nz(this.graceMonths), errors);
		List<Tier> list = new ArrayList<>();
		for (String row : nz(this.tiers).split("\\R")) {
			if (row.isBlank()) {
				continue;
			}
			try {
				list.add(tier(row.split(";", -1)));
			}
			catch (RuntimeException ex) {
				errors.put("tiers", "loyalty.tiers.lineFormat");
			}
		}
		if (!errors.isEmpty()) {
			return null;
		}
		try {
			return new TierLadder(m, w, grace, list).validated();
		}
		catch (ApiException ex) {
			errors.putAll(LoyaltyConsole.errors(ex, messages));
			return null;
		}
	}

	private static Tier tier(String[] f) {
		if (f.length < 3 || f[0].isBlank() || f[1].isBlank()) {
			throw new IllegalArgumentException("code, name and threshold are needed");
		}
		BigDecimal multiplier = optional(f, 3) ? new BigDecimal(f[3].strip()) : null;
		BigDecimal discount = optional(f, 4) ? new BigDecimal(f[4].strip()) : null;
		boolean priority = optional(f, 5) && List.of("yes", "true", "y", "1", "sí", "si", "да", "ya")
			.contains(f[5].strip().toLowerCase(Locale.ROOT));
		String gifts = optional(f, 6) ? f[6].strip() : null;
		return new Tier(f[0].strip(), f[1].strip(), new BigDecimal(f[2].strip()), multiplier, discount, priority,
				gifts);
	}

	private static boolean optional(String[] f, int i) {
		return f.length > i && !f[i].isBlank();
	}

	private static String line(Tier t) {
		return String.join("; ", t.code(), t.name(), t.threshold().stripTrailingZeros().toPlainString(),
				t.multiplier().stripTrailingZeros().toPlainString(), t.discount().stripTrailingZeros().toPlainString(),
				t.priorityService() ? "yes" : "no", (t.gifts() == null) ? "" : t.gifts())
			.strip();
	}

	private static String nz(String s) {
		return (s == null) ? "" : s;
	}

}
