package org.rapport.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.rapport.loyalty.RuleParams.CapPeriod;
import org.rapport.platform.Ids;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import static org.rapport.loyalty.ProgrammeStore.instant;
import static org.rapport.loyalty.ProgrammeStore.utc;

/** Member accounts with their balance rows, and the purchases that earned points. */
@Repository
class AccountStore {

	private static final String COLUMNS = "id, programme_id, customer_id, status, enrolled_at, referred_by, "
			+ "first_purchase_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	AccountStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Optional<Account> byId(UUID id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_account WHERE id = ?")
			.param(id)
			.query(AccountStore::account)
			.optional();
	}

	/** The customer of each of these accounts, in one read. */
	Map<UUID, UUID> customersOf(java.util.Collection<UUID> ids) {
		Map<UUID, UUID> customers = new java.util.HashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc.sql("SELECT id, customer_id FROM loyalty_account WHERE id = ANY(?)")
				.param(ids.toArray(UUID[]::new))
				.query((rs) -> {
					customers.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
				});
		}
		return customers;
	}

	/**
	 * What earning for an interaction needs to know about the (locked) account, in one
	 * read: the account, whether the interaction was counted before (a movement under the
	 * key, or its purchase row), the earn multiplier of the member's tier (1 without one)
	 * and the revision of the programme (what its kept snapshot is checked against, ADR
	 * 0033).
	 */
	record EarningState(Account account, boolean counted, java.math.BigDecimal tierMultiplier, long programmeRevision) {
	}

	EarningState earningState(UUID accountId, String key, UUID interactionId) {
		return this.jdbc.sql(EARNING_STATE.formatted("", "FROM loyalty_account a", Ledger.KEYED, ""))
			.param("key", key)
			.param("interaction", interactionId)
			.param("account", accountId)
			.query((rs, n) -> earningState(rs, n))
			.single();
	}

	/**
	 * Locks the account's balance row until the transaction ends and answers the
	 * {@link #earningState}, in one statement when it can (ADR 0033). The state is read
	 * in the statement's snapshot, taken before the lock was granted; it is only kept
	 * when the locked row is the very version that snapshot sees, so that no transaction
	 * that held the lock before committed a change the snapshot misses (every earning
	 * writes a new version of the balance row: a credit, or the touch of
	 * {@link Ledger#recordPurchase}). Otherwise the state is read again, now that the
	 * lock is held, as {@link Ledger#lock} followed by {@link #earningState} would.
	 */
	EarningState lockForEarning(UUID accountId, String key, UUID interactionId) {
		boolean[] unchanged = new boolean[1];
		EarningState state = this.jdbc
			.sql(EARNING_STATE.formatted(
					", b.ctid = (SELECT s.ctid FROM loyalty_balance s WHERE s.account_id = :account) AS unchanged",
					"FROM loyalty_balance b JOIN loyalty_account a ON a.id = b.account_id", Ledger.KEYED,
					"FOR UPDATE OF b"))
			.param("key", key)
			.param("interaction", interactionId)
			.param("account", accountId)
			.query((rs, n) -> {
				unchanged[0] = rs.getBoolean("unchanged");
				return earningState(rs, n);
			})
			.single();
		return unchanged[0] ? state : earningState(accountId, key, interactionId);
	}

	private static final String EARNING_STATE = "SELECT " + COLUMNS.replaceAll("(\\w+)", "a.$1") + """
			, EXISTS (SELECT 1 FROM loyalty_movement m WHERE m.account_id = a.id AND m.idempotency_key = :key
			           AND m.%3$s)
			  OR EXISTS (SELECT 1 FROM loyalty_purchase p WHERE p.account_id = a.id AND p.interaction_id = :interaction)
			  AS counted,
			  COALESCE(t.earn_multiplier, 1) AS tier_multiplier, prog.revision%1$s
			%2$s
			JOIN loyalty_programme prog ON prog.id = a.programme_id
			LEFT JOIN loyalty_member_tier mt ON mt.account_id = a.id
			LEFT JOIN loyalty_tier t ON t.programme_id = mt.programme_id AND t.code = mt.tier_code
			WHERE a.id = :account
			%4$s
			""";

	/** What a group earning asks about one of its purchases or events (ADR 0038). */
	record Want(UUID accountId, String key, UUID interactionId) {
	}

	/**
	 * Locks the balance rows of the accounts of a group of purchases and events until the
	 * transaction ends, in account order, and answers the {@link EarningState} of each,
	 * in one statement when it can (ADR 0033, 0038). The states are read in the
	 * statement's snapshot, taken before the locks were granted; they are only kept when
	 * every locked row is the very version that snapshot sees, so that no transaction
	 * that held a lock before committed a change the snapshot misses (every earning
	 * writes a new version of the balance row of each account it earned for,
	 * {@link Ledger#appendAll}). Otherwise the states are all read again, now that the
	 * locks are held. The states answer the wants in their order; a want whose account
	 * has no balance row has none (null).
	 */
	List<EarningState> lockForEarning(List<Want> wants) {
		if (wants.isEmpty()) {
			return List.of();
		}
		EarningState[] states = new EarningState[wants.size()];
		boolean[] unchanged = { true };
		wanted(this.jdbc.sql(GROUP_STATE.formatted(
				", b.ctid = (SELECT s.ctid FROM loyalty_balance s WHERE s.account_id = b.account_id) AS unchanged",
				"JOIN loyalty_balance b ON b.account_id = w.account_id AND b.account_id = " + BY_KEY
						+ " JOIN loyalty_account a ON a.id = b.account_id AND a.id = " + BY_KEY,
				Ledger.KEYED, "ORDER BY b.account_id, w.ord FOR UPDATE OF b")), wants)
			.query((rs) -> {
				unchanged[0] &= rs.getBoolean("unchanged");
				states[(int) rs.getLong("ord") - 1] = earningState(rs, 0);
			});
		if (!unchanged[0]) {
			wanted(this.jdbc.sql(GROUP_STATE.formatted("",
					"JOIN loyalty_account a ON a.id = w.account_id AND a.id = " + BY_KEY, Ledger.KEYED, "")), wants)
				.query((rs) -> {
					states[(int) rs.getLong("ord") - 1] = earningState(rs, 0);
				});
		}
		return Arrays.asList(states);
	}

	/**
	 * The group's accounts again, beside the join on the unnested wants: it changes no
	 * result (the join already keeps only them), but it lets the plan kept for the
	 * statement look the accounts and balance rows up by key. Without it the kept plan,
	 * made for an array of unknown length, read the whole of {@code loyalty_account} into
	 * a hash join (ADR 0051, 0056).
	 */
	private static final String BY_KEY = "ANY(CAST(:accounts AS uuid[]))";

	private static JdbcClient.StatementSpec wanted(JdbcClient.StatementSpec statement, List<Want> wants) {
		return statement.param("accounts", wants.stream().map(Want::accountId).toArray(UUID[]::new))
			.param("keys", wants.stream().map(Want::key).toArray(String[]::new))
			.param("interactions", wants.stream().map(Want::interactionId).toArray(UUID[]::new));
	}

	private static final String GROUP_STATE = "SELECT w.ord, " + COLUMNS.replaceAll("(\\w+)", "a.$1")
			+ """
					, EXISTS (SELECT 1 FROM loyalty_movement m WHERE m.account_id = a.id AND m.idempotency_key = w.idempotency_key
					           AND m.%3$s)
					  OR EXISTS (SELECT 1 FROM loyalty_purchase p WHERE p.account_id = a.id AND p.interaction_id = w.interaction_id)
					  AS counted,
					  COALESCE(t.earn_multiplier, 1) AS tier_multiplier, prog.revision%1$s
					FROM unnest(CAST(:accounts AS uuid[]), CAST(:keys AS text[]), CAST(:interactions AS uuid[]))
					  WITH ORDINALITY AS w(account_id, idempotency_key, interaction_id, ord)
					%2$s
					JOIN loyalty_programme prog ON prog.id = a.programme_id
					LEFT JOIN loyalty_member_tier mt ON mt.account_id = a.id
					LEFT JOIN loyalty_tier t ON t.programme_id = mt.programme_id AND t.code = mt.tier_code
					%4$s
					""";

	private static EarningState earningState(ResultSet rs, int n) throws SQLException {
		return new EarningState(account(rs, n), rs.getBoolean("counted"), rs.getBigDecimal("tier_multiplier"),
				rs.getLong("revision"));
	}

	Optional<Account> active(UUID customerId, UUID programmeId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM loyalty_account WHERE customer_id = ? AND programme_id = ? "
					+ "AND status = 'ACTIVE'")
			.params(customerId, programmeId)
			.query(AccountStore::account)
			.optional();
	}

	List<Account> activeOf(UUID customerId) {
		return this.jdbc
			.sql("SELECT " + COLUMNS + " FROM loyalty_account WHERE customer_id = ? AND status = 'ACTIVE' ORDER BY id")
			.param(customerId)
			.query(AccountStore::account)
			.list();
	}

	/**
	 * The customer's closed accounts whose balance lives on in another account: their own
	 * accounts migrated or merged, and every account merged or migrated, at any remove,
	 * into one of them (a merged customer's membership combined into this customer's);
	 * the latest closed first.
	 */
	List<EarlierMembership> earlierOf(UUID customerId) {
		return this.jdbc.sql("""
				WITH RECURSIVE family(id) AS (
				  SELECT id FROM loyalty_account WHERE customer_id = :customer
				  UNION
				  SELECT a.id FROM loyalty_account a JOIN family f ON a.merged_into = f.id
				)
				SELECT a.id, p.code, a.status, a.enrolled_at, a.closed_at, a.merged_into, np.code AS into_code
				FROM family f JOIN loyalty_account a ON a.id = f.id
				JOIN loyalty_programme p ON p.id = a.programme_id
				LEFT JOIN loyalty_account n ON n.id = a.merged_into
				LEFT JOIN loyalty_programme np ON np.id = n.programme_id
				WHERE a.status IN ('MIGRATED', 'MERGED')
				ORDER BY a.closed_at DESC NULLS LAST, a.id DESC
				""")
			.param("customer", customerId)
			.query((rs, n) -> new EarlierMembership(rs.getObject("id", UUID.class), rs.getString("code"),
					rs.getString("status"), instant(rs, "enrolled_at"), instant(rs, "closed_at"),
					rs.getObject("merged_into", UUID.class), rs.getString("into_code")))
			.list();
	}

	/**
	 * The active accounts of the customers, in one query: by customer, each customer's in
	 * account order; customers without one are absent. Each customer's accounts are
	 * looked up by key (the members' index), one customer after the other, whatever the
	 * plan's guess of how many accounts are active (ADR 0056): asked as
	 * {@code customer_id = ANY(…)} the query read every active account when the table's
	 * statistics were older than its members, as they are while a programme fills.
	 */
	Map<UUID, List<Account>> activeOfAll(Collection<UUID> customerIds) {
		if (customerIds.isEmpty()) {
			return Map.of();
		}
		return this.jdbc.sql("SELECT " + COLUMNS.replaceAll("(\\w+)", "a.$1") + """
				 FROM unnest(CAST(? AS uuid[])) AS c(customer_id)
				CROSS JOIN LATERAL (SELECT * FROM loyalty_account x
				  WHERE x.customer_id = c.customer_id AND x.status = 'ACTIVE' OFFSET 0) a
				ORDER BY a.customer_id, a.id
				""")
			.param(customerIds.toArray(UUID[]::new))
			.query(AccountStore::account)
			.stream()
			.collect(Collectors.groupingBy(Account::customerId, LinkedHashMap::new, Collectors.toList()));
	}

	UUID create(UUID programmeId, UUID customerId, UUID referredBy, Instant enrolledAt) {
		UUID id = Ids.next(this.clock);
		OffsetDateTime now = this.clock.instant().atOffset(ZoneOffset.UTC);
		this.jdbc
			.sql("INSERT INTO loyalty_account (id, programme_id, customer_id, status, enrolled_at, referred_by) "
					+ "VALUES (?, ?, ?, 'ACTIVE', ?, ?)")
			.params(id, programmeId, customerId, enrolledAt.atOffset(ZoneOffset.UTC), referredBy)
			.update();
		this.jdbc.sql("INSERT INTO loyalty_balance (account_id, available, pending, updated_at) VALUES (?, 0, 0, ?)")
			.params(id, now)
			.update();
		return id;
	}

	/**
	 * Points credited (earned, pending or not) since the start of the day, month and year
	 * of {@code at}, UTC.
	 */
	Map<CapPeriod, Long> earnedInPeriods(UUID accountId, Instant at) {
		OffsetDateTime t = at.atOffset(ZoneOffset.UTC);
		OffsetDateTime day = t.toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
		OffsetDateTime month = day.withDayOfMonth(1);
		OffsetDateTime year = day.withDayOfYear(1);
		return this.jdbc.sql("""
				SELECT COALESCE(SUM(available_delta + pending_delta) FILTER (WHERE occurred_at >= :day), 0) AS d,
				       COALESCE(SUM(available_delta + pending_delta) FILTER (WHERE occurred_at >= :month), 0) AS m,
				       COALESCE(SUM(available_delta + pending_delta), 0) AS y
				FROM loyalty_movement
				WHERE account_id = :account AND kind IN ('EARN', 'PENDING') AND source_type = 'INTERACTION'
				  AND occurred_at >= :year AND occurred_at <= :at
				""")
			.param("day", day)
			.param("month", month)
			.param("year", year)
			.param("at", t)
			.param("account", accountId)
			.query((rs, n) -> {
				Map<CapPeriod, Long> m = new EnumMap<>(CapPeriod.class);
				m.put(CapPeriod.DAY, rs.getLong("d"));
				m.put(CapPeriod.MONTH, rs.getLong("m"));
				m.put(CapPeriod.YEAR, rs.getLong("y"));
				return m;
			})
			.single();
	}

	record Purchase(UUID accountId, UUID interactionId, UUID lotId, java.math.BigDecimal total, long pointsEarned,
			java.math.BigDecimal returnedAmount, long pointsReversed) {
	}

	boolean purchaseKnown(UUID accountId, UUID interactionId) {
		return this.jdbc.sql("SELECT count(*) FROM loyalty_purchase WHERE account_id = ? AND interaction_id = ?")
			.params(accountId, interactionId)
			.query(Long.class)
			.single() > 0;
	}

	/** The accounts' records of a purchase (one per programme the customer earned in). */
	List<Purchase> purchases(UUID interactionId) {
		return this.jdbc
			.sql("SELECT account_id, interaction_id, lot_id, total, points_earned, returned_amount, "
					+ "points_reversed FROM loyalty_purchase WHERE interaction_id = ?")
			.param(interactionId)
			.query((rs, n) -> new Purchase(rs.getObject("account_id", UUID.class),
					rs.getObject("interaction_id", UUID.class), rs.getObject("lot_id", UUID.class),
					rs.getBigDecimal("total"), rs.getLong("points_earned"), rs.getBigDecimal("returned_amount"),
					rs.getLong("points_reversed")))
			.list();
	}

	void recordReturn(UUID accountId, UUID interactionId, java.math.BigDecimal returned, long reversed) {
		this.jdbc
			.sql("UPDATE loyalty_purchase SET returned_amount = returned_amount + ?, "
					+ "points_reversed = points_reversed + ? WHERE account_id = ? AND interaction_id = ?")
			.params(returned, reversed, accountId, interactionId)
			.update();
	}

	static Account account(ResultSet rs, int n) throws SQLException {
		return new Account(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
				rs.getObject("customer_id", UUID.class), rs.getString("status"), instant(rs, "enrolled_at"),
				rs.getObject("referred_by", UUID.class), instant(rs, "first_purchase_at"));
	}

}
