package org.rapport.loyalty.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.rapport.IntegrationTest;
import org.rapport.loyalty.Combination;
import org.rapport.loyalty.ExpiryPolicy;
import org.rapport.loyalty.Loyalty;
import org.rapport.loyalty.LoyaltyProgramme;
import org.rapport.loyalty.NegativeBalancePolicy;
import org.rapport.loyalty.ProgrammeSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's data set is a ledger the application could have written: balances equal
 * their ledgers, lots hold the points, and every id is a UUID v7 of the moment its row
 * was written, as {@code Ids.next} makes them.
 */
@IntegrationTest
class LedgerDataSetTest {

	@Autowired
	Loyalty loyalty;

	@Autowired
	JdbcClient jdbc;

	@Test
	void generatedMembersHaveBalancesEqualToTheirLedgersAndIdsOfTheMomentTheirRowsWereWritten() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		LoyaltyProgramme programme = this.loyalty
			.createProgramme(new ProgrammeSettings("bench-" + UUID.randomUUID().toString().substring(0, 8), "Bench",
					"EUR", "points", new BigDecimal("0.01"), 14, ExpiryPolicy.ROLLING, 12, null,
					NegativeBalancePolicy.ALLOW, null, Map.of("base", Combination.STACK), null));

		new LedgerDataSet(this.jdbc).generate(programme.id(), 50, now);

		String accounts = "SELECT id FROM loyalty_account WHERE programme_id = :p";
		assertThat(count("SELECT count(*) FROM loyalty_account WHERE programme_id = :p", programme)).isEqualTo(50);
		assertThat(count("SELECT count(*) FROM loyalty_movement WHERE account_id IN (" + accounts + ")", programme))
			.isEqualTo(500);
		// balance = sum of the ledger, and the available lots hold the available points
		assertThat(count("""
				SELECT count(*) FROM loyalty_balance b
				WHERE b.account_id IN (%s)
				  AND (b.available <> (SELECT SUM(m.available_delta) FROM loyalty_movement m
				                       WHERE m.account_id = b.account_id)
				    OR b.pending <> (SELECT SUM(m.pending_delta) FROM loyalty_movement m
				                     WHERE m.account_id = b.account_id))
				""".formatted(accounts), programme)).isZero();
		assertThat(count("""
				SELECT count(*) FROM loyalty_balance b
				WHERE b.account_id IN (%s)
				  AND b.available <> (SELECT SUM(l.remaining) FROM loyalty_lot l
				                      WHERE l.account_id = b.account_id AND l.status = 'AVAILABLE')
				""".formatted(accounts), programme)).isZero();
		// a UUID v7 carries its moment in milliseconds in its first 48 bits
		String millis = "('x' || substr(replace(%s::text, '-', ''), 1, 12))::bit(48)::bigint";
		String moment = "floor(extract(epoch FROM %s) * 1000)::bigint";
		assertThat(count(
				"SELECT count(*) FROM loyalty_account a WHERE a.programme_id = :p AND (" + millis.formatted("a.id")
						+ " <> " + moment.formatted("a.enrolled_at") + " OR substr(a.id::text, 15, 1) <> '7')",
				programme))
			.isZero();
		assertThat(count("SELECT count(*) FROM loyalty_lot l WHERE l.account_id IN (" + accounts + ") AND ("
				+ millis.formatted("l.id") + " <> " + moment.formatted("l.earned_at")
				+ " OR substr(l.id::text, 15, 1) <> '7')", programme))
			.isZero();
		assertThat(count("SELECT count(*) FROM loyalty_movement m WHERE m.account_id IN (" + accounts + ") AND ("
				+ millis.formatted("m.id") + " <> " + moment.formatted("m.occurred_at")
				+ " OR substr(m.id::text, 15, 1) <> '7')", programme))
			.isZero();
	}

	private long count(String sql, LoyaltyProgramme programme) {
		return this.jdbc.sql(sql).param("p", programme.id()).query(Long.class).single();
	}

}
