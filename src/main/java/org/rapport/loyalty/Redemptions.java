package org.rapport.loyalty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.Ids;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Spending points on a reward or on part of a purchase, and cancelling it. Everything
 * happens under the account's lock: the idempotency key, the per-member limit and the
 * balance are checked, the stock is taken, the REDEEM movement written (oldest lots
 * first) and the lots it took from recorded, in one transaction.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Redemptions {

	/** How long a voucher for points paying part of a purchase stays valid. */
	static final Duration PAYMENT_VOUCHER_VALIDITY = Duration.ofDays(1);

	private final Ledger ledger;

	private final Points points;

	private final RewardCatalogue catalogue;

	private final RedemptionStore store;

	private final ApplicationEventPublisher events;

	private final AuditTrail audit;

	private final Clock clock;

	Redemptions(Ledger ledger, Points points, RewardCatalogue catalogue, RedemptionStore store,
			ApplicationEventPublisher events, AuditTrail audit, Clock clock) {
		this.audit = audit;
		this.ledger = ledger;
		this.points = points;
		this.catalogue = catalogue;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	Redemption redeem(LoyaltyProgramme programme, Account account, Reward reward, String key) {
		Balance balance = this.ledger.lock(account.id());
		Optional<RedemptionStore.Row> done = this.store.byKey(account.id(), key);
		if (done.isPresent()) {
			return done.get().redemption();
		}
		Instant now = this.clock.instant();
		if (!reward.offeredAt(now)) {
			throw ApiException.conflict("reward-unavailable",
					Text.of("loyalty.reward.not-offered", "The reward {0} is not offered now", reward.name()));
		}
		if (reward.limitCount() != null && this.store.countSince(reward.id(), account.id(),
				periodStart(reward.limitPeriod(), now)) >= reward.limitCount()) {
			throw ApiException.conflict("limit-reached",
					limitReached(reward.limitPeriod(), reward.name(), String.valueOf(reward.limitCount())));
		}
		if (reward.costPoints() > balance.available()) {
			throw Points.insufficient(balance, reward.costPoints());
		}
		if (reward.stock() != null && !this.catalogue.takeOne(reward.id())) {
			throw ApiException.conflict("out-of-stock",
					Text.of("loyalty.reward.out-of-stock", "The reward {0} is out of stock", reward.name()));
		}
		return issue(programme, account, reward, reward.costPoints(), LoyaltyWordings.REWARD.stored(reward.name()), key,
				now.plus(Duration.ofDays(reward.voucherValidDays())));
	}

	/**
	 * Points paying part of a purchase: any number up to the available balance, worth
	 * their value in the programme's currency; the voucher tells the till how much.
	 */
	Redemption pay(LoyaltyProgramme programme, Account account, long pointsToPay, String reason, String key) {
		if (pointsToPay <= 0) {
			throw ApiException.invalid("points", Text.of("loyalty.points.positive", "must be a positive number"));
		}
		Balance balance = this.ledger.lock(account.id());
		Optional<RedemptionStore.Row> done = this.store.byKey(account.id(), key);
		if (done.isPresent()) {
			return done.get().redemption();
		}
		if (pointsToPay > balance.available()) {
			throw Points.insufficient(balance, pointsToPay);
		}
		return issue(programme, account, null, pointsToPay, LoyaltyWordings.PAID_WITH_POINTS.stored(reason), key,
				this.clock.instant().plus(PAYMENT_VOUCHER_VALIDITY));
	}

	private Redemption issue(LoyaltyProgramme programme, Account account, Reward reward, long cost, String reason,
			String key, Instant expiresAt) {
		Movement debit = this.points.redeem(account, cost, reason, "redemption:" + key);
		UUID id = Ids.next(this.clock);
		VoucherCode code = VoucherCode.generate();
		UUID rewardId = (reward == null) ? null : reward.id();
		this.store.insert(new RedemptionStore.NewRow(id, account, rewardId, cost, programme.valueOf(cost),
				programme.currency(), debit.id(), key, code, debit.occurredAt(), expiresAt));
		Redemption r = this.store.byId(id).orElseThrow().redemption();
		this.events.publishEvent(new RewardRedeemed(id, account.id(), account.customerId(), programme.code(), rewardId,
				r.rewardName(), cost, r.value(), r.currency(), debit.occurredAt()));
		return r.withCode(code.display());
	}

	/**
	 * Cancels a redemption whose voucher was not used: a CANCEL movement gives the points
	 * back into the lots, newest consumed first (see {@link RedemptionStore#refillLots});
	 * what finds no room, because its lots expired meanwhile, opens a new lot and the
	 * stock gets its unit back. Cancelling a cancelled redemption answers it unchanged.
	 * The reason (optional here; null: none given) is kept on the redemption and in the
	 * CANCEL movement's reason; the cancellation is audited.
	 */
	Redemption cancel(LoyaltyProgramme programme, Account account, RedemptionStore.Row row, String reason) {
		Redemption r = row.redemption();
		this.ledger.lock(account.id());
		Instant now = this.clock.instant();
		if (!this.store.cancel(r.id(), now, reason, Actor.current().id())) {
			Redemption current = this.store.byId(r.id()).orElseThrow().redemption();
			if ("CANCELLED".equals(current.status())) {
				return current;
			}
			throw ApiException.conflict("voucher-consumed", Text.of("loyalty.voucher.used-not-cancelled",
					"The voucher was already used; it cannot be cancelled"));
		}
		Movement credit = this.ledger.append(new Ledger.Entry(account.id(), MovementKind.CANCEL, r.points(), 0,
				cancelled(r, reason), sourceType(), Actor.current().id(), "cancel:" + r.id(), now, null, null));
		long restored = this.store.refillLots(account.id(), r.points());
		if (restored < r.points()) {
			this.ledger.openLot(account.id(), false, r.points() - restored, now, now, programme.expiresAt(now));
		}
		this.ledger.consumeOldestFirst(account.id());
		this.store.cancelMovement(r.id(), credit.id());
		if (r.rewardId() != null) {
			this.catalogue.giveBack(r.rewardId());
		}
		this.audit.record(AuditTrail.Change.of("loyalty.redemption-cancelled", "loyalty_redemption", r.id(),
				(r.rewardName() == null) ? ((reason == null)
						? Text.of("loyalty.audit.redemption-cancelled", "Redemption {0} cancelled, {1} points back",
								String.valueOf(r.id()), String.valueOf(r.points()))
						: Text.of("loyalty.audit.redemption-cancelled-why",
								"Redemption {0} cancelled, {1} points back: {2}", String.valueOf(r.id()),
								String.valueOf(r.points()), reason))
						: ((reason == null)
								? Text.of("loyalty.audit.reward-redemption-cancelled",
										"Redemption {0} ({1}) cancelled, {2} points back", String.valueOf(r.id()),
										r.rewardName(), String.valueOf(r.points()))
								: Text.of("loyalty.audit.reward-redemption-cancelled-why",
										"Redemption {0} ({1}) cancelled, {2} points back: {3}", String.valueOf(r.id()),
										r.rewardName(), String.valueOf(r.points()), reason)),
				Map.of("status", r.status()), Map.of("status", "CANCELLED", "reason", String.valueOf(reason))));
		this.events.publishEvent(new RedemptionCancelled(r.id(), account.id(), account.customerId(), programme.code(),
				r.rewardId(), r.points(), now));
		return this.store.byId(r.id()).orElseThrow().redemption();
	}

	/**
	 * A new voucher code for an issued, unexpired redemption (the first was lost): the
	 * same redemption, points, stock unit and end date, only the code changes and the old
	 * one stops working. An expired voucher gets no new code: cancelling it gives the
	 * points back. Audited.
	 */
	Redemption reissue(RedemptionStore.Row row) {
		Redemption r = row.redemption();
		VoucherCode code = VoucherCode.generate();
		if (!this.store.replaceCode(r.id(), code, this.clock.instant())) {
			Redemption current = this.store.byId(r.id()).orElseThrow().redemption();
			if (current.expiredAt(this.clock.instant())) {
				throw ApiException.conflict("voucher-expired", Text.of("loyalty.voucher.expired-not-reissued",
						"The voucher has expired; cancel the redemption to give the points back"));
			}
			throw new ApiException(HttpStatus.CONFLICT, "voucher-not-issued", Text.of("loyalty.voucher.not-issued",
					"The voucher is {0}; only an issued voucher gets a new code", String.valueOf(current.status())));
		}
		this.audit.record(AuditTrail.Change.of("loyalty.voucher-reissued", "loyalty_redemption", r.id(),
				(r.rewardName() == null) ? Text.of("loyalty.audit.voucher-reissued",
						"New voucher code for redemption {0} (the old code stops working)", String.valueOf(r.id()))
						: Text.of("loyalty.audit.reward-voucher-reissued",
								"New voucher code for redemption {0} ({1}) (the old code stops working)",
								String.valueOf(r.id()), r.rewardName()),
				Map.of("voucherHint", r.voucherHint()), Map.of("voucherHint", code.hint())));
		return this.store.byId(row.redemption().id()).orElseThrow().redemption().withCode(code.display());
	}

	/**
	 * Audits a voucher used through its redemption, without its code: staff found the
	 * member by card or phone, so who did it is kept.
	 */
	void auditUsedWithoutCode(Redemption r) {
		this.audit.record(AuditTrail.Change.of("loyalty.voucher-used-without-code", "loyalty_redemption", r.id(),
				(r.rewardName() == null)
						? Text.of("loyalty.audit.voucher-used-without-code",
								"Voucher of redemption {0} used without its code", String.valueOf(r.id()))
						: Text.of("loyalty.audit.reward-voucher-used-without-code",
								"Voucher of redemption {0} ({1}) used without its code", String.valueOf(r.id()),
								r.rewardName()),
				Map.of("status", "ISSUED"), Map.of("status", "CONSUMED")));
	}

	/** The ledger's reason for a cancelled redemption: its id, its reward and why. */
	static String cancelled(Redemption r, String reason) {
		if (r.rewardName() == null) {
			return (reason == null) ? LoyaltyWordings.CANCELLED.stored(r.id())
					: LoyaltyWordings.CANCELLED_WHY.stored(r.id(), reason);
		}
		return (reason == null) ? LoyaltyWordings.CANCELLED_REWARD.stored(r.id(), r.rewardName())
				: LoyaltyWordings.CANCELLED_REWARD_WHY.stored(r.id(), r.rewardName(), reason);
	}

	static Instant periodStart(Reward.LimitPeriod period, Instant now) {
		OffsetDateTime day = now.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
		return switch (period) {
			case DAY -> day.toInstant();
			case MONTH -> day.withDayOfMonth(1).toInstant();
			case YEAR -> day.withDayOfYear(1).toInstant();
			case LIFETIME -> null;
		};
	}

	private static Text limitReached(Reward.LimitPeriod period, String reward, String count) {
		return switch (period) {
			case DAY -> Text.of("loyalty.reward.limit-reached-day", "The member already redeemed {0} {1} time(s) today",
					reward, count);
			case MONTH -> Text.of("loyalty.reward.limit-reached-month",
					"The member already redeemed {0} {1} time(s) this month", reward, count);
			case YEAR -> Text.of("loyalty.reward.limit-reached-year",
					"The member already redeemed {0} {1} time(s) this year", reward, count);
			case LIFETIME -> Text.of("loyalty.reward.limit-reached-lifetime",
					"The member already redeemed {0} {1} time(s) already", reward, count);
		};
	}

	static String sourceType() {
		return switch (Actor.current().kind()) {
			case STAFF -> "STAFF";
			case API_CLIENT -> "API_CLIENT";
			case SYSTEM -> "SYSTEM";
		};
	}

}
