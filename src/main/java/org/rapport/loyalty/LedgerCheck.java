package org.rapport.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a programme's books the way an auditor would (ADR 0085): for every account, the
 * balance the engine keeps against the sum of its ledger (available and pending apart),
 * and the points its open lots hold against the balance (available lots against the
 * available balance, or nothing when it is negative; pending lots against the pending
 * balance). These hold after every operation; a difference means that something wrote
 * around the engine (a hand-made correction in the database, a restored backup of one
 * table) and is listed by account, with the three readings side by side. Everything is
 * read from one snapshot, so a purchase earning while the check runs cannot make the
 * readings disagree.
 */
@Component
class LedgerCheck {

	/** The most differing accounts a report lists; the count is of all of them. */
	static final int LISTED = 100;

	/** Per account: the balance row, the ledger's sums and the open lots' sums. */
	private static final String READINGS = """
			WITH acc AS (
			  SELECT a.id, a.customer_id FROM loyalty_account a WHERE a.programme_id = :p
			), led AS (
			  SELECT m.account_id, SUM(m.available_delta) AS available, SUM(m.pending_delta) AS pending
			  FROM loyalty_movement m JOIN acc ON acc.id = m.account_id GROUP BY m.account_id
			), lot AS (
			  SELECT l.account_id, COALESCE(SUM(l.remaining) FILTER (WHERE l.status = 'AVAILABLE'), 0) AS available,
			    COALESCE(SUM(l.remaining) FILTER (WHERE l.status = 'PENDING'), 0) AS pending
			  FROM loyalty_lot l JOIN acc ON acc.id = l.account_id WHERE l.remaining > 0 GROUP BY l.account_id
			), readings AS (
			  SELECT acc.id AS account_id, acc.customer_id,
			    COALESCE(b.available, 0) AS balance_available, COALESCE(b.pending, 0) AS balance_pending,
			    COALESCE(led.available, 0) AS ledger_available, COALESCE(led.pending, 0) AS ledger_pending,
			    COALESCE(lot.available, 0) AS lots_available, COALESCE(lot.pending, 0) AS lots_pending
			  FROM acc LEFT JOIN loyalty_balance b ON b.account_id = acc.id
			  LEFT JOIN led ON led.account_id = acc.id LEFT JOIN lot ON lot.account_id = acc.id
			)
			""";

	private static final String DIFFERS = """
			balance_available <> ledger_available OR balance_pending <> ledger_pending
			  OR lots_available <> GREATEST(balance_available, 0) OR lots_pending <> balance_pending""";

	/** Available and pending points. */
	record Points(long available, long pending) {
	}

	/** One account whose readings disagree. */
	record Difference(UUID accountId, UUID customerId, Points balance, Points ledger, Points lots) {
	}

	/**
	 * The check of a programme: how many accounts, the three totals, how many accounts
	 * disagree and the first {@link #LISTED} of them (in account order).
	 */
	record Report(String programme, Instant checkedAt, long accounts, Points balances, Points ledger, Points lots,
			long differing, List<Difference> differences) {

		/** Whether every account's balance is the sum of its ledger and of its lots. */
		@JsonProperty("agrees")
		public boolean agrees() {
			return this.differing == 0;
		}

	}

	private final JdbcClient jdbc;

	private final TransactionTemplate snapshot;

	private final Clock clock;

	LedgerCheck(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.snapshot = new TransactionTemplate(transactions);
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	Report check(LoyaltyProgramme programme) {
		return this.snapshot.execute((status) -> {
			Instant at = this.clock.instant();
			Report totals = this.jdbc.sql(READINGS + """
					SELECT count(*) AS accounts,
					  COALESCE(SUM(balance_available), 0) AS ba, COALESCE(SUM(balance_pending), 0) AS bp,
					  COALESCE(SUM(ledger_available), 0) AS la, COALESCE(SUM(ledger_pending), 0) AS lp,
					  COALESCE(SUM(lots_available), 0) AS ta, COALESCE(SUM(lots_pending), 0) AS tp,
					  count(*) FILTER (WHERE %s) AS differing
					FROM readings
					""".formatted(DIFFERS))
				.param("p", programme.id())
				.query((rs, n) -> new Report(programme.code(), at, rs.getLong("accounts"),
						new Points(rs.getLong("ba"), rs.getLong("bp")), new Points(rs.getLong("la"), rs.getLong("lp")),
						new Points(rs.getLong("ta"), rs.getLong("tp")), rs.getLong("differing"), List.of()))
				.single();
			if (totals.agrees()) {
				return totals;
			}
			List<Difference> listed = this.jdbc
				.sql(READINGS + "SELECT * FROM readings WHERE " + DIFFERS + " ORDER BY account_id LIMIT " + LISTED)
				.param("p", programme.id())
				.query((rs, n) -> new Difference(rs.getObject("account_id", UUID.class),
						rs.getObject("customer_id", UUID.class),
						new Points(rs.getLong("balance_available"), rs.getLong("balance_pending")),
						new Points(rs.getLong("ledger_available"), rs.getLong("ledger_pending")),
						new Points(rs.getLong("lots_available"), rs.getLong("lots_pending"))))
				.list();
			return new Report(totals.programme(), at, totals.accounts(), totals.balances(), totals.ledger(),
					totals.lots(), totals.differing(), listed);
		});
	}

}
