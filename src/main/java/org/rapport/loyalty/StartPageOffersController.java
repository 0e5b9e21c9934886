package org.rapport.loyalty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.customer.StartPageCard;
import org.rapport.platform.console.Recent;
import org.rapport.platform.web.ApiException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The loyalty card of the console's start page, an htmx fragment for staff who may read
 * loyalty: per programme with a tier ladder, the first few members who already qualify
 * for a better tier than they hold, those within {@value #WITHIN} % of their next tier
 * and those who lose their tier within {@value #DAYS} days unless they reach its
 * threshold (the lists of the tier-offers page, highest revenue first), with a link to
 * that page. Says so when there is no programme or none has a ladder. The lists of a
 * programme are kept for {@code rapport.loyalty.start-offers-max-age} (5 minutes unless
 * set; ADR 0067) and say when they were computed; the tier-offers page computes them on
 * every load.
 */
@Controller
@PreAuthorize("hasAuthority('loyalty:read')")
class StartPageOffersController {

	static final String PATH = "/loyalty/start/offers";

	static final int SHOWN = 5;

	static final int WITHIN = 10;

	static final int DAYS = 30;

	@Bean
	static StartPageCard loyaltyOffersCard() {
		return new StartPageCard("loyalty-offers", PATH, "loyalty:read", 20);
	}

	/** A programme with a ladder and its first candidates of both lists. */
	record ProgrammeOffers(LoyaltyProgramme programme, List<TierCandidate> better, List<TierCandidate> near,
			List<TierAtRisk> atRisk, Map<String, String> tierNames, String unit, Instant at) {

		/** Whether every list is empty. */
		public boolean nobody() {
			return this.better.isEmpty() && this.near.isEmpty() && this.atRisk.isEmpty();
		}

		/** The name staff know a tier by; its code when the ladder no longer has it. */
		public String tierName(String code) {
			return this.tierNames.getOrDefault(code, code);
		}

		/** What the member is missing for the next tier, with its unit (80 EUR). */
		public String missing(TierCandidate candidate) {
			return withUnit(candidate.missing());
		}

		/** What the member is missing to keep their tier, with its unit. */
		public String missing(TierAtRisk member) {
			return withUnit(member.missing());
		}

		/** Money with its cents (8.40 EUR), points and purchases as whole numbers. */
		private String withUnit(java.math.BigDecimal value) {
			String amount = this.programme.currency().equals(this.unit)
					? value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()
					: value.stripTrailingZeros().toPlainString();
			return (this.unit == null) ? amount : amount + " " + this.unit;
		}

	}

	private final Loyalty loyalty;

	private final MemberNames names;

	private final Recent<String, TierOfferLists> recent;

	StartPageOffersController(Loyalty loyalty, MemberNames names, Clock clock,
			@Value("${rapport.loyalty.start-offers-max-age:PT5M}") Duration maxAge) {
		this.loyalty = loyalty;
		this.names = names;
		this.recent = new Recent<>((code) -> loyalty.tierOffers(code, WITHIN, DAYS, SHOWN), clock, maxAge);
	}

	@GetMapping(PATH)
	String offers(Model model) {
		List<LoyaltyProgramme> programmes = this.loyalty.openProgrammes();
		List<ProgrammeOffers> offers = new ArrayList<>();
		List<UUID> ids = new ArrayList<>();
		for (LoyaltyProgramme programme : programmes) {
			try {
				Recent.Computed<TierOfferLists> computed = this.recent.of(programme.code());
				List<TierCandidate> better = computed.value().better();
				List<TierCandidate> near = computed.value().near();
				List<TierAtRisk> atRisk = computed.value().atRisk();
				better.forEach((c) -> ids.add(c.customerId()));
				near.forEach((c) -> ids.add(c.customerId()));
				atRisk.forEach((c) -> ids.add(c.customerId()));
				Map<String, String> tierNames = new HashMap<>();
				TierLadder ladder = this.loyalty.tierLadder(programme.code());
				ladder.tiers().forEach((t) -> tierNames.put(t.code(), t.name()));
				offers.add(new ProgrammeOffers(programme, better, near, atRisk, tierNames,
						programme.unitOf(ladder.measure()), computed.at()));
			}
			catch (ApiException ex) {
				if (ex.status() != HttpStatus.NOT_FOUND) {
					throw ex;
				}
				// a programme without a tier ladder has nobody to offer a tier
			}
		}
		model.addAttribute("programmes", programmes);
		model.addAttribute("offers", offers);
		model.addAttribute("within", WITHIN);
		model.addAttribute("names", this.names.of(ids));
		return "loyalty/start :: offers";
	}

}
