package org.rapport.loyalty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.rapport.customer.PersonalDataContributor;

import org.springframework.stereotype.Component;

/**
 * Adds the customer's loyalty accounts, cards, full ledgers, redemptions (with the
 * reasons of their cancellations) and tier history (with the reasons of overrides) to the
 * personal-data export.
 */
@Component
class LoyaltyPersonalData implements PersonalDataContributor {

	private final AccountStore accounts;

	private final ProgrammeStore programmes;

	private final Membership membership;

	private final Ledger ledger;

	private final RedemptionStore redemptions;

	private final TierStore tiers;

	LoyaltyPersonalData(AccountStore accounts, ProgrammeStore programmes, Membership membership, Ledger ledger,
			RedemptionStore redemptions, TierStore tiers) {
		this.redemptions = redemptions;
		this.tiers = tiers;
		this.accounts = accounts;
		this.programmes = programmes;
		this.membership = membership;
		this.ledger = ledger;
	}

	@Override
	public String section() {
		return "loyalty";
	}

	@Override
	public Object personalData(UUID customerId) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (Account account : this.accounts.activeOf(customerId)) {
			LoyaltyProgramme programme = this.programmes.byId(account.programmeId()).orElseThrow();
			Map<String, Object> section = new LinkedHashMap<>();
			section.put("member", this.membership.summary(programme, account));
			section.put("ledger", this.ledger.page(account.id(), 0, Integer.MAX_VALUE));
			section.put("redemptions", this.redemptions.ofAccount(account.id(), Integer.MAX_VALUE));
			section.put("tierHistory", this.tiers.history(account.id()));
			out.add(section);
		}
		return out;
	}

}
