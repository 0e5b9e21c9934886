package org.rapport.loyalty;

import java.net.URI;
import java.util.List;
import java.util.Map;
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
import org.springframework.web.bind.annotation.RestController;

/** Programmes, their versions and earning rules, and the earning simulation. */
@RestController
@Tag(name = "Loyalty programmes")
class ProgrammeApi {

	static final String BASE = "/api/v1/loyalty/programmes";

	private final Loyalty loyalty;

	private final LoyaltyTexts texts;

	ProgrammeApi(Loyalty loyalty, LoyaltyTexts texts) {
		this.texts = texts;
		this.loyalty = loyalty;
	}

	@PostMapping(BASE)
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Create a programme: currency, point name and value, return window, expiry, "
			+ "negative-balance policy and the rule groups with their combination (STACK or BEST_OF)")
	@ApiResponse(responseCode = "201", description = "created")
	@ApiResponse(responseCode = "409", description = "a programme with this code exists")
	ResponseEntity<LoyaltyProgramme> create(@RequestBody ProgrammeSettings settings) {
		LoyaltyProgramme created = this.loyalty.createProgramme(settings);
		return ResponseEntity.created(URI.create(BASE + "/" + created.code())).body(created);
	}

	@GetMapping(BASE)
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "All programmes")
	List<LoyaltyProgramme> list() {
		return this.loyalty.programmes();
	}

	@GetMapping(BASE + "/{code}")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "One programme; its ETag is the version")
	ResponseEntity<LoyaltyProgramme> get(@PathVariable String code) {
		LoyaltyProgramme p = this.loyalty.programme(code);
		return ResponseEntity.ok().eTag("\"" + p.version() + "\"").body(p);
	}

	@PutMapping(BASE + "/{code}")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Change a programme's settings (a new version, audited)",
			description = "Needs If-Match with the version read; a stale one answers 412.")
	@ApiResponse(responseCode = "412", description = "changed by someone else meanwhile")
	@ApiResponse(responseCode = "428", description = "If-Match missing")
	ResponseEntity<LoyaltyProgramme> change(@PathVariable String code,
			@RequestHeader(name = "If-Match", required = false) String ifMatch,
			@RequestBody ProgrammeSettings settings) {
		if (ifMatch == null || ifMatch.isBlank()) {
			throw new ApiException(org.springframework.http.HttpStatus.PRECONDITION_REQUIRED, "version-required",
					Text.of("loyalty.programme.version-required", "Send If-Match with the programme version you read"));
		}
		int version;
		try {
			version = Integer.parseInt(ifMatch.replace("W/", "").replace("\"", "").strip());
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("If-Match",
					Text.of("loyalty.programme.version-number", "must be a version number"));
		}
		LoyaltyProgramme p = this.loyalty.changeProgramme(code, version, settings);
		return ResponseEntity.ok().eTag("\"" + p.version() + "\"").body(p);
	}

	@GetMapping(BASE + "/{code}/versions")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "Every version of the programme's settings, who saved it and when")
	List<Map<String, Object>> versions(@PathVariable String code) {
		return this.loyalty.programmeVersions(code);
	}

	@GetMapping(BASE + "/{code}/rules")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "The programme's earning rules")
	List<EarnRule> rules(@PathVariable String code) {
		return this.loyalty.rules(code);
	}

	@PostMapping(BASE + "/{code}/rules")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Add an earning rule to a declared rule group")
	@ApiResponse(responseCode = "201", description = "added")
	@ApiResponse(responseCode = "400", description = "parameters missing for the kind, or an undeclared group")
	ResponseEntity<EarnRule> addRule(@PathVariable String code, @RequestBody NewRule rule) {
		EarnRule saved = this.loyalty.saveRule(code, null, rule);
		return ResponseEntity.created(URI.create(BASE + "/" + code + "/rules/" + saved.id())).body(saved);
	}

	@PutMapping(BASE + "/{code}/rules/{ruleId}")
	@PreAuthorize("hasAuthority('loyalty:admin')")
	@Operation(summary = "Change a rule (its kind stays); audited")
	EarnRule changeRule(@PathVariable String code, @PathVariable UUID ruleId, @RequestBody NewRule rule) {
		return this.loyalty.saveRule(code, ruleId, rule);
	}

	/** A basket to simulate, for a member (customerId) or a new member. */
	record Simulation(UUID customerId, Basket basket) {
	}

	@PostMapping(BASE + "/{code}/simulate")
	@PreAuthorize("hasAuthority('loyalty:read')")
	@Operation(summary = "What would this basket earn for this member, and why",
			description = "Rule by rule: points, whether counted (group policy), validity, tier and caps. "
					+ "Nothing is written.")
	Earning simulate(@PathVariable String code, @RequestBody Simulation simulation) {
		Basket b = (simulation == null) ? null : simulation.basket();
		if (b == null || b.occurredAt() == null) {
			throw ApiException.invalid("basket.occurredAt",
					Text.of("loyalty.simulation.time", "give the basket with its time"));
		}
		if (b.isPurchase() && (b.total() == null || b.currency() == null)) {
			throw ApiException.invalid("basket.total",
					Text.of("loyalty.simulation.total", "a purchase needs a total and a currency"));
		}
		return this.texts.earning(this.loyalty.simulate(code, simulation.customerId(), b));
	}

}
