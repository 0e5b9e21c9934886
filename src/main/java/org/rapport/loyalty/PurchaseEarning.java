package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
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
	 * statement (ADR 0022, 0033).
	 */
	void earn(Account account, UUID interactionId, Basket basket) {
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
			credit(programme, current, earning.points(), pending, basket.occurredAt(), key,
					(pending ? "Purchase " : basket.kind() + " ") + interactionId, interactionId.toString(),
					this.json.writeValueAsString(earning), purchase);
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
							"referral:" + current.id(), "Referral: first purchase of member " + current.id(),
							interactionId.toString(), null, null);
				}
			}
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
		String reason = "Return " + returnId + " of " + returned.toPlainString() + " on purchase " + p.interactionId()
				+ ": " + toReverse + " of " + p.pointsEarned() + " points reversed"
				+ ((forgiven > 0) ? ", " + forgiven + " forgiven (balance capped at zero)" : "");
		this.ledger.append(new Ledger.Entry(p.accountId(), MovementKind.REVERSE, -availablePart, -pendingPart, reason,
				"INTERACTION", returnId.toString(), key, at, p.lotId(), null));
		this.ledger.consumeOldestFirst(p.accountId());
		this.accounts.recordReturn(p.accountId(), p.interactionId(), returned, toReverse);
		this.events.publishEvent(new PointsReversed(p.accountId(), account.customerId(), programme.code(),
				p.interactionId(), returnId, toReverse, forgiven, at));
	}

}
