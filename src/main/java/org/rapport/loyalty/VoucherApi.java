package org.rapport.loyalty;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import static org.rapport.loyalty.IdempotencyKeys.HEADER;

/** Vouchers at the point of sale: verify, then consume once. */
@RestController
@Tag(name = "Loyalty vouchers")
class VoucherApi {

	static final String VOUCHERS = "/api/v1/loyalty/vouchers";

	private final Rewards rewards;

	VoucherApi(Rewards rewards) {
		this.rewards = rewards;
	}

	@GetMapping(VOUCHERS + "/{code}")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Verify a voucher: VALID, CONSUMED, CANCELLED or EXPIRED, with the reward and the member",
			description = "The code is read forgiving case, spaces and dashes, O for 0, I and L for 1.")
	@ApiResponse(responseCode = "400", description = "not a voucher code (length, alphabet or check character)")
	@ApiResponse(responseCode = "404", description = "no such voucher")
	VoucherCheck verify(@PathVariable String code) {
		return this.rewards.verifyVoucher(code);
	}

	@PostMapping(VOUCHERS + "/{code}/consumption")
	@PreAuthorize("hasAuthority('loyalty:write')")
	@Operation(summary = "Use a voucher, once",
			description = "A retry with the first use's Idempotency-Key answers the same result; any other second "
					+ "use is refused.")
	@ApiResponse(responseCode = "200", description = "consumed")
	@ApiResponse(responseCode = "409", description = "voucher-consumed, voucher-cancelled or voucher-expired")
	VoucherCheck consume(@PathVariable String code, @RequestHeader(name = HEADER, required = false) String key) {
		return this.rewards.consumeVoucher(code, (key == null || key.isBlank()) ? null : key.strip());
	}

}
