package org.rapport.loyalty;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.web.Text;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.rapport.loyalty.IdempotencyKeys.HEADER;

/**
 * Points movements by people and systems (redemptions, adjustments, transfers) and the
 * ledger jobs. A write repeated with the same idempotency key answers the original
 * movement (same id) and changes nothing.
 */
@RestController
@Tag(name = "Loyalty points")
class PointsApi {

	private final Loyalty loyalty;

	private final java.time.Clock clock;

	PointsApi(Loyalty loyalty, java.time.Clock clock) {
		this.loyalty = loyalty;
		this.clock = clock;
	}

	/** Points to move and why; {@code idempotencyKey} when not sent as a header. */
	record PointsRequest(Long points, String reason,
			@Schema(description = "The receiving account: transfers only") UUID toAccountId, String idempotencyKey) {

		long amount() {
			if (this.points == null) {
				throw org.rapport.platform.web.ApiException.invalid("points",
						Text.of("loyalty.points.required", "give the number of points"));
			}
			return this.points;
		}

	}

	@PostMapping(MemberApi.MEMBERS + "/{accountId}/redemptions")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Spend points from the available balance (oldest points first)")
	@ApiResponse(responseCode = "201", description = "debited")
	@ApiResponse(responseCode = "409", description = "insufficient-points: more than the available balance")
	ResponseEntity<Movement> redeem(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody PointsRequest body) {
		String k = IdempotencyKeys.required(key, body.idempotencyKey());
		return answer(this.loyalty.redeem(accountId, body.amount(), body.reason(), k));
	}

	@PostMapping(MemberApi.MEMBERS + "/{accountId}/adjustments")
	@PreAuthorize("hasAuthority('loyalty:adjust')")
	@Operation(summary = "Correct the balance by hand (positive or negative points), with a reason; audited")
	@ApiResponse(responseCode = "201", description = "adjusted")
	@ApiResponse(responseCode = "403", description = "needs loyalty:adjust")
	ResponseEntity<Movement> adjust(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody PointsRequest body) {
		String k = IdempotencyKeys.required(key, body.idempotencyKey());
		return answer(this.loyalty.adjust(accountId, body.amount(), body.reason(), k));
	}

	/** The members of a goodwill bonus, the points each gets and why. */
	record GoodwillRequest(java.util.List<UUID> accountIds, Long points, String reason, String idempotencyKey) {
	}

	@PostMapping(ProgrammeApi.BASE + "/{code}/goodwill")
	@PreAuthorize("hasAuthority('loyalty:adjust')")
	@Operation(summary = "Give several members of the programme the same goodwill points, with a reason",
			description = "E.g. the members a programme change would hurt who are likely to leave. One audited "
					+ "adjustment per member, all or none; a retry with the same key gives nothing twice.")
	@ApiResponse(responseCode = "201", description = "one ADJUST movement per member, in account order")
	@ApiResponse(responseCode = "400",
			description = "no member, too many, points out of range, no reason, "
					+ "or an account not of the programme")
	@ApiResponse(responseCode = "403", description = "needs loyalty:adjust")
	ResponseEntity<java.util.List<Movement>> goodwill(@PathVariable String code,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody GoodwillRequest body) {
		String k = IdempotencyKeys.required(key, body.idempotencyKey());
		if (body.points() == null) {
			throw org.rapport.platform.web.ApiException.invalid("points",
					Text.of("loyalty.points.required", "give the number of points"));
		}
		return ResponseEntity.status(201)
			.body(this.loyalty.goodwill(code, body.accountIds(), body.points(), body.reason(), k));
	}

	@PostMapping(MemberApi.MEMBERS + "/{accountId}/transfers")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Move available points to another member of the programme (household pooling)")
	@ApiResponse(responseCode = "201", description = "the debit movement of the pair")
	ResponseEntity<Movement> transfer(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody PointsRequest body) {
		String k = IdempotencyKeys.required(key, body.idempotencyKey());
		return answer(this.loyalty.transfer(accountId, body.toAccountId(), body.amount(), body.reason(), k));
	}

	@PostMapping("/api/v1/loyalty/jobs/activation")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Make pending points whose return window is over available (all accounts, set-based)",
			description = "asOf defaults to now; a rerun changes nothing.")
	JobRun activation(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
		return this.loyalty.activatePending((asOf == null) ? this.clock.instant() : asOf);
	}

	@PostMapping("/api/v1/loyalty/jobs/expiry")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Expire points whose lots reached their expiry date (all accounts, set-based)",
			description = "asOf defaults to now; a rerun changes nothing.")
	JobRun expiry(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf) {
		return this.loyalty.expirePoints((asOf == null) ? this.clock.instant() : asOf);
	}

	private static ResponseEntity<Movement> answer(Movement m) {
		return ResponseEntity.status(201).body(m);
	}

}
