package org.rapport.loyalty;

import java.time.Clock;
import java.util.List;

import org.rapport.audit.AuditTrail;
import org.rapport.customer.CustomerErased;
import org.rapport.customer.CustomerMerged;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps accounts with the right customer. A merge moves the merged customer's accounts to
 * the survivor; where the survivor is a member of the same programme already, the merged
 * account's balances move by a TRANSFER pair, its lots, purchases and cards follow, and
 * it stays as MERGED (its ledger intact). An erasure unlinks the accounts from the person
 * (customer, referral, card numbers), redacts the audit entries of the accounts and their
 * redemptions, and keeps the ledger amounts for the accounts.
 */
@Component
class CustomerLinks {

	private final JdbcClient jdbc;

	private final AccountStore accounts;

	private final Ledger ledger;

	private final Clock clock;

	private final AuditTrail audit;

	CustomerLinks(JdbcClient jdbc, AccountStore accounts, Ledger ledger, Clock clock, AuditTrail audit) {
		this.audit = audit;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.ledger = ledger;
		this.clock = clock;
	}

	@ApplicationModuleListener
	void on(CustomerMerged merged) {
		List<Account> survivors = this.accounts.activeOf(merged.survivorId());
		for (Account account : this.accounts.activeOf(merged.mergedId())) {
			Account survivor = survivors.stream()
				.filter((s) -> s.programmeId().equals(account.programmeId()))
				.findFirst()
				.orElse(null);
			if (survivor == null) {
				this.jdbc.sql("UPDATE loyalty_account SET customer_id = ? WHERE id = ?")
					.params(merged.survivorId(), account.id())
					.update();
				continue;
			}
			combine(account, survivor);
		}
	}

	private void combine(Account from, Account into) {
		boolean fromFirst = from.id().compareTo(into.id()) < 0;
		Balance a = this.ledger.lock(fromFirst ? from.id() : into.id());
		Balance b = this.ledger.lock(fromFirst ? into.id() : from.id());
		Balance moving = fromFirst ? a : b;
		String key = "merge:" + from.id();
		String reason = LoyaltyWordings.MERGED.stored(from.id(), into.id());
		this.ledger.append(new Ledger.Entry(from.id(), MovementKind.TRANSFER, -moving.available(), -moving.pending(),
				reason, "ACCOUNT", into.id().toString(), key, this.clock.instant(), null, null));
		this.ledger.append(new Ledger.Entry(into.id(), MovementKind.TRANSFER, moving.available(), moving.pending(),
				reason, "ACCOUNT", from.id().toString(), key, this.clock.instant(), null, null));
		this.jdbc.sql("UPDATE loyalty_lot SET account_id = ? WHERE account_id = ?")
			.params(into.id(), from.id())
			.update();
		this.jdbc.sql("UPDATE loyalty_purchase SET account_id = ? WHERE account_id = ?")
			.params(into.id(), from.id())
			.update();
		this.jdbc.sql("UPDATE loyalty_card SET account_id = ? WHERE account_id = ?")
			.params(into.id(), from.id())
			.update();
		this.jdbc.sql("UPDATE loyalty_account SET status = 'MERGED', merged_into = ?, closed_at = ? WHERE id = ?")
			.params(into.id(), ProgrammeStore.utc(this.clock.instant()), from.id())
			.update();
		this.jdbc.sql("UPDATE loyalty_account SET first_purchase_at = LEAST(first_purchase_at, ?) WHERE id = ?")
			.params(ProgrammeStore.utc(from.firstPurchaseAt()), into.id())
			.update();
		this.ledger.consumeOldestFirst(into.id());
	}

	/**
	 * An erased customer's cards lose their numbers (the active ones are blocked); every
	 * account of the customer, whatever its status, found through the customers' index of
	 * the accounts (ADR 0066).
	 */
	static final String ERASE_CARDS = """
			UPDATE loyalty_card SET number = NULL, identity_id = NULL,
			  status = CASE WHEN status = 'ACTIVE' THEN 'BLOCKED' ELSE status END
			WHERE account_id IN (SELECT id FROM loyalty_account WHERE customer_id = ?)
			""";

	/**
	 * An erased customer's accounts keep their ledger and lose the person; an account
	 * combined into another by a merge stays MERGED.
	 */
	static final String ERASE_ACCOUNTS = "UPDATE loyalty_account SET customer_id = NULL, referred_by = NULL, "
			+ "status = CASE WHEN status = 'MERGED' THEN status ELSE 'ERASED' END WHERE customer_id = ?";

	/**
	 * The audit trail of an erased customer's accounts and redemptions: their summaries
	 * and snapshots hold what staff typed about the person (an adjustment's reason, a
	 * cancelled redemption's), so they are redacted like the customer's own entries.
	 */
	static final String AUDITED_ENTITIES = """
			SELECT 'loyalty_account' AS type, a.id::text AS id FROM loyalty_account a WHERE a.customer_id = ?
			UNION ALL
			SELECT 'loyalty_redemption', r.id::text FROM loyalty_redemption r
			  JOIN loyalty_account a ON a.id = r.account_id WHERE a.customer_id = ?
			""";

	/**
	 * Covers the erased customer and every record merged into it: an account combined
	 * into the survivor's by a merge stays with the merged record, and its audit trail
	 * (enrolment, card numbers) is about the same person.
	 */
	@ApplicationModuleListener
	void on(CustomerErased erased) {
		for (java.util.UUID record : erased.records()) {
			this.jdbc.sql(AUDITED_ENTITIES)
				.params(record, record)
				.query((rs, n) -> new String[] { rs.getString("type"), rs.getString("id") })
				.list()
				.forEach((entity) -> this.audit.redact(entity[0], entity[1]));
			this.jdbc.sql(ERASE_CARDS).param(record).update();
			this.jdbc.sql(ERASE_ACCOUNTS).param(record).update();
		}
	}

}
