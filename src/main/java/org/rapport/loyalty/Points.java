package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Debits and credits made by people and other modules: redemptions, manual adjustments,
 * transfers. Each locks the account's balance first; a repeated idempotency key answers
 * the movement stored under it and changes nothing.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Points {

	/**
	 * The most points one movement made by a person or a partner may move (an adjustment,
	 * a redemption, a transfer, a reward's cost): far above any real one, and far enough
	 * below a balance's limit that no run of them overflows it.
	 */
	static final long MAX_POINTS = 1_000_000_000L;

	private final Ledger ledger;

	private final AuditTrail audit;

	private final Clock clock;

	Points(Ledger ledger, AuditTrail audit, Clock clock) {
		this.ledger = ledger;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Spends points (rewards, counter redemptions); never more than the available
	 * balance.
	 */
	Movement redeem(Account account, long points, String reason, String key) {
		positive(points);
		Balance balance = this.ledger.lock(account.id());
		Optional<Movement> done = this.ledger.find(account.id(), key);
		if (done.isPresent()) {
			return done.get();
		}
		if (points > balance.available()) {
			throw insufficient(balance, points);
		}
		Movement m = this.ledger.append(entry(account, MovementKind.REDEEM, -points, reason, key));
		this.ledger.consumeOldestFirst(account.id());
		return m;
	}

	/**
	 * A manual correction by a permitted person, with a reason, audited. A debit may take
	 * the balance below zero only when the programme allows negative balances.
	 */
	Movement adjust(LoyaltyProgramme programme, Account account, long points, String reason, String key) {
		if (points == 0) {
			throw ApiException.invalid("points", Text.of("loyalty.points.not-zero", "must not be zero"));
		}
		if (points < -MAX_POINTS || points > MAX_POINTS) {
			throw ApiException.invalid("points",
					Text.of("loyalty.points.adjust-range", "between -{0} and {0}", String.valueOf(MAX_POINTS)));
		}
		Balance balance = this.ledger.lock(account.id());
		Optional<Movement> done = this.ledger.find(account.id(), key);
		if (done.isPresent()) {
			return done.get();
		}
		if (points < 0 && -points > balance.available()
				&& programme.negativeBalance() == NegativeBalancePolicy.CAP_AT_ZERO) {
			throw insufficient(balance, -points);
		}
		Movement m = credit(programme, account, MovementKind.ADJUST, points, reason, key);
		this.audit.record(AuditTrail.Change.of("loyalty.adjusted", "loyalty_account", account.id(),
				Text.of("loyalty.audit.adjusted", "Adjusted by {0} {1}: {2}", String.valueOf(points),
						programme.pointName(), reason),
				Map.of("available", balance.available()),
				Map.of("available", balance.available() + points, "movementId", m.id(), "reason", reason)));
		return m;
	}

	/**
	 * Moves available points from one member to another (household pooling): a TRANSFER
	 * pair with the same key. Locks both accounts in id order.
	 */
	Movement transfer(LoyaltyProgramme programme, Account from, Account to, long points, String reason, String key) {
		positive(points);
		if (!from.programmeId().equals(to.programmeId()) || from.id().equals(to.id())) {
			throw ApiException.invalid("toAccountId",
					Text.of("loyalty.points.transfer-target", "must be another member of the same programme"));
		}
		boolean fromFirst = from.id().compareTo(to.id()) < 0;
		Balance first = this.ledger.lock(fromFirst ? from.id() : to.id());
		Balance second = this.ledger.lock(fromFirst ? to.id() : from.id());
		Balance source = fromFirst ? first : second;
		Optional<Movement> done = this.ledger.find(from.id(), key);
		if (done.isPresent()) {
			return done.get();
		}
		if (points > source.available()) {
			throw insufficient(source, points);
		}
		Movement out = this.ledger.append(new Ledger.Entry(from.id(), MovementKind.TRANSFER, -points, 0,
				LoyaltyWordings.TRANSFER_TO.stored(reason, to.id()), "ACCOUNT", to.id().toString(), key, now(), null,
				null));
		this.ledger.consumeOldestFirst(from.id());
		credit(programme, to, MovementKind.TRANSFER, points, LoyaltyWordings.TRANSFER_FROM.stored(reason, from.id()),
				key);
		this.audit.record(AuditTrail.Change.of("loyalty.transferred", "loyalty_account", from.id(),
				Text.of("loyalty.audit.transferred", "Transferred {0} {1} to {2}", String.valueOf(points),
						programme.pointName(), String.valueOf(to.id())),
				null, Map.of("to", to.id(), "points", points, "reason", reason)));
		return out;
	}

	/**
	 * Credits (opening a lot that expires by the programme's policy) or debits available
	 * points.
	 */
	Movement credit(LoyaltyProgramme programme, Account account, MovementKind kind, long points, String reason,
			String key) {
		UUID lot = null;
		Instant now = now();
		if (points > 0) {
			Balance balance = this.ledger.lock(account.id());
			if (balance.available() > Long.MAX_VALUE - points) {
				throw ApiException.conflict("balance-limit", Text.of("loyalty.points.balance-limit",
						"The balance cannot hold {0} more points", String.valueOf(points)));
			}
			lot = this.ledger.openLot(account.id(), false, points, now, now, programme.expiresAt(now));
		}
		Ledger.Entry e = entry(account, kind, points, reason, key);
		Movement m = this.ledger.append(new Ledger.Entry(e.accountId(), kind, points, 0, reason, e.sourceType(),
				e.sourceId(), key, now, lot, null));
		this.ledger.consumeOldestFirst(account.id());
		return m;
	}

	private Ledger.Entry entry(Account account, MovementKind kind, long available, String reason, String key) {
		Actor actor = Actor.current();
		String sourceType = switch (actor.kind()) {
			case STAFF -> "STAFF";
			case API_CLIENT -> "API_CLIENT";
			case SYSTEM -> "SYSTEM";
		};
		return new Ledger.Entry(account.id(), kind, available, 0, reason, sourceType, actor.id(), key, now(), null,
				null);
	}

	private Instant now() {
		return this.clock.instant();
	}

	/**
	 * A number of points one movement by a person or a partner may move: between 1 and
	 * {@link #MAX_POINTS}, else a 400 naming the field {@code points}.
	 */
	static void positive(long points) {
		if (points <= 0 || points > MAX_POINTS) {
			throw ApiException.invalid("points",
					Text.of("loyalty.points.range", "between 1 and {0}", String.valueOf(MAX_POINTS)));
		}
	}

	static ApiException insufficient(Balance balance, long wanted) {
		return new ApiException(HttpStatus.CONFLICT, "insufficient-points",
				Text.of("loyalty.points.not-enough", "Only {0} points are available, {1} asked",
						String.valueOf(balance.available()), String.valueOf(wanted)));
	}

}
