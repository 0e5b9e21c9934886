package org.rapport.loyalty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;
import org.rapport.platform.web.Text;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The member panel as the 360 page shows it, shared by the panel's actions: per
 * membership the balances, the tier and the progress to the next (an override with its
 * end, reason and author), the cards, the latest redemptions with their vouchers' states
 * and a page of the ledger; the earlier memberships (migrated or merged), read-only, each
 * with its ledger on request; and a refused action shown on its form.
 */
@Component
class MemberPanelView {

	static final int LEDGER_PAGE = 10;

	static final int REDEMPTIONS_SHOWN = 10;

	private final Loyalty loyalty;

	private final Rewards rewards;

	private final LoyaltyConsole console;

	private final Clock clock;

	private final MessageSource messages;

	MemberPanelView(Loyalty loyalty, Rewards rewards, LoyaltyConsole console, Clock clock, MessageSource messages) {
		this.messages = messages;
		this.loyalty = loyalty;
		this.rewards = rewards;
		this.console = console;
		this.clock = clock;
	}

	/**
	 * The redemption, checked to belong to the membership of the customer of the page.
	 */
	Redemption redemptionOf(UUID customerId, UUID accountId, UUID redemptionId) {
		memberOf(customerId, accountId);
		Redemption r = this.rewards.redemption(redemptionId);
		if (!accountId.equals(r.accountId())) {
			throw NotFound.of(Text.of("loyalty.redemption.not-of-member", "Redemption of the member {0} does not exist",
					redemptionId));
		}
		return r;
	}

	/** The membership, checked to belong to the customer of the page. */
	MemberSummary memberOf(UUID customerId, UUID accountId) {
		MemberSummary member = this.loyalty.member(accountId);
		if (!customerId.equals(member.customerId())) {
			throw NotFound.of(Text.of("loyalty.account.not-of-customer",
					"Loyalty account of the customer {0} does not exist", accountId));
		}
		return member;
	}

	/** After a successful action: the panel for htmx, the 360 page otherwise. */
	String done(UUID id, String htmx, Authentication authentication, Model model) {
		if (htmx == null) {
			return "redirect:/customers/" + id + "#loyalty";
		}
		return render(id, null, 0, authentication, model);
	}

	/**
	 * The panel with what the engine refused shown on the form {@code form}; anything
	 * else than refused input is rethrown.
	 */
	String refused(RuntimeException ex, String form, UUID id, Authentication authentication, Model model,
			HttpServletResponse response) {
		if (!LoyaltyConsole.isInputProblem(ex)) {
			throw ex;
		}
		model.addAttribute("errorForm", form);
		model.addAttribute("errors", LoyaltyConsole.errors(ex, this.messages));
		// htmx swaps only successful answers by default: answer 200 with the errors shown
		response.setStatus(HttpServletResponse.SC_OK);
		return render(id, null, 0, authentication, model);
	}

	String render(UUID id, UUID account, int page, Authentication authentication, Model model) {
		List<MemberSummary> members = this.loyalty.membershipsOf(id);
		Map<UUID, List<LoyaltyConsole.Line>> ledgers = new LinkedHashMap<>();
		Map<UUID, LedgerPage> pages = new LinkedHashMap<>();
		Map<UUID, MemberTier> tiers = new LinkedHashMap<>();
		Map<UUID, List<Tier>> ladders = new LinkedHashMap<>();
		Map<UUID, List<Redemption>> redemptions = new LinkedHashMap<>();
		Map<String, String> staffNames = new LinkedHashMap<>();
		for (MemberSummary m : members) {
			LedgerPage p = this.loyalty.ledger(m.accountId(), m.accountId().equals(account) ? page : 0, LEDGER_PAGE);
			pages.put(m.accountId(), p);
			ledgers.put(m.accountId(), this.console.lines(p));
			MemberTier tier = this.loyalty.tierOf(m.accountId(), this.clock.instant());
			tiers.put(m.accountId(), tier);
			if (tier.measure() != null) {
				ladders.put(m.accountId(), this.loyalty.tierLadder(m.programmeCode()).tiers());
			}
			if (tier.overrideBy() != null) {
				staffNames.put(tier.overrideBy(), this.console.staffName(tier.overrideBy()));
			}
			List<Redemption> latest = this.rewards.redemptionsOf(m.accountId(), REDEMPTIONS_SHOWN);
			redemptions.put(m.accountId(), latest);
			latest.stream()
				.filter((r) -> r.cancelledBy() != null)
				.forEach((r) -> staffNames.put(r.cancelledBy(), this.console.staffName(r.cancelledBy())));
		}
		Map<String, String> programmeNames = this.loyalty.programmes()
			.stream()
			.collect(Collectors.toMap(LoyaltyProgramme::code, LoyaltyProgramme::name));
		List<EarlierMembership> earlier = this.loyalty.earlierMembershipsOf(id);
		UUID shownEarlier = earlier.stream()
			.map(EarlierMembership::accountId)
			.filter((a) -> a.equals(account))
			.findFirst()
			.orElse(null);
		if (shownEarlier != null) {
			LedgerPage p = this.loyalty.ledger(shownEarlier, page, LEDGER_PAGE);
			pages.put(shownEarlier, p);
			ledgers.put(shownEarlier, this.console.lines(p));
		}
		// the customer's own accounts, which a TRANSFER's source links to within the
		// panel
		Map<String, String> activeAccounts = new LinkedHashMap<>();
		Map<String, String> accountNames = new LinkedHashMap<>();
		for (MemberSummary m : members) {
			activeAccounts.put(m.accountId().toString(), m.programmeCode());
			accountNames.put(m.accountId().toString(),
					programmeNames.getOrDefault(m.programmeCode(), m.programmeCode()));
		}
		for (EarlierMembership e : earlier) {
			accountNames.put(e.accountId().toString(),
					programmeNames.getOrDefault(e.programmeCode(), e.programmeCode()));
		}
		Set<String> joined = members.stream().map(MemberSummary::programmeCode).collect(Collectors.toSet());
		model.addAttribute("customerId", id);
		model.addAttribute("earlier", earlier);
		model.addAttribute("shownEarlier", shownEarlier);
		model.addAttribute("activeAccounts", activeAccounts);
		model.addAttribute("accountNames", accountNames);
		model.addAttribute("members", members);
		model.addAttribute("pages", pages);
		model.addAttribute("ledgers", ledgers);
		model.addAttribute("tiers", tiers);
		model.addAttribute("ladders", ladders);
		model.addAttribute("redemptions", redemptions);
		model.addAttribute("staffNames", staffNames);
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("tomorrow", LocalDate.now(this.clock.withZone(ZoneOffset.UTC)).plusDays(1));
		model.addAttribute("programmeNames", programmeNames);
		model.addAttribute("open",
				this.loyalty.openProgrammes().stream().filter((p) -> !joined.contains(p.code())).toList());
		model.addAttribute("can", LoyaltyConsole.Can.of(authentication));
		model.addAttribute("formKey", UUID.randomUUID().toString());
		if (!model.containsAttribute("errors")) {
			model.addAttribute("errors", Map.of());
			model.addAttribute("errorForm", "");
		}
		return "loyalty/panel";
	}

}
