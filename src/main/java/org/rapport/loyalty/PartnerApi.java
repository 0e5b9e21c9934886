package org.rapport.loyalty;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.rapport.loyalty.IdempotencyKeys.HEADER;

/**
 * Coalition partners: their registration by an administrator, and the partner API that a
 * partner's own client uses (scope {@code loyalty:partner}).
 */
@RestController
@Tag(name = "Loyalty partners")
class PartnerApi {

	static final String PARTNER = "/api/v1/loyalty/partner";

	private final PartnerAccess partners;

	PartnerApi(PartnerAccess partners) {
		this.partners = partners;
	}

	record NewPartner(String code, String name, UUID apiClientId) {
	}

	@PostMapping(ProgrammeApi.BASE + "/{code}/partners")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Register a partner of the programme, acting through an API client with the "
			+ "loyalty:partner scope")
	@ApiResponse(responseCode = "201", description = "registered")
	ResponseEntity<Partner> register(@PathVariable String code, @RequestBody NewPartner body) {
		Partner p = this.partners.register(code, body.code(), body.name(), body.apiClientId());
		return ResponseEntity.created(URI.create(ProgrammeApi.BASE + "/" + code + "/partners/" + p.code())).body(p);
	}

	@GetMapping("/api/v1/loyalty/partners")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "All partners")
	List<Partner> list() {
		return this.partners.partners();
	}

	@GetMapping(PARTNER)
	@PreAuthorize("hasAuthority('loyalty:partner')")
	@Operation(summary = "The calling partner")
	Partner me() {
		return this.partners.me();
	}

	@GetMapping(PARTNER + "/members/{accountId}")
	@PreAuthorize("hasAuthority('loyalty:partner')")
	@Operation(summary = "A member who consented to partner sharing (404 otherwise)")
	MemberSummary member(@PathVariable UUID accountId) {
		return this.partners.member(accountId);
	}

	@GetMapping(PARTNER + "/cards/{number}")
	@PreAuthorize("hasAuthority('loyalty:partner')")
	@Operation(summary = "The member of an active card, if they consented to partner sharing (404 otherwise)")
	MemberSummary card(@PathVariable String number) {
		return this.partners.memberByCard(number);
	}

	@Schema(name = "PartnerPointsRequest")
	record PointsRequest(Long points, String reason, String idempotencyKey) {

		long amount() {
			if (this.points == null) {
				throw ApiException.invalid("points", Text.of("loyalty.points.required", "give the number of points"));
			}
			return this.points;
		}

	}

	@PostMapping(PARTNER + "/members/{accountId}/earnings")
	@PreAuthorize("hasAuthority('loyalty:partner')")
	@Operation(summary = "Credit points the member earned at the partner (available at once), tagged with it",
			description = "Between 1 and " + Points.MAX_POINTS + " points, as for a redemption or an adjustment.")
	@ApiResponse(responseCode = "201", description = "credited")
	@ApiResponse(responseCode = "400", description = "points missing or out of range, or no reason")
	ResponseEntity<Movement> earn(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody PointsRequest body) {
		return ResponseEntity.status(201)
			.body(this.partners.earn(accountId, body.amount(), body.reason(),
					IdempotencyKeys.required(key, body.idempotencyKey())));
	}

	@PostMapping(PARTNER + "/members/{accountId}/redemptions")
	@PreAuthorize("hasAuthority('loyalty:partner')")
	@Operation(summary = "Spend points at the partner (oldest first, never more than available), tagged with it")
	@ApiResponse(responseCode = "201", description = "debited")
	@ApiResponse(responseCode = "409", description = "insufficient-points")
	ResponseEntity<Movement> burn(@PathVariable UUID accountId,
			@RequestHeader(name = HEADER, required = false) String key, @RequestBody PointsRequest body) {
		return ResponseEntity.status(201)
			.body(this.partners.burn(accountId, body.amount(), body.reason(),
					IdempotencyKeys.required(key, body.idempotencyKey())));
	}

	@GetMapping(PARTNER + "/movements")
	@PreAuthorize("hasAuthority('loyalty:partner')")
	@Operation(summary = "The partner's own movements, newest first, of members who consent to partner sharing")
	List<Movement> movements(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.partners.movements(page, size);
	}

}
