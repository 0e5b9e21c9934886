package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rapport.loyalty.Earning.Step;

/**
 * The earning rules as a pure function: programme + rules + member + basket → points,
 * with a step per rule. Order: rules valid at the basket's time are evaluated; spend
 * ratios first (their counted rates are the base rate of product multipliers); the rules
 * of each group combine by the group's policy (STACK adds, BEST_OF keeps the highest,
 * ties to the rule created first); the sum is multiplied by the tier multiplier (rounded
 * down); caps apply last. No database, no clock.
 */
final class RulesEngine {

	/** The most points one purchase earns, all rules and the tier together. */
	static final long MAX_EARNED = 1_000_000_000_000L;

	private static final MathContext MC = MathContext.DECIMAL64;

	private RulesEngine() {
	}

	static Earning evaluate(LoyaltyProgramme programme, List<EarnRule> rules, MemberContext member, Basket basket) {
		if (basket.isPurchase() && !programme.currency().equals(basket.currency())) {
			return Earning.nothing(LoyaltyWordings.OTHER_CURRENCY.stored(basket.currency(), programme.currency()));
		}
		List<EarnRule> ordered = rules.stream().sorted(Comparator.comparing(EarnRule::id)).toList();
		List<Step> notValid = new ArrayList<>();
		List<EarnRule> valid = new ArrayList<>();
		for (EarnRule rule : ordered) {
			if (rule.validAt(basket.occurredAt())) {
				valid.add(rule);
			}
			else {
				notValid.add(step(programme, rule, 0, false, LoyaltyWordings.NOT_VALID.stored(basket.occurredAt())));
			}
		}
		List<Candidate> spend = new ArrayList<>();
		for (EarnRule rule : valid) {
			if (rule.kind() == RuleKind.SPEND_RATIO && basket.isPurchase()) {
				spend.add(spendRatio(rule, basket));
			}
		}
		BigDecimal baseRate = baseRate(programme, spend);
		List<Candidate> candidates = new ArrayList<>(spend);
		for (EarnRule rule : valid) {
			Candidate c = candidate(rule, member, basket, baseRate);
			if (c != null) {
				candidates.add(c);
			}
		}
		List<Step> steps = new ArrayList<>(notValid);
		long subtotal = 0;
		long referrer = 0;
		for (Map.Entry<String, List<Candidate>> group : byGroup(candidates).entrySet()) {
			Combination policy = programme.combination().getOrDefault(group.getKey(), Combination.STACK);
			Candidate best = group.getValue().stream().max(Comparator.comparingLong(Candidate::points)).orElseThrow();
			for (Candidate c : group.getValue()) {
				boolean counted = c.points() > 0 && (policy == Combination.STACK || c == best);
				String why = c.explanation();
				if (!counted && c.points() > 0) {
					why = LoyaltyWordings.NOT_COUNTED.stored(why, group.getKey(), best.rule().name());
				}
				steps.add(step(programme, c.rule(), c.points(), counted, why));
				if (counted) {
					subtotal += c.points();
					referrer += c.referrerPoints();
				}
			}
		}
		long total = capped(new BigDecimal(subtotal).multiply(member.tierMultiplier()).setScale(0, RoundingMode.FLOOR));
		steps.add(new Step(null, "tier", null, null, null, total - subtotal, true, LoyaltyWordings.TIER_MULTIPLIER
			.stored(member.tierMultiplier().stripTrailingZeros().toPlainString(), subtotal)));
		for (EarnRule rule : valid) {
			if (rule.kind() == RuleKind.CAP) {
				long already = member.earnedInPeriod().getOrDefault(rule.params().period(), 0L);
				long room = Math.max(0, rule.params().maxPoints() - already);
				long cut = Math.max(0, total - room);
				total -= cut;
				steps.add(step(programme, rule, -cut, cut > 0,
						LoyaltyWordings.CAP.stored(rule.params().maxPoints(), rule.params().period(), already, room)));
			}
		}
		return new Earning(total, referrer, steps);
	}

	private static Candidate spendRatio(EarnRule rule, Basket basket) {
		RuleParams p = rule.params();
		BigDecimal rate = new BigDecimal(p.pointsPerUnit()).divide(p.unitAmount(), MC);
		long points = capped(basket.total()
			.multiply(new BigDecimal(p.pointsPerUnit()))
			.divide(p.unitAmount(), 6, RoundingMode.HALF_EVEN)
			.setScale(0, p.roundingOrDefault()));
		return new Candidate(rule, points, 0, rate, LoyaltyWordings.SPEND_RATIO.stored(basket.total().toPlainString(),
				p.pointsPerUnit(), p.unitAmount().toPlainString(), p.roundingOrDefault()));
	}

	/**
	 * Points as a whole number the ledger holds, at most {@link #MAX_EARNED}: a purchase
	 * the interactions accept (up to 999,999,999,999.99) under the richest rules the
	 * programme accepts could otherwise earn more than a balance can count.
	 */
	static long capped(BigDecimal points) {
		return points.min(BigDecimal.valueOf(MAX_EARNED)).longValueExact();
	}

	private static BigDecimal baseRate(LoyaltyProgramme programme, List<Candidate> spend) {
		BigDecimal rate = BigDecimal.ZERO;
		for (Map.Entry<String, List<Candidate>> group : byGroup(spend).entrySet()) {
			if (programme.combination().getOrDefault(group.getKey(), Combination.STACK) == Combination.STACK) {
				for (Candidate c : group.getValue()) {
					rate = rate.add(c.rate());
				}
			}
			else {
				rate = rate.add(group.getValue()
					.stream()
					.max(Comparator.comparingLong(Candidate::points))
					.orElseThrow()
					.rate());
			}
		}
		return rate;
	}

	private static Candidate candidate(EarnRule rule, MemberContext member, Basket basket, BigDecimal baseRate) {
		RuleParams p = rule.params();
		return switch (rule.kind()) {
			case PRODUCT_MULTIPLIER -> basket.isPurchase() ? multiplier(rule, basket, baseRate) : null;
			case FIRST_PURCHASE -> (basket.isPurchase() && member.firstPurchase())
					? new Candidate(rule, p.points(), 0, null, LoyaltyWordings.FIRST_PURCHASE.stored()) : null;
			case BIRTHDAY -> (basket.isPurchase() && birthday(member.birthDate(), basket, p))
					? new Candidate(rule, p.points(), 0, null, Boolean.TRUE.equals(p.wholeMonth())
							? LoyaltyWordings.BIRTHDAY_MONTH.stored() : LoyaltyWordings.BIRTHDAY.stored())
					: null;
			case REFERRAL -> (basket.isPurchase() && member.firstPurchase() && member.referred()) ? new Candidate(rule,
					p.points(), p.referrerPoints(), null, LoyaltyWordings.REFERRED.stored(p.referrerPoints())) : null;
			case EVENT -> (basket.kind().equalsIgnoreCase(p.interactionKind())
					&& (p.outcome() == null || p.outcome().equalsIgnoreCase(basket.outcome())))
							? new Candidate(rule, p.points(), 0, null, eventReason(p)) : null;
			case SPEND_RATIO, CAP -> null;
		};
	}

	/** "Bonus for SURVEY_ANSWER"; with an outcome, "Bonus for CALL refused". */
	static String eventReason(RuleParams p) {
		return LoyaltyWordings.eventBonus(p.interactionKind(), p.outcome());
	}

	private static Candidate multiplier(EarnRule rule, Basket basket, BigDecimal baseRate) {
		RuleParams p = rule.params();
		BigDecimal matching = BigDecimal.ZERO;
		for (Basket.Line line : basket.lines()) {
			boolean hit = (p.sku() != null && p.sku().equals(line.sku()))
					|| (p.category() != null && p.category().equals(line.category()));
			if (hit && line.amount() != null) {
				matching = matching.add(line.amount());
			}
		}
		if (matching.signum() == 0) {
			return null;
		}
		long points = capped(matching.multiply(baseRate)
			.multiply(p.factor().subtract(BigDecimal.ONE))
			.setScale(0, RoundingMode.FLOOR));
		String factor = p.factor().stripTrailingZeros().toPlainString();
		String why = (p.sku() != null)
				? LoyaltyWordings.PRODUCT_MULTIPLIER.stored(factor, p.sku(), matching.toPlainString())
				: LoyaltyWordings.CATEGORY_MULTIPLIER.stored(factor, p.category(), matching.toPlainString());
		return new Candidate(rule, points, 0, null, why);
	}

	private static boolean birthday(LocalDate born, Basket basket, RuleParams p) {
		if (born == null) {
			return false;
		}
		LocalDate day = basket.occurredAt().atZone(ZoneOffset.UTC).toLocalDate();
		return day.getMonth() == born.getMonth()
				&& (Boolean.TRUE.equals(p.wholeMonth()) || day.getDayOfMonth() == born.getDayOfMonth());
	}

	private static Map<String, List<Candidate>> byGroup(List<Candidate> candidates) {
		Map<String, List<Candidate>> groups = new LinkedHashMap<>();
		for (Candidate c : candidates) {
			groups.computeIfAbsent(c.rule().group(), (g) -> new ArrayList<>()).add(c);
		}
		return groups;
	}

	private static Step step(LoyaltyProgramme programme, EarnRule rule, long points, boolean counted, String why) {
		return new Step(rule.id(), rule.name(), rule.kind(), rule.group(),
				programme.combination().getOrDefault(rule.group(), Combination.STACK), points, counted, why);
	}

	private record Candidate(EarnRule rule, long points, long referrerPoints, BigDecimal rate, String explanation) {
	}

}
