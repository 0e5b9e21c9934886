package org.rapport.loyalty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.rapport.interaction.Outcome;
import org.rapport.platform.web.Wording;
import org.rapport.platform.web.Wordings;

/**
 * The sentences the loyalty engine stores in English and shows in the reader's language
 * (ADR 0092): the ledger's reasons, the rule-by-rule explanations of an earning and the
 * reasons of tier changes. Each is written through its wording here, so that
 * {@link #REASONS}, {@link #EXPLANATIONS} and {@link #TIER_CHANGES} read every one of
 * them back; what a person typed (an adjustment's reason, a partner's) is shown as typed.
 */
final class LoyaltyWordings {

	/** The interaction kinds, as the interactions module names them. */
	private static final List<String> KINDS = List.of("PURCHASE", "RETURN", "VISIT", "CALL", "EMAIL", "WEB",
			"SERVICE_REQUEST", "SURVEY_ANSWER", "CAMPAIGN_CONTACT");

	/**
	 * How a contact may end ({@link Outcome}), as a reason or an explanation writes it:
	 * "refused", "no answer". Shown by the keys {@code loyalty.reason.outcome.<name>}.
	 */
	private static final String[] OUTCOMES = Arrays.stream(Outcome.values())
		.map(LoyaltyWordings::outcome)
		.toArray(String[]::new);

	private static final String OUTCOME_KEYS = "loyalty.reason.outcome.";

	// the ledger's reasons

	static final Wording PURCHASE = Wording.of("loyalty.reason.purchase", "Purchase of {0} {1}");

	static final Wording REFERRAL = Wording.of("loyalty.reason.referral", "Referral: first purchase of member {0}");

	static final Wording RETURN = Wording.of("loyalty.reason.return",
			"Return {0} of {1} on purchase {2}: {3} of {4} points reversed");

	static final Wording RETURN_FORGIVEN = Wording.of("loyalty.reason.return-forgiven",
			"Return {0} of {1} on purchase {2}: {3} of {4} points reversed, {5} forgiven (balance capped at zero)");

	static final Wording ACTIVATED = Wording.of("loyalty.reason.activated", "Return window over: points available");

	static final Wording EXPIRED = Wording.of("loyalty.reason.expired", "Expired: earned {0}");

	static final Wording MERGED = Wording.of("loyalty.reason.merged", "Customer merge: account {0} combined into {1}");

	static final Wording TRANSFER_TO = Wording.of("loyalty.reason.transfer-to", "{0} (to {1})");

	static final Wording TRANSFER_FROM = Wording.of("loyalty.reason.transfer-from", "{0} (from {1})");

	static final Wording REWARD = Wording.of("loyalty.reason.reward", "Reward: {0}");

	static final Wording PAID_WITH_POINTS = Wording.of("loyalty.reason.paid-with-points", "Paid with points: {0}");

	static final Wording CANCELLED = Wording.of("loyalty.reason.cancelled", "Cancelled redemption {0}");

	static final Wording CANCELLED_WHY = Wording.of("loyalty.reason.cancelled-why", "Cancelled redemption {0}: {1}");

	static final Wording CANCELLED_REWARD = Wording.of("loyalty.reason.cancelled-reward",
			"Cancelled redemption {0} ({1})");

	static final Wording CANCELLED_REWARD_WHY = Wording.of("loyalty.reason.cancelled-reward-why",
			"Cancelled redemption {0} ({1}): {2}");

	static final Wording MIGRATED = Wording.of("loyalty.reason.migrated", "Programme migration {0} → {1}");

	/**
	 * An earning by an interaction other than a purchase, by its kind: "Survey answer".
	 */
	static final List<Wording> EVENTS = events(false);

	/** The same with how it ended: "Call refused". */
	static final List<Wording> EVENTS_WITH_OUTCOME = events(true);

	// the steps of an earning

	static final Wording OTHER_CURRENCY = Wording.of("loyalty.explain.other-currency",
			"The purchase is in {0}, the programme in {1}: no points");

	static final Wording NOT_VALID = Wording.of("loyalty.explain.not-valid", "Not valid at {0}");

	static final Wording NOT_COUNTED = Wording
		.of("loyalty.explain.not-counted", "{0}; not counted: best of group ''{1}'' is {2}")
		.sentencesAt(0);

	static final Wording TIER_MULTIPLIER = Wording.of("loyalty.explain.tier-multiplier",
			"Tier multiplier ×{0} on {1} (rounded down)");

	static final Wording CAP = Wording.of("loyalty.explain.cap", "At most {0} per {1}, {2} earned already: {3} left")
		.namesAt(1, "loyalty.explain.period.", "DAY", "MONTH", "YEAR");

	static final Wording SPEND_RATIO = Wording
		.of("loyalty.explain.spend-ratio", "{0} × {1} / {2} rounded {3} per purchase")
		.namesAt(3, "loyalty.explain.rounding.", "FLOOR", "HALF_UP", "CEILING");

	static final Wording FIRST_PURCHASE = Wording.of("loyalty.explain.first-purchase",
			"First purchase in the programme");

	static final Wording BIRTHDAY_MONTH = Wording.of("loyalty.explain.birthday-month",
			"Purchase in the birthday month");

	static final Wording BIRTHDAY = Wording.of("loyalty.explain.birthday", "Birthday purchase");

	static final Wording REFERRED = Wording.of("loyalty.explain.referred",
			"First purchase of a referred member; {0} for the member who referred them");

	/**
	 * An event bonus: "Bonus for SURVEY_ANSWER", the kind as the rule names it (shown by
	 * its name in the reader's language when it is one of the interaction kinds).
	 */
	static final Wording EVENT_BONUS = Wording.of("loyalty.explain.event", "Bonus for {0}")
		.namesAt(0, "loyalty.explain.event.kind.", KINDS.toArray(String[]::new));

	/** An event bonus for a contact that ended a given way: "Bonus for CALL refused". */
	static final Wording EVENT_BONUS_WITH_OUTCOME = Wording.of("loyalty.explain.event-outcome", "Bonus for {0} {1}")
		.namesAt(0, "loyalty.explain.event.kind.", KINDS.toArray(String[]::new))
		.namesAt(1, OUTCOME_KEYS, OUTCOMES);

	static final Wording PRODUCT_MULTIPLIER = Wording.of("loyalty.explain.product-multiplier",
			"×{0} on product {1}: {2} × base rate × (factor − 1), rounded down");

	static final Wording CATEGORY_MULTIPLIER = Wording.of("loyalty.explain.category-multiplier",
			"×{0} on category {1}: {2} × base rate × (factor − 1), rounded down");

	// the reasons of tier changes

	static final Wording QUALIFIED = Wording.of("loyalty.tier-change.qualified", "Qualified: {0} {1} in the window")
		.sentencesAt(1);

	static final Wording PERIOD_OVER = Wording
		.of("loyalty.tier-change.period-over", "Period and grace over: {0} {1} in the window")
		.sentencesAt(1);

	static final Wording MEASURE_POINTS = Wording.of("loyalty.tier-change.points-earned", "points earned");

	static final Wording MEASURE_SPEND = Wording.of("loyalty.tier-change.spend", "spend");

	static final Wording MEASURE_PURCHASES = Wording.of("loyalty.tier-change.purchases", "purchases");

	static final Wording OVERRIDE = Wording.of("loyalty.tier-change.override", "Override until {0} by {1}: {2}");

	static final Wording OVERRIDE_ENDED = Wording.of("loyalty.tier-change.override-ended",
			"Override ended early by {0}: {1}");

	/** Everything a movement's reason may hold. */
	static final Wordings REASONS = reasons();

	/** Everything a step of an earning may say. */
	static final Wordings EXPLANATIONS = Wordings.of(OTHER_CURRENCY, NOT_VALID, NOT_COUNTED, TIER_MULTIPLIER, CAP,
			SPEND_RATIO, FIRST_PURCHASE, BIRTHDAY_MONTH, BIRTHDAY, REFERRED, EVENT_BONUS, EVENT_BONUS_WITH_OUTCOME,
			PRODUCT_MULTIPLIER, CATEGORY_MULTIPLIER);

	/** Everything a tier change's reason may hold. */
	static final Wordings TIER_CHANGES = Wordings.of(QUALIFIED, PERIOD_OVER, MEASURE_POINTS, MEASURE_SPEND,
			MEASURE_PURCHASES, OVERRIDE, OVERRIDE_ENDED);

	private LoyaltyWordings() {
	}

	/** The wording of a measure of the tier ladder, for the tier jobs' reasons. */
	static Wording measure(TierLadder.Measure measure) {
		return switch (measure) {
			case POINTS_EARNED -> MEASURE_POINTS;
			case SPEND -> MEASURE_SPEND;
			case PURCHASES -> MEASURE_PURCHASES;
		};
	}

	/**
	 * The reason of an earning by an interaction that is not a purchase: its kind
	 * ("Survey answer"), with how it ended when it has an outcome ("Call refused").
	 */
	static String event(String kind, String outcome) {
		String code = kind.toUpperCase(Locale.ROOT);
		int at = kindIndex(code);
		String shown = (outcome == null) ? null : outcome(outcome);
		if (at < 0) {
			String named = humanised(code);
			return (shown == null) ? named : named + " " + shown;
		}
		return (shown == null) ? EVENTS.get(at).stored() : EVENTS_WITH_OUTCOME.get(at).stored(shown);
	}

	/**
	 * The explanation of an event bonus: the kind the rule names ("Bonus for
	 * SURVEY_ANSWER"), with the outcome it asks for ("Bonus for CALL refused").
	 */
	static String eventBonus(String kind, String outcome) {
		return (outcome == null) ? EVENT_BONUS.stored(kind) : EVENT_BONUS_WITH_OUTCOME.stored(kind, outcome(outcome));
	}

	/** How a contact ended, as a sentence writes it: REFUSED is "refused". */
	private static String outcome(Object outcome) {
		return String.valueOf(outcome).toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	private static int kindIndex(String code) {
		return KINDS.indexOf(code);
	}

	private static List<Wording> events(boolean withOutcome) {
		List<Wording> wordings = new ArrayList<>();
		for (String kind : KINDS) {
			String key = "loyalty.reason.event." + kind.toLowerCase(Locale.ROOT).replace('_', '-')
					+ (withOutcome ? "-outcome" : "");
			Wording wording = Wording.of(key, humanised(kind) + (withOutcome ? " {0}" : ""));
			wordings.add(withOutcome ? wording.namesAt(0, OUTCOME_KEYS, OUTCOMES) : wording);
		}
		return List.copyOf(wordings);
	}

	private static String humanised(String code) {
		String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private static Wordings reasons() {
		List<Wording> all = new ArrayList<>(List.of(PURCHASE, REFERRAL, RETURN, RETURN_FORGIVEN, ACTIVATED, EXPIRED,
				MERGED, TRANSFER_TO, TRANSFER_FROM, REWARD, PAID_WITH_POINTS, CANCELLED, CANCELLED_WHY,
				CANCELLED_REWARD, CANCELLED_REWARD_WHY, MIGRATED));
		all.addAll(EVENTS);
		all.addAll(EVENTS_WITH_OUTCOME);
		return Wordings.of(all);
	}

}
