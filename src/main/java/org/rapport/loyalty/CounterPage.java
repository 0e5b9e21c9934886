package org.rapport.loyalty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.customer.CustomerView;
import org.rapport.customer.Customers;
import org.rapport.customer.IdentityType;
import org.rapport.platform.web.ApiException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The counter screen as its actions show it: the members found by loyalty card, or by an
 * identity in the customer's record (phone, another card, e-mail), with their programme,
 * whether analytics judges them of high value or at high risk of leaving (for staff who
 * may read it), tier and the tier's benefits (priority service first), balance, cards,
 * recent movements, the rewards they can redeem now, the vouchers they hold unused
 * (soonest to expire first) and their next points to expire when that is within
 * {@link #EXPIRY_WARNING}; and the voucher step, which needs no member look-up (a voucher
 * names its member).
 */
@Component
class CounterPage {

	private final Loyalty loyalty;

	private final Rewards rewards;

	private final Customers customers;

	private final LoyaltyConsole console;

	private final Clock clock;

	private final MemberOutlooks outlooks;

	CounterPage(Loyalty loyalty, Rewards rewards, Customers customers, LoyaltyConsole console, Clock clock,
			MemberOutlooks outlooks) {
		this.loyalty = loyalty;
		this.rewards = rewards;
		this.customers = customers;
		this.console = console;
		this.clock = clock;
		this.outlooks = outlooks;
	}

	/**
	 * A member found at the counter, with the loyalty card used (null when found through
	 * the customer's record) and the vouchers the member holds that can still be used
	 * (with a button to use each, unless the programme requires the voucher's code, ADR
	 * 0086).
	 */
	record Found(CardView card, boolean usable, MemberSummary member, String customerName, String programmeName,
			MemberTier tier, List<LoyaltyConsole.Line> recent, List<Reward> rewards, List<Redemption> openVouchers,
			boolean voucherCodeRequired, MemberSummary.Expiring expiringSoon) {
	}

	/** How far ahead the counter warns of the member's next points to expire. */
	static final Duration EXPIRY_WARNING = Duration.ofDays(30);

	/**
	 * The customer found through their record (phone, card, e-mail) and the programmes
	 * they have not joined, so that counter staff can enrol them at once.
	 */
	record Joinable(UUID customerId, String customerName, List<LoyaltyProgramme> programmes) {
	}

	String render(String q, Authentication authentication, Model model) {
		String query = q.strip();
		model.addAttribute("q", query);
		Lookup lookup = query.isEmpty() ? new Lookup(List.of(), Optional.empty()) : find(query);
		model.addAttribute("found", lookup.found());
		// the member's value and risk, as the customer page's head says them (ADR 0083)
		model.addAttribute("outlook",
				this.outlooks.of(lookup.found().stream().map((f) -> f.member().customerId()).toList()));
		model.addAttribute("joinable", joinable(lookup));
		model.addAttribute("can", LoyaltyConsole.Can.of(authentication));
		model.addAttribute("formKey", UUID.randomUUID().toString());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
		}
		if (!model.containsAttribute("enrolErrors")) {
			model.addAttribute("enrolErrors", Map.of());
		}
		if (!model.containsAttribute("voucherErrors")) {
			model.addAttribute("voucherErrors", Map.of());
		}
		return "loyalty/counter";
	}

	/** The customer's name for people, or null when the member has none (erased). */
	String nameOf(MemberSummary member) {
		return member.customerId() == null ? null : this.customers.get(member.customerId()).displayName();
	}

	/** The name staff know the member's programme by. */
	String programmeName(MemberSummary member) {
		return this.loyalty.programme(member.programmeCode()).name();
	}

	/**
	 * The members a look-up found, and the customer when it went through the customer's
	 * record.
	 */
	private record Lookup(List<Found> found, Optional<CustomerView> customer) {
	}

	private Lookup find(String query) {
		List<Found> found = new ArrayList<>();
		if (query.replaceAll("[\\s-]", "").matches("[0-9]{8,30}")) {
			this.loyalty.findByCard(query).ifPresent((l) -> found.add(found(l.card(), l.usable(), l.member())));
		}
		if (!found.isEmpty()) {
			return new Lookup(found, Optional.empty());
		}
		Optional<CustomerView> customer = customerOf(query);
		customer.ifPresent((c) -> this.loyalty.membershipsOf(c.id()).forEach((m) -> found.add(found(null, true, m))));
		return new Lookup(found, customer);
	}

	/**
	 * The customer the look-up found through their record (a loyalty card names a member
	 * already), when there is a programme they are not in; null otherwise.
	 */
	private Joinable joinable(Lookup lookup) {
		if (lookup.customer().isEmpty()) {
			return null;
		}
		CustomerView customer = lookup.customer().get();
		Set<String> joined = lookup.found().stream().map((f) -> f.member().programmeCode()).collect(Collectors.toSet());
		List<LoyaltyProgramme> open = this.loyalty.openProgrammes()
			.stream()
			.filter((p) -> !joined.contains(p.code()))
			.toList();
		return open.isEmpty() ? null : new Joinable(customer.id(), customer.displayName(), open);
	}

	/**
	 * The customer whose record holds the look-up as an identity, when no loyalty card
	 * has its number: an e-mail, or else a phone and then a card number (a store or
	 * partner card kept in the customer's record, as the customer search finds it).
	 */
	private Optional<CustomerView> customerOf(String query) {
		List<IdentityType> types = query.contains("@") ? List.of(IdentityType.EMAIL)
				: List.of(IdentityType.PHONE, IdentityType.CARD);
		for (IdentityType type : types) {
			Optional<CustomerView> customer = identity(type, query);
			if (customer.isPresent()) {
				return customer;
			}
		}
		return Optional.empty();
	}

	private Optional<CustomerView> identity(IdentityType type, String query) {
		try {
			return this.customers.findByIdentity(type, query);
		}
		catch (ApiException ex) {
			// not that kind of identity
			return Optional.empty();
		}
	}

	private Found found(CardView card, boolean usable, MemberSummary member) {
		LedgerPage recent = this.loyalty.ledger(member.accountId(), 0, 5);
		List<Reward> offered = this.rewards.rewards(member.programmeCode(), false);
		Instant now = this.clock.instant();
		List<Redemption> open = this.rewards.openVouchersOf(member.accountId());
		MemberSummary.Expiring next = member.nextExpiry();
		MemberSummary.Expiring soon = (next != null && !next.at().isAfter(now.plus(EXPIRY_WARNING))) ? next : null;
		return new Found(card, usable, member, nameOf(member), programmeName(member),
				this.loyalty.tierOf(member.accountId(), now), this.console.lines(recent), offered, open,
				this.loyalty.programme(member.programmeCode()).voucherCodeRequired(), soon);
	}

}
