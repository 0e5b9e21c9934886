package org.rapport.loyalty;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.rapport.loyalty.IdempotencyKeys.HEADER;

/** The reward catalogue, redemptions and their cancellation. */
@RestController
@Tag(name = "Loyalty rewards")
class RewardApi {

	static final String REWARDS = ProgrammeApi.BASE + "/{code}/rewards";

	static final String REDEMPTIONS = "/api/v1/loyalty/redemptions";

	private final Rewards rewards;

	RewardApi(Rewards rewards) {
		this.rewards = rewards;
	}

	@PostMapping(REWARDS)
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Add a reward: cost in points, stock (none: unlimited), validity window, "
			+ "per-member limit (per DAY, MONTH, YEAR or LIFETIME), days a voucher stays valid")
	@ApiResponse(responseCode = "201", description = "added")
	@ApiResponse(responseCode = "409", description = "reward-exists: the name is taken in the programme")
	ResponseEntity<Reward> create(@PathVariable String code, @RequestBody NewReward reward) {
		Reward r = this.rewards.createReward(code, reward);
		return ResponseEntity.created(URI.create(ProgrammeApi.BASE + "/" + code + "/rewards/" + r.id())).body(r);
	}

	@PutMapping(REWARDS + "/{rewardId}")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Change a reward (also its stock); vouchers already issued keep their terms")
	Reward change(@PathVariable String code, @PathVariable UUID rewardId, @RequestBody NewReward reward) {
		return this.rewards.changeReward(code, rewardId, reward);
	}

	@GetMapping(REWARDS)
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The rewards offered now (all=true: the whole catalogue)")
	List<Reward> list(@PathVariable String code, @RequestParam(defaultValue = "false") boolean all) {
		return this.rewards.rewards(code, all);
	}

	@GetMapping(REWARDS + "/uptake")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "How members have taken each reward: redemptions standing, points spent, members, "
			+ "vouchers used, unused and still valid, expired unused, and cancelled; in the catalogue's order")
	List<RewardUptake> uptake(@PathVariable String code) {
		return this.rewards.uptake(code);
	}

	@GetMapping(REWARDS + "/{rewardId}")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "One reward")
	Reward get(@PathVariable String code, @PathVariable UUID rewardId) {
		return this.rewards.reward(code, rewardId);
	}

	/** The reward to redeem; {@code idempotencyKey} when not sent as a header. */
	record RedeemRequest(UUID rewardId, String idempotencyKey) {
	}

	@PostMapping(MemberApi.MEMBERS + "/{accountId}/reward-redemptions")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Redeem a reward: spend its cost (oldest points first) and issue a single-use voucher",
			description = "The voucher code is only in this answer; a retry with the same Idempotency-Key answers "
					+ "the same redemption without the code (POST .../voucher issues a new code).")
	@ApiResponse(responseCode = "201", description = "redeemed; voucherCode in the body")
	@ApiResponse(responseCode = "409",
			description = "insufficient-points, out-of-stock, limit-reached, " + "reward-unavailable")
	ResponseEntity<Redemption> redeem(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody RedeemRequest body) {
		if (body.rewardId() == null) {
			throw ApiException.invalid("rewardId", Text.of("loyalty.reward.required", "give the reward to redeem"));
		}
		Redemption r = this.rewards.redeemReward(accountId, body.rewardId(),
				IdempotencyKeys.required(key, body.idempotencyKey()));
		return ResponseEntity.created(URI.create(REDEMPTIONS + "/" + r.id())).body(r);
	}

	/** Points to pay with; {@code idempotencyKey} when not sent as a header. */
	record PaymentRequest(Long points, String reason, String idempotencyKey) {
	}

	@PostMapping(MemberApi.MEMBERS + "/{accountId}/point-payments")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Pay part of a purchase with points: any number up to the available balance, worth "
			+ "points × the programme's point value; answers a voucher for that value, valid one day")
	@ApiResponse(responseCode = "201", description = "debited; voucherCode and value in the body")
	@ApiResponse(responseCode = "409", description = "insufficient-points")
	ResponseEntity<Redemption> pay(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody PaymentRequest body) {
		if (body.points() == null) {
			throw ApiException.invalid("points", Text.of("loyalty.points.required", "give the number of points"));
		}
		Redemption r = this.rewards.payWithPoints(accountId, body.points(), body.reason(),
				IdempotencyKeys.required(key, body.idempotencyKey()));
		return ResponseEntity.created(URI.create(REDEMPTIONS + "/" + r.id())).body(r);
	}

	@GetMapping(MemberApi.MEMBERS + "/{accountId}/reward-redemptions")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The member's latest 200 redemptions and their vouchers' states, newest first; with "
			+ "open=true, every voucher the member holds and can still use, soonest to expire first")
	List<Redemption> ofMember(@PathVariable UUID accountId, @RequestParam(defaultValue = "false") boolean open) {
		return open ? this.rewards.openVouchersOf(accountId) : this.rewards.redemptionsOf(accountId);
	}

	@GetMapping(REDEMPTIONS + "/{id}")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "One redemption")
	Redemption get(@PathVariable UUID id) {
		return this.rewards.redemption(id);
	}

	@PostMapping(REDEMPTIONS + "/{id}/cancellation")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(
			summary = "Cancel a redemption whose voucher is not used: the points go back into the lots they "
					+ "came from, the stock gets its unit back; repeating it changes nothing",
			description = "An optional body {\"reason\": ...} is kept on the redemption and in the ledger; audited.")
	@ApiResponse(responseCode = "409", description = "voucher-consumed")
	Redemption cancel(@PathVariable UUID id, @RequestBody(required = false) Cancellation body) {
		return (body == null || body.reason() == null) ? this.rewards.cancelRedemption(id)
				: this.rewards.cancelRedemption(id, body.reason());
	}

	/** Why a redemption is cancelled (optional through the API). */
	record Cancellation(String reason) {
	}

	@PostMapping(REDEMPTIONS + "/{id}/consumption")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(
			summary = "Use the voucher of a redemption without its code, once (the member is at the till, "
					+ "found by card or phone, and has not brought the code)",
			description = "A retry with the first use's Idempotency-Key answers the same result; any other second "
					+ "use is refused.")
	@ApiResponse(responseCode = "200", description = "consumed")
	@ApiResponse(responseCode = "409", description = "voucher-consumed, voucher-cancelled or voucher-expired")
	VoucherCheck consume(@PathVariable UUID id, @RequestHeader(name = HEADER, required = false) String key) {
		return this.rewards.consumeVoucherOf(id, (key == null || key.isBlank()) ? null : key.strip());
	}

	@PostMapping(REDEMPTIONS + "/{id}/voucher")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Issue a new code for an issued, unexpired voucher (the first was lost); the old code "
			+ "stops working; same redemption, points and end date")
	@ApiResponse(responseCode = "409", description = "voucher-not-issued, voucher-expired (cancel it instead)")
	Redemption reissue(@PathVariable UUID id) {
		return this.rewards.reissueVoucher(id);
	}

}
