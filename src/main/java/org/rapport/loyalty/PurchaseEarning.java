package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.customer.Customers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Points for what a member does: a purchase earns pending points (its own idempotent
 * movement keyed by the interaction), a return reverses its purchase's points in
 * proportion to the amount returned, another interaction may earn an event bonus.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class PurchaseEarning {

	private final ProgrammeSnapshots snapshots;

	private final AccountStore accounts;

	private final Ledger ledger;

	private final Customers customers;

	private final TierMultiplier tiers;

	private final ApplicationEventPublisher events;

	private final JsonMapper json;

	private final Clock clock;

	/**
	 * From this many purchases and events on, a group is earned set-based; smaller groups
	 * purchase by purchase, with two statements each (ADR 0033), which costs less there
	 * (ADR 0038).
	 */
	static final int SET_BASED_FROM = 8;

	private volatile int setBasedFrom = SET_BASED_FROM;

	PurchaseEarning(ProgrammeSnapshots snapshots, AccountStore accounts, Ledger ledger, Customers customers,
			TierMultiplier tiers, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
		this.snapshots = snapshots;
		this.accounts = accounts;
		this.ledger = ledger;
		this.customers = customers;
		this.tiers = tiers;
		this.events = events;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * The member context at the time of a basket, read from the account, customer and
	 * ledger.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	MemberContext context(Account account, Instant at) {
		return context(account, at, true);
	}

	/**
	 * The member context; the birth date (a read of the customer's whole record through
	 * the customer front door) only when a rule asks for it.
	 */
	private MemberContext context(Account account, Instant at, boolean birthDate) {
		LocalDate born = birthDate ? this.customers.get(account.customerId()).birthDate() : null;
		return new MemberContext(account.firstPurchaseAt() == null, born, account.referredBy() != null,
				this.tiers.multiplierOf(account.id(), at), this.accounts.earnedInPeriods(account.id(), at));
	}

	/**
	 * Earns for a purchase or event interaction; does nothing when it was counted before.
	 * The balance lock, the account, whether the interaction was counted, the tier
	 * multiplier and the programme's revision come from one statement; the programme, its
	 * rules and ladder from the snapshot kept at that revision (ADR 0033); the lot,
	 * movement, balance, purchase row and first purchase time are written by one
	 * statement (ADR 0022, 0033). Also the path of each purchase of a group smaller than
	 * {@link #SET_BASED_FROM} (ADR 0038).
	 */
	void earn(Account account, UUID interactionId, Basket basket) {
		earnOne(account, interactionId, basket);
	}

	private void earnOne(Account account, UUID interactionId, Basket basket) {
		String key = (basket.isPurchase() ? "purchase:" : "event:") + interactionId;
		AccountStore.EarningState state = this.accounts.lockForEarning(account.id(), key, interactionId);
		if (state.counted()) {
			return;
		}
		ProgrammeSnapshots.Snapshot snapshot = this.snapshots.byId(account.programmeId(), state.programmeRevision());
		LoyaltyProgramme programme = snapshot.programme();
		Account current = state.account();
		LocalDate born = snapshot.has(RuleKind.BIRTHDAY) ? this.customers.get(current.customerId()).birthDate() : null;
		// the points earned so far in the day, month and year only count for caps
		Map<RuleParams.CapPeriod, Long> earnedSoFar = snapshot.has(RuleKind.CAP)
				? this.accounts.earnedInPeriods(current.id(), basket.occurredAt()) : Map.of();
		MemberContext member = new MemberContext(current.firstPurchaseAt() == null, born, current.referredBy() != null,
				state.tierMultiplier(), earnedSoFar);
		Earning earning = RulesEngine.evaluate(programme, snapshot.rules(), member, basket);
		Ledger.PurchaseRow purchase = basket.isPurchase() ? new Ledger.PurchaseRow(interactionId, basket.total(),
				earning.points(), basket.occurredAt(), current.firstPurchaseAt() == null) : null;
		if (earning.points() > 0) {
			boolean pending = basket.isPurchase();
			credit(programme, current, earning.points(), pending, basket.occurredAt(), key, reason(basket),
					interactionId.toString(), this.json.writeValueAsString(earning), purchase);
		}
		else if (purchase != null) {
			this.ledger.recordPurchase(current.id(), purchase);
		}
		if (basket.isPurchase() && earning.referrerPoints() > 0 && current.referredBy() != null) {
			Account referrer = this.accounts.byId(current.referredBy()).orElseThrow();
			if ("ACTIVE".equals(referrer.status())) {
				this.ledger.lock(referrer.id());
				if (this.ledger.find(referrer.id(), "referral:" + current.id()).isEmpty()) {
					credit(programme, referrer, earning.referrerPoints(), true, basket.occurredAt(),
							"referral:" + current.id(), LoyaltyWordings.REFERRAL.stored(current.id()),
							interactionId.toString(), null, null);
				}
			}
		}
	}

	/** Changes {@link #SET_BASED_FROM} (tests: the set-based path for small groups). */
	void setBasedFrom(int purchases) {
		this.setBasedFrom = purchases;
	}

	/** A step of a group earning (ADR 0038), in the order the steps are to be taken. */
	sealed interface Step permits Earn, Reverse {

	}

	/** A purchase or event interaction to earn for a member's account. */
	record Earn(Account account, UUID interactionId, Basket basket) implements Step {
	}

	/** A return to reverse on the accounts that earned on its purchase. */
	record Reverse(UUID returnId, UUID purchaseId, BigDecimal returned, Instant at) implements Step {
	}

	/**
	 * Takes the steps in order, as {@link #earn} and {@link #reverse} would one by one. A
	 * group of fewer than {@link #SET_BASED_FROM} purchases and events does exactly that;
	 * a larger one takes a fixed number of statements for all of them (ADR 0038): the
	 * balance rows of all their accounts are locked and the state of every purchase is
	 * read by one statement; the rules are evaluated in memory, carrying each member's
	 * state from one purchase to the next (the first purchase, what the group has already
	 * counted); and what they earned is written by one statement. Whatever reads the
	 * ledger or writes outside the group (a cap's points so far, a referral bonus, a
	 * return) first writes what the group has earned so far, so it sees the ledger as the
	 * one-by-one path would.
	 */
	void earnAll(List<Step> steps) {
		List<Earn> earns = new ArrayList<>();
		for (Step step : steps) {
			if (step instanceof Earn e) {
				earns.add(e);
			}
		}
		if (earns.size() < this.setBasedFrom) {
			for (Step step : steps) {
				if (step instanceof Earn e) {
					earnOne(e.account(), e.interactionId(), e.basket());
				}
				else if (step instanceof Reverse r) {
					for (AccountStore.Purchase p : this.accounts.purchases(r.purchaseId())) {
						reverse(p, r.returnId(), r.returned(), r.at());
					}
				}
			}
			return;
		}
		List<AccountStore.EarningState> states = this.accounts.lockForEarning(earns.stream()
			.map((e) -> new AccountStore.Want(e.account().id(), key(e.interactionId(), e.basket()), e.interactionId()))
			.toList());
		Group group = new Group();
		int next = 0;
		for (Step step : steps) {
			if (step instanceof Earn e) {
				AccountStore.EarningState state = states.get(next++);
				if (state != null) {
					earn(group, e, state);
				}
			}
			else if (step instanceof Reverse r) {
				group.write();
				for (AccountStore.Purchase p : this.accounts.purchases(r.purchaseId())) {
					reverse(p, r.returnId(), r.returned(), r.at());
				}
			}
		}
		group.write();
	}

	private static String key(UUID interactionId, Basket basket) {
		return (basket.isPurchase() ? "purchase:" : "event:") + interactionId;
	}

	/** One purchase or event of a group, with the state read for it under the lock. */
	private void earn(Group group, Earn e, AccountStore.EarningState state) {
		Basket basket = e.basket();
		UUID interactionId = e.interactionId();
		String key = key(interactionId, basket);
		Member seen = group.member(state.account());
		if (state.counted() || !seen.counted.add(key)) {
			return;
		}
		ProgrammeSnapshots.Snapshot snapshot = this.snapshots.byId(seen.account.programmeId(),
				state.programmeRevision());
		LoyaltyProgramme programme = snapshot.programme();
		Account current = seen.account;
		LocalDate born = snapshot.has(RuleKind.BIRTHDAY) ? this.customers.get(current.customerId()).birthDate() : null;
		Map<RuleParams.CapPeriod, Long> earnedSoFar = Map.of();
		if (snapshot.has(RuleKind.CAP)) {
			group.write();
			earnedSoFar = this.accounts.earnedInPeriods(current.id(), basket.occurredAt());
		}
		boolean first = current.firstPurchaseAt() == null;
		MemberContext member = new MemberContext(first, born, current.referredBy() != null, state.tierMultiplier(),
				earnedSoFar);
		Earning earning = RulesEngine.evaluate(programme, snapshot.rules(), member, basket);
		Ledger.PurchaseRow purchase = basket.isPurchase()
				? new Ledger.PurchaseRow(interactionId, basket.total(), earning.points(), basket.occurredAt(), first)
				: null;
		if (earning.points() > 0) {
			boolean pending = basket.isPurchase();
			Instant at = basket.occurredAt();
			Instant availableAt = pending ? programme.availableAt(at) : at;
			boolean stillPending = pending && availableAt.isAfter(this.clock.instant());
			group.add(
					new Ledger.Earned(current.id(), stillPending ? MovementKind.PENDING : MovementKind.EARN,
							earning.points(), reason(basket), interactionId.toString(), key, at, availableAt,
							programme.expiresAt(at), this.json.writeValueAsString(earning), purchase),
					new PointsEarned(current.id(), current.customerId(), programme.code(), earning.points(),
							stillPending, interactionId.toString(), at),
					!stillPending);
		}
		else if (purchase != null) {
			group.add(new Ledger.Earned(current.id(), null, 0, null, null, null, basket.occurredAt(), null, null, null,
					purchase), null, false);
		}
		if (purchase != null && first) {
			seen.account = new Account(current.id(), current.programmeId(), current.customerId(), current.status(),
					current.enrolledAt(), current.referredBy(), basket.occurredAt());
		}
		if (basket.isPurchase() && earning.referrerPoints() > 0 && current.referredBy() != null) {
			group.write();
			Account referrer = this.accounts.byId(current.referredBy()).orElseThrow();
			if ("ACTIVE".equals(referrer.status())) {
				this.ledger.lock(referrer.id());
				if (this.ledger.find(referrer.id(), "referral:" + current.id()).isEmpty()) {
					credit(programme, referrer, earning.referrerPoints(), true, basket.occurredAt(),
							"referral:" + current.id(), LoyaltyWordings.REFERRAL.stored(current.id()),
							interactionId.toString(), null, null);
				}
			}
		}
	}

	/** A member's state as the group's purchases change it. */
	private static final class Member {

		private Account account;

		private final Set<String> counted = new HashSet<>();

		Member(Account account) {
			this.account = account;
		}

	}

	/** What a group has earned and not written yet. */
	private final class Group {

		private final Map<UUID, Member> members = new HashMap<>();

		private final List<Ledger.Earned> rows = new ArrayList<>();

		private final List<PointsEarned> earned = new ArrayList<>();

		private final Set<UUID> available = new LinkedHashSet<>();

		Member member(Account account) {
			return this.members.computeIfAbsent(account.id(), (id) -> new Member(account));
		}

		void add(Ledger.Earned row, PointsEarned event, boolean availableAtOnce) {
			this.rows.add(row);
			if (event != null) {
				this.earned.add(event);
			}
			if (availableAtOnce) {
				this.available.add(row.accountId());
			}
		}

		/** Writes the rows (one statement), then consumes and publishes as credits do. */
		void write() {
			if (this.rows.isEmpty()) {
				return;
			}
			PurchaseEarning.this.ledger.appendAll(this.rows);
			PurchaseEarning.this.ledger.consumeOldestFirst(this.available);
			this.earned.forEach(PurchaseEarning.this.events::publishEvent);
			this.rows.clear();
			this.earned.clear();
			this.available.clear();
		}

	}

	private UUID credit(LoyaltyProgramme programme, Account account, long points, boolean pending, Instant at,
			String key, String reason, String source, String explanation, Ledger.PurchaseRow purchase) {
		Instant availableAt = pending ? programme.availableAt(at) : at;
		boolean stillPending = pending && availableAt.isAfter(this.clock.instant());
		UUID lot = this.ledger.appendWithLot(new Ledger.Entry(account.id(),
				stillPending ? MovementKind.PENDING : MovementKind.EARN, stillPending ? 0 : points,
				stillPending ? points : 0, reason, "INTERACTION", source, key, at, null, explanation), availableAt,
				programme.expiresAt(at), purchase);
		if (!stillPending) {
			this.ledger.consumeOldestFirst(account.id());
		}
		this.events.publishEvent(new PointsEarned(account.id(), account.customerId(), programme.code(), points,
				stillPending, source, at));
		return lot;
	}

	/**
	 * Reverses what the purchase earned for this account in proportion to the amount
	 * returned so far (rounded half up, never more than it earned, counting earlier
	 * returns).
	 */
	void reverse(AccountStore.Purchase purchase, UUID returnId, BigDecimal returned, Instant at) {
		Balance balance = this.ledger.lock(purchase.accountId());
		String key = "return:" + returnId;
		if (this.ledger.find(purchase.accountId(), key).isPresent() || purchase.pointsEarned() == 0) {
			return;
		}
		AccountStore.Purchase p = this.accounts.purchases(purchase.interactionId())
			.stream()
			.filter((x) -> x.accountId().equals(purchase.accountId()))
			.findFirst()
			.orElseThrow();
		BigDecimal cumulative = p.returnedAmount().add(returned).min(p.total());
		long target = (p.total().signum() == 0) ? p.pointsEarned()
				: new BigDecimal(p.pointsEarned()).multiply(cumulative)
					.divide(p.total(), 0, RoundingMode.HALF_UP)
					.longValueExact();
		long toReverse = Math.max(0, Math.min(target, p.pointsEarned()) - p.pointsReversed());
		Account account = this.accounts.byId(p.accountId()).orElseThrow();
		LoyaltyProgramme programme = this.snapshots.byId(account.programmeId()).programme();
		Ledger.Lot lot = (p.lotId() == null) ? null : this.ledger.lot(p.lotId()).orElse(null);
		long pendingPart = (lot != null && "PENDING".equals(lot.status())) ? Math.min(toReverse, lot.remaining()) : 0;
		long availablePart = toReverse - pendingPart;
		long forgiven = 0;
		if (programme.negativeBalance() == NegativeBalancePolicy.CAP_AT_ZERO) {
			long applied = Math.min(availablePart, Math.max(0, balance.available()));
			forgiven = availablePart - applied;
			availablePart = applied;
		}
		if (lot != null) {
			long fromLot = Math.min(lot.remaining(), pendingPart + availablePart);
			this.ledger.reduceLot(lot.id(), fromLot);
		}
		String reason = (forgiven > 0)
				? LoyaltyWordings.RETURN_FORGIVEN.stored(returnId, returned.toPlainString(), p.interactionId(),
						toReverse, p.pointsEarned(), forgiven)
				: LoyaltyWordings.RETURN.stored(returnId, returned.toPlainString(), p.interactionId(), toReverse,
						p.pointsEarned());
		this.ledger.append(new Ledger.Entry(p.accountId(), MovementKind.REVERSE, -availablePart, -pendingPart, reason,
				"INTERACTION", returnId.toString(), key, at, p.lotId(), null));
		this.ledger.consumeOldestFirst(p.accountId());
		this.accounts.recordReturn(p.accountId(), p.interactionId(), returned, toReverse);
		this.events.publishEvent(new PointsReversed(p.accountId(), account.customerId(), programme.code(),
				p.interactionId(), returnId, toReverse, forgiven, at));
	}

	/**
	 * The ledger's reason for an earning, for people: a purchase with its total and
	 * currency ({@code Purchase of 994.00 EUR}), another interaction by its kind and how
	 * it ended ({@code Survey answer}, {@code Call refused}). The interaction itself is
	 * the movement's source.
	 */
	static String reason(Basket basket) {
		if (basket.isPurchase() && basket.total() != null) {
			return LoyaltyWordings.PURCHASE
				.stored(basket.total().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), basket.currency());
		}
		return LoyaltyWordings.event(basket.kind(), basket.outcome());
	}

}
