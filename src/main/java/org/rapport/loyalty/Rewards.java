package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Front door of rewards and vouchers: the catalogue, redemptions (a reward, or points
 * paying part of a purchase), their cancellation, and the voucher a point of sale
 * verifies and consumes once. Redemptions take an idempotency key.
 */
@Service
@Validated
public class Rewards {

	private final ProgrammeStore programmes;

	private final AccountStore accounts;

	private final RewardCatalogue catalogue;

	private final Redemptions redemptions;

	private final RedemptionStore store;

	private final Membership membership;

	private final Clock clock;

	Rewards(ProgrammeStore programmes, AccountStore accounts, RewardCatalogue catalogue, Redemptions redemptions,
			RedemptionStore store, Membership membership, Clock clock) {
		this.programmes = programmes;
		this.accounts = accounts;
		this.catalogue = catalogue;
		this.redemptions = redemptions;
		this.store = store;
		this.membership = membership;
		this.clock = clock;
	}

	// catalogue

	@Transactional
	public Reward createReward(String programmeCode, @Valid NewReward reward) {
		return this.catalogue.create(programme(programmeCode), reward);
	}

	@Transactional
	public Reward changeReward(String programmeCode, UUID rewardId, @Valid NewReward reward) {
		return this.catalogue.change(reward(programme(programmeCode), rewardId), reward);
	}

	/** The programme's rewards: those offered now, or all of them. */
	@Transactional(readOnly = true)
	public List<Reward> rewards(String programmeCode, boolean all) {
		return this.catalogue.of(programme(programmeCode).id(), all ? null : this.clock.instant());
	}

	@Transactional(readOnly = true)
	public Reward reward(String programmeCode, UUID rewardId) {
		return reward(programme(programmeCode), rewardId);
	}

	// redemptions

	/**
	 * Spends the reward's cost from the member's available points (oldest first) and
	 * answers the redemption with its voucher code. A repeated key answers the same
	 * redemption without the code (see {@link #reissueVoucher}).
	 */
	@Transactional
	public Redemption redeemReward(UUID accountId, UUID rewardId, String key) {
		Account account = activeAccount(accountId);
		LoyaltyProgramme programme = this.programmes.byId(account.programmeId()).orElseThrow();
		return this.redemptions.redeem(programme, account, reward(programme, rewardId),
				IdempotencyKeys.required(key, null));
	}

	/**
	 * Points paying part of a purchase: any number up to the available balance, worth
	 * {@code points × point value}; the till takes the voucher as payment.
	 */
	@Transactional
	public Redemption payWithPoints(UUID accountId, long points, String reason, String key) {
		Account account = activeAccount(accountId);
		String why = (reason == null || reason.isBlank()) ? "purchase" : reason.strip();
		if (why.length() > 500) {
			throw ApiException.invalid("reason", Text.of("loyalty.reason.too-long", "at most 500 characters"));
		}
		return this.redemptions.pay(this.programmes.byId(account.programmeId()).orElseThrow(), account, points, why,
				IdempotencyKeys.required(key, null));
	}

	/** Gives the points (and the stock) back, while the voucher is not used. */
	@Transactional
	public Redemption cancelRedemption(UUID redemptionId) {
		return cancel(redemptionId, null);
	}

	/**
	 * Gives the points (and the stock) back, while the voucher is not used, for a reason
	 * kept with the redemption and in the ledger.
	 */
	@Transactional
	public Redemption cancelRedemption(UUID redemptionId, String reason) {
		if (reason == null || reason.isBlank()) {
			throw ApiException.invalid("reason", Text.of("loyalty.reason.required", "give a reason"));
		}
		if (reason.length() > 500) {
			throw ApiException.invalid("reason", Text.of("loyalty.reason.too-long", "at most 500 characters"));
		}
		return cancel(redemptionId, reason.strip());
	}

	private Redemption cancel(UUID redemptionId, String reason) {
		RedemptionStore.Row row = row(redemptionId);
		Account account = account(row.redemption().accountId());
		return this.redemptions.cancel(this.programmes.byId(account.programmeId()).orElseThrow(), account, row, reason);
	}

	/**
	 * A new code for an issued voucher whose code was lost; the old code stops working.
	 */
	@Transactional
	public Redemption reissueVoucher(UUID redemptionId) {
		return this.redemptions.reissue(row(redemptionId));
	}

	/**
	 * How members have taken each reward of the programme, in the catalogue's order (a
	 * reward without redemptions at zero).
	 */
	@Transactional(readOnly = true)
	public List<RewardUptake> uptake(String programmeCode) {
		LoyaltyProgramme programme = programme(programmeCode);
		Map<UUID, RewardUptake> taken = new HashMap<>();
		this.store.uptake(programme.id(), this.clock.instant()).forEach((u) -> taken.put(u.rewardId(), u));
		return rewards(programmeCode, true).stream()
			.map((r) -> taken.getOrDefault(r.id(), RewardUptake.none(r.id())))
			.toList();
	}

	@Transactional(readOnly = true)
	public Redemption redemption(UUID redemptionId) {
		return row(redemptionId).redemption();
	}

	/** The member's latest redemptions, newest first. */
	@Transactional(readOnly = true)
	public List<Redemption> redemptionsOf(UUID accountId) {
		return redemptionsOf(accountId, 200);
	}

	/** The member's {@code limit} latest redemptions, newest first. */
	@Transactional(readOnly = true)
	public List<Redemption> redemptionsOf(UUID accountId, int limit) {
		account(accountId);
		return this.store.ofAccount(accountId, Math.max(1, Math.min(limit, 200)));
	}

	/**
	 * The vouchers the member holds and can still use (issued, not used, not cancelled,
	 * not past their end), soonest to expire first.
	 */
	@Transactional(readOnly = true)
	public List<Redemption> openVouchersOf(UUID accountId) {
		account(accountId);
		return this.store.openOf(accountId, this.clock.instant());
	}

	// vouchers at the point of sale

	/** What the voucher is and whether it can be used now. */
	@Transactional(readOnly = true)
	public VoucherCheck verifyVoucher(String code) {
		return check(this.store.byCode(parse(code))
			.orElseThrow(() -> NotFound.of(Text.of("loyalty.voucher.not-found", "Voucher {0} does not exist", code))));
	}

	/**
	 * Uses the voucher, once: a second use is refused ({@code voucher-consumed}), unless
	 * it repeats the first one's idempotency key, which answers the same result.
	 */
	@Transactional
	public VoucherCheck consumeVoucher(String code, String key) {
		VoucherCode voucher = parse(code);
		Instant now = this.clock.instant();
		boolean consumed = this.store.consume(voucher, now, Actor.current().id(), key);
		RedemptionStore.Row row = this.store.byCode(voucher)
			.orElseThrow(() -> NotFound.of(Text.of("loyalty.voucher.not-found", "Voucher {0} does not exist", code)));
		return consumed(consumed, row, key);
	}

	/**
	 * Uses the voucher of a redemption without its code, for the member it was issued to
	 * when staff have found them by card or phone and the code is not at hand: once, as
	 * {@link #consumeVoucher}; a repeat with the first use's key answers the same result.
	 * Audited, with who used it. Refused ({@code voucher-code-required}) in a programme
	 * that requires the code (ADR 0086).
	 */
	@Transactional
	public VoucherCheck consumeVoucherOf(UUID redemptionId, String key) {
		Account holder = account(row(redemptionId).redemption().accountId());
		if (this.programmes.byId(holder.programmeId()).orElseThrow().voucherCodeRequired()) {
			throw new ApiException(HttpStatus.CONFLICT, "voucher-code-required", Text.of(
					"loyalty.voucher.code-required",
					"This programme uses a voucher only with its code: ask the member for the code and check it"));
		}
		Instant now = this.clock.instant();
		boolean consumed = this.store.consume(redemptionId, now, Actor.current().id(), key);
		RedemptionStore.Row row = row(redemptionId);
		if (consumed) {
			this.redemptions.auditUsedWithoutCode(row.redemption());
		}
		return consumed(consumed, row, key);
	}

	/** What the voucher of a redemption is and whether it can be used now. */
	@Transactional(readOnly = true)
	public VoucherCheck voucherOf(UUID redemptionId) {
		return check(row(redemptionId));
	}

	/** The voucher as it is now, or the refusal when this call did not use it. */
	private VoucherCheck consumed(boolean consumed, RedemptionStore.Row row, String key) {
		VoucherCheck check = check(row);
		if (consumed || (key != null && key.equals(row.consumeKey()))) {
			return check;
		}
		throw new ApiException(HttpStatus.CONFLICT, "voucher-" + check.status().name().toLowerCase(),
				unusable(check.status()));
	}

	private static Text unusable(VoucherCheck.Status status) {
		return switch (status) {
			case CONSUMED -> Text.of("loyalty.voucher.unusable-consumed", "The voucher cannot be used: it is consumed");
			case CANCELLED ->
				Text.of("loyalty.voucher.unusable-cancelled", "The voucher cannot be used: it is cancelled");
			case EXPIRED -> Text.of("loyalty.voucher.unusable-expired", "The voucher cannot be used: it is expired");
			case VALID -> Text.of("loyalty.voucher.unusable-valid", "The voucher cannot be used: it is valid");
		};
	}

	private VoucherCheck check(RedemptionStore.Row row) {
		Redemption r = row.redemption();
		VoucherCheck.Status status = switch (r.status()) {
			case "CONSUMED" -> VoucherCheck.Status.CONSUMED;
			case "CANCELLED" -> VoucherCheck.Status.CANCELLED;
			default ->
				r.expiresAt().isAfter(this.clock.instant()) ? VoucherCheck.Status.VALID : VoucherCheck.Status.EXPIRED;
		};
		Account account = account(r.accountId());
		return new VoucherCheck(status, r,
				this.membership.summary(this.programmes.byId(account.programmeId()).orElseThrow(), account));
	}

	private static VoucherCode parse(String code) {
		return VoucherCode.parse(code)
			.orElseThrow(() -> ApiException.invalid("code", Text.of("loyalty.voucher.code-format",
					"not a voucher code: 16 characters (0-9, A-Z without I, L, O, U) with a valid check character")));
	}

	private RedemptionStore.Row row(UUID id) {
		return this.store.byId(id)
			.orElseThrow(
					() -> NotFound.of(Text.of("loyalty.redemption.not-found", "Redemption {0} does not exist", id)));
	}

	private LoyaltyProgramme programme(String code) {
		return this.programmes.byCode(code)
			.orElseThrow(
					() -> NotFound.of(Text.of("loyalty.programme.not-found", "Programme {0} does not exist", code)));
	}

	private Reward reward(LoyaltyProgramme programme, UUID rewardId) {
		return this.catalogue.byId(rewardId)
			.filter((r) -> r.programmeCode().equals(programme.code()))
			.orElseThrow(() -> NotFound.of(Text.of("loyalty.reward.not-found-in-programme",
					"Reward of {0} {1} does not exist", programme.code(), rewardId)));
	}

	private Account account(UUID id) {
		return this.accounts.byId(id)
			.orElseThrow(
					() -> NotFound.of(Text.of("loyalty.account.not-found", "Loyalty account {0} does not exist", id)));
	}

	private Account activeAccount(UUID id) {
		Account account = account(id);
		if (!"ACTIVE".equals(account.status())) {
			throw ApiException.conflict("account-closed",
					Text.of("loyalty.account.closed", "The account is {0}", account.status()));
		}
		return account;
	}

}
