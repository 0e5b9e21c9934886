package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tier ladders (preview and apply), members' tiers and overrides, the offer lists, the
 * impact preview of a programme change and programme migration.
 */
@RestController
@Tag(name = "Loyalty tiers")
class TierApi {

	private static final String PROGRAMME = ProgrammeApi.BASE + "/{code}";

	private static final String MEMBER = MemberApi.MEMBERS + "/{accountId}/tier";

	private final Loyalty loyalty;

	private final Clock clock;

	private final LoyaltyTexts texts;

	TierApi(Loyalty loyalty, Clock clock, LoyaltyTexts texts) {
		this.texts = texts;
		this.loyalty = loyalty;
		this.clock = clock;
	}

	@GetMapping(PROGRAMME + "/tiers")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The programme's tier ladder: measure, window, grace and tiers with their benefits")
	TierLadder ladder(@PathVariable String code) {
		return this.loyalty.tierLadder(code);
	}

	@GetMapping(PROGRAMME + "/tiers/members")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(
			summary = "How many active members hold each tier now (manual overrides counted apart), and how many none")
	TierMembers members(@PathVariable String code) {
		return this.loyalty.tierMembers(code);
	}

	@PostMapping(PROGRAMME + "/tiers/preview")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Who would move where under this ladder, and who keeps a tier until when; nothing applied",
			description = "asOf defaults to now; applying the same ladder at the same asOf makes exactly these moves. "
					+ "Send the answer's fingerprint with the apply to have it refused if it no longer would.")
	TierPlan preview(@PathVariable String code, @RequestBody TierLadder ladder,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant asOf) {
		return this.loyalty.previewTierLadder(code, ladder, at(asOf));
	}

	@PutMapping(PROGRAMME + "/tiers")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Save the ladder and re-qualify the members (audited); answers the moves made",
			description = "With fingerprint (from the preview's answer, with the preview's asOf) the apply is refused "
					+ "with 409 preview-stale, nothing changed, unless it makes exactly the previewed moves from "
					+ "the same stored ladder.")
	@ApiResponse(responseCode = "409", description = "preview-stale: the ladder or its members changed meanwhile")
	TierPlan apply(@PathVariable String code, @RequestBody TierLadder ladder,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant asOf,
			@RequestParam(required = false) String fingerprint) {
		return this.loyalty.applyTierLadder(code, ladder, at(asOf), fingerprint);
	}

	@GetMapping(PROGRAMME + "/tiers/near-next")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Members within withinPercent % of their next tier's threshold, highest revenue first")
	List<TierCandidate> nearNext(@PathVariable String code, @RequestParam(defaultValue = "10") int withinPercent,
			@RequestParam(defaultValue = "100") int limit) {
		return this.loyalty.nearNextTier(code, withinPercent, limit);
	}

	@GetMapping(PROGRAMME + "/tiers/qualify-for-better")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Members who already qualify for a better tier than they hold, highest revenue first")
	List<TierCandidate> better(@PathVariable String code, @RequestParam(defaultValue = "100") int limit) {
		return this.loyalty.qualifyForBetterTier(code, limit);
	}

	@GetMapping(PROGRAMME + "/tiers/at-risk")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Members below the threshold of the tier they qualified for whose protection (period and "
			+ "grace) ends within withinDays days: they lose it unless they reach the threshold by then; highest "
			+ "revenue first",
			description = "dropsTo is the tier their value reaches today, missing what keeps the tier; withinDays "
					+ "0 to 731 (30 unless given), limit up to 1000. Overrides are not listed: they end on their date.")
	List<TierAtRisk> atRisk(@PathVariable String code, @RequestParam(defaultValue = "30") int withinDays,
			@RequestParam(defaultValue = "100") int limit) {
		return this.loyalty.tierAtRisk(code, withinDays, limit);
	}

	@PostMapping(PROGRAMME + "/impact-preview")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Who would lose what (points expiring earlier, earning, tier, benefits) with a change",
			description = "Highest revenue first. Nothing is written. The proposed expiry is applied to the points "
					+ "members hold: pointsExpiringAtOnce are those whose new date is already past (the next expiry "
					+ "run would take them), earliestNewExpiry the first new date of the others (never in the past). "
					+ "benefitsLost are in English whatever the caller's language.")
	List<ImpactLine> impact(@PathVariable String code, @RequestBody ProgrammeChange change) {
		return this.loyalty.impactPreview(code, change);
	}

	/** The programme to migrate the members to. */
	record Migration(String toProgramme) {
	}

	@PostMapping(PROGRAMME + "/migration")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Move every member to another programme keeping balance, tier, cards and history")
	MigrationRun migrate(@PathVariable String code, @RequestBody Migration body) {
		if (body == null || body.toProgramme() == null) {
			throw ApiException.invalid("toProgramme",
					Text.of("loyalty.migration.target-needed", "give the programme to migrate to"));
		}
		return this.loyalty.migrateProgramme(code, body.toProgramme());
	}

	@GetMapping(MEMBER)
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The member's tier, its source and end, and the progress to the next tier")
	MemberTier tier(@PathVariable UUID accountId,
			@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant asOf) {
		return this.loyalty.tierOf(accountId, at(asOf));
	}

	@GetMapping(MEMBER + "/history")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The member's tier changes with their reasons")
	List<Map<String, Object>> history(@PathVariable UUID accountId) {
		return this.loyalty.tierHistory(accountId).stream().map((change) -> {
			Map<String, Object> shown = new java.util.LinkedHashMap<>(change);
			shown.computeIfPresent("reason", (k, reason) -> this.texts.tierChange(String.valueOf(reason)));
			return shown;
		}).toList();
	}

	/** A manual tier until a date, with a reason. */
	record Override(String tier, Instant until, String reason) {
	}

	@PutMapping(MEMBER + "/override")
	@PreAuthorize("hasAuthority('loyalty:adjust')")
	@Operation(summary = "Set the member's tier by hand until a date (visible as OVERRIDE; audited)")
	MemberTier override(@PathVariable UUID accountId, @RequestBody Override body) {
		return this.loyalty.overrideTier(accountId, body.tier(), body.until(), body.reason());
	}

	/** Why an override ends before its date. */
	record OverrideEnding(String reason) {
	}

	@PostMapping(MEMBER + "/override/ending")
	@PreAuthorize("hasAuthority('loyalty:adjust')")
	@Operation(summary = "End the member's override now (with a reason): back to the tier they qualify for; audited")
	@ApiResponse(responseCode = "409", description = "no-override: the tier is not set by hand now")
	MemberTier endOverride(@PathVariable UUID accountId, @RequestBody(required = false) OverrideEnding body) {
		return this.loyalty.endTierOverride(accountId, (body == null) ? null : body.reason());
	}

	@PostMapping("/api/v1/loyalty/jobs/tiers")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Re-qualify every member's tier (all programmes, set-based)",
			description = "asOf defaults to now; a rerun changes nothing.")
	List<TierPlan> requalify(@RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE_TIME) Instant asOf) {
		return this.loyalty.requalifyTiers(at(asOf));
	}

	private Instant at(Instant asOf) {
		return (asOf == null) ? this.clock.instant() : asOf;
	}

}
