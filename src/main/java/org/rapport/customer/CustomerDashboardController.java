package org.rapport.customer;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.platform.Actor;
import org.rapport.platform.console.Recent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The console's start page. Other modules contribute what needs attention as
 * {@link StartPageCard}s (loaded as htmx fragments, only for staff who may read them);
 * the customer module adds how many customers stand on each stage set by staff (counted
 * at most once a minute, {@code rapport.customers.start-counts-max-age}, and saying when)
 * and how many are assigned to the signed-in staff member.
 */
@Controller
class CustomerDashboardController {

	private final CustomerConsoleProfile profiles;

	private final List<StartPageCard> cards;

	private final Recent<String, Map<LifecycleStage, Long>> stageCounts;

	CustomerDashboardController(CustomerConsoleProfile profiles, ObjectProvider<StartPageCard> cards, Clock clock,
			@Value("${rapport.customers.start-counts-max-age:PT1M}") Duration maxAge) {
		this.profiles = profiles;
		this.cards = cards.stream().sorted(Comparator.comparingInt(StartPageCard::order)).toList();
		this.stageCounts = new Recent<>((all) -> profiles.countsByStage(), clock, maxAge);
	}

	@GetMapping("/")
	String dashboard(Authentication authentication, Model model) {
		UUID me = staffId(Actor.current());
		model.addAttribute("cards", cardsFor(authentication));
		// a pass over every active customer, shared by all staff for a minute (ADR 0070)
		Recent.Computed<Map<LifecycleStage, Long>> counts = this.stageCounts.of("all");
		model.addAttribute("stageCounts", counts.value());
		model.addAttribute("stageCountsAt", counts.at());
		model.addAttribute("myId", me);
		model.addAttribute("mine", me == null ? 0L : this.profiles.countAssignedTo(me));
		return "dashboard";
	}

	/** The contributed cards the signed-in staff member holds the authority for. */
	List<StartPageCard> cardsFor(Authentication authentication) {
		if (authentication == null) {
			return List.of();
		}
		return this.cards.stream()
			.filter((c) -> authentication.getAuthorities()
				.stream()
				.anyMatch((a) -> c.authority().equals(a.getAuthority())))
			.toList();
	}

	private static UUID staffId(Actor actor) {
		if (actor.kind() != Actor.Kind.STAFF) {
			return null;
		}
		try {
			return UUID.fromString(actor.id());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
