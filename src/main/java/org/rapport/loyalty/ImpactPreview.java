package org.rapport.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import static org.rapport.loyalty.ProgrammeStore.instant;
import static org.rapport.loyalty.ProgrammeStore.utc;

/**
 * Who would lose what with a programme change, before it is made, highest revenue first.
 * Expiry: every open lot's date recomputed under the proposed policy, as if it applied to
 * the points members hold (saving a programme's settings dates only the points earned
 * after it, ADR 0009; the preview shows what re-dating the held points would cost). The
 * expiry job takes a lot whose date has come at its next run, so a lot whose new date is
 * already past would be lost at once, and a pending lot not before it becomes available:
 * the points lost at once are counted apart, and the first new date is that of the other
 * points, never before now. A lot already due under its present date is lost anyway and
 * does not count. Earn rate: the points earned in the last 12 months times (1 − factor).
 * Tiers: the proposed ladder run through the real re-qualification in a transaction that
 * is rolled back. Nothing is written. Each line carries what analytics predicts of the
 * member (lifetime value, risk of leaving) for a caller who may read it.
 */
@Component
class ImpactPreview {

	/**
	 * Per member: the points of the open lots that would expire earlier under the
	 * proposed policy, those of them that would expire at once (their new date is past:
	 * the next expiry run takes them) and the first new date of the others. When a lot
	 * would expire: its new date, not before it becomes available (the expiry job takes
	 * only available points); when it expires as things are: the same with its present
	 * date.
	 */
	private static final String EXPIRY = """
			SELECT a.id AS account_id, a.customer_id, SUM(l.remaining) AS points,
			       COALESCE(SUM(l.remaining) FILTER (WHERE w.would_expire <= :now), 0) AS at_once,
			       MIN(w.would_expire) FILTER (WHERE w.would_expire > :now) AS earliest
			FROM loyalty_lot l JOIN loyalty_account a ON a.id = l.account_id,
			LATERAL (SELECT CASE :policy
			    WHEN 'ROLLING' THEN l.earned_at + make_interval(months => :months)
			    WHEN 'END_OF_PERIOD' THEN (make_date(
			        extract(year FROM (l.earned_at AT TIME ZONE 'UTC') + make_interval(months => :months))::int,
			        ((extract(month FROM (l.earned_at AT TIME ZONE 'UTC') + make_interval(months => :months))::int - 1)
			          / :period) * :period + 1, 1) + make_interval(months => :period))::timestamp AT TIME ZONE 'UTC'
			    END AS new_expiry) x,
			LATERAL (SELECT GREATEST(x.new_expiry, l.available_at) AS would_expire,
			    GREATEST(COALESCE(l.expires_at, 'infinity'::timestamptz), l.available_at) AS expires) w
			WHERE a.programme_id = :p AND a.status = 'ACTIVE' AND l.remaining > 0 AND l.status <> 'EXPIRED'
			  AND x.new_expiry IS NOT NULL AND w.would_expire < w.expires AND w.expires > :now
			GROUP BY a.id, a.customer_id
			""";

	private final JdbcClient jdbc;

	private final Tiers tiers;

	private final TierStore store;

	private final Clock clock;

	private final MemberOutlooks outlooks;

	ImpactPreview(JdbcClient jdbc, Tiers tiers, TierStore store, Clock clock, MemberOutlooks outlooks) {
		this.jdbc = jdbc;
		this.tiers = tiers;
		this.store = store;
		this.clock = clock;
		this.outlooks = outlooks;
	}

	List<ImpactLine> preview(LoyaltyProgramme programme, ProgrammeChange change) {
		Instant now = this.clock.instant();
		Map<UUID, Line> lines = new LinkedHashMap<>();
		// a change that names no expiry policy leaves expiry as it is
		if (change.settings() != null && change.settings().expiryPolicy() != null
				&& change.settings().expiryPolicy() != ExpiryPolicy.NONE) {
			this.jdbc.sql(EXPIRY)
				.param("policy", change.settings().expiryPolicy().name())
				.param("months", change.settings().expiryMonths())
				.param("period", change.settings().expiryPeriodMonths())
				.param("p", programme.id())
				.param("now", utc(now))
				.query((rs) -> {
					Line l = line(lines, rs.getObject("account_id", UUID.class),
							rs.getObject("customer_id", UUID.class));
					l.expiring = rs.getLong("points");
					l.atOnce = rs.getLong("at_once");
					l.earliest = instant(rs, "earliest");
				});
		}
		BigDecimal factor = change.earnRateFactor();
		if (factor != null && factor.compareTo(BigDecimal.ONE) < 0) {
			this.jdbc.sql("""
					SELECT a.id AS account_id, a.customer_id, SUM(m.available_delta + m.pending_delta) AS earned
					FROM loyalty_movement m JOIN loyalty_account a ON a.id = m.account_id
					WHERE a.programme_id = :p AND a.status = 'ACTIVE' AND m.kind IN ('EARN', 'PENDING', 'REVERSE')
					  AND m.occurred_at > :since GROUP BY a.id, a.customer_id
					""")
				.param("p", programme.id())
				.param("since", utc(now.atZone(java.time.ZoneOffset.UTC).minusMonths(12).toInstant()))
				.query((rs) -> {
					long lost = BigDecimal.valueOf(rs.getLong("earned"))
						.multiply(BigDecimal.ONE.subtract(factor))
						.setScale(0, java.math.RoundingMode.FLOOR)
						.longValue();
					if (lost > 0) {
						line(lines, rs.getObject("account_id", UUID.class),
								rs.getObject("customer_id", UUID.class)).lostPerYear = lost;
					}
				});
		}
		if (change.ladder() != null) {
			TierLadder current = this.store.ladder(programme.id()).orElse(null);
			TierLadder proposed = change.ladder().validated();
			TierPlan plan = this.tiers.preview(programme, proposed, now);
			List<TierMove> all = new ArrayList<>(plan.moves());
			all.addAll(plan.atRisk());
			for (TierMove m : all) {
				Tier before = (current == null) ? null : current.tier(m.fromTier());
				Tier after = proposed.tier(m.toTier());
				if (before == null || proposed.rank(m.toTier()) >= rankIn(current, m.fromTier())
						&& before.lostTo(after).isEmpty()) {
					continue;
				}
				Line l = line(lines, m.accountId(), m.customerId());
				l.from = m.fromTier();
				l.to = m.toTier();
				l.at = m.effectiveAt();
				l.benefits = before.lostTo(after);
			}
			// members who keep their tier code but whose tier loses a benefit
			if (current != null) {
				for (Tier t : current.tiers()) {
					Tier same = proposed.tier(t.code());
					if (same != null && !t.lostTo(same).isEmpty()) {
						this.jdbc
							.sql("SELECT mt.account_id, a.customer_id FROM loyalty_member_tier mt "
									+ "JOIN loyalty_account a ON a.id = mt.account_id WHERE mt.programme_id = ? "
									+ "AND mt.tier_code = ? AND a.status = 'ACTIVE'")
							.params(programme.id(), t.code())
							.query((rs) -> {
								Line l = line(lines, rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
								if (l.from == null) {
									l.from = t.code();
									l.to = t.code();
									l.at = now;
									l.benefits = t.lostTo(same);
								}
							});
					}
				}
			}
		}
		List<UUID> customers = lines.values().stream().map((l) -> l.customer).toList();
		Map<UUID, BigDecimal> revenue = revenue(customers);
		Map<UUID, MemberOutlook.Outlook> outlook = this.outlooks.of(customers);
		return lines.values()
			.stream()
			.map((l) -> new ImpactLine(l.account, l.customer, revenue.getOrDefault(l.customer, BigDecimal.ZERO),
					l.expiring, l.atOnce, l.earliest, l.lostPerYear, programme.valueOf(l.expiring + l.lostPerYear),
					l.from, l.to, l.at, l.benefits, null, null)
				.with(outlook.get(l.customer)))
			.sorted(Comparator.comparing(ImpactLine::revenue)
				.reversed()
				.thenComparing(ImpactLine::valueLost, Comparator.reverseOrder())
				.thenComparing(ImpactLine::accountId))
			.toList();
	}

	private static int rankIn(TierLadder ladder, String code) {
		return (ladder == null) ? 0 : ladder.rank(code);
	}

	private Map<UUID, BigDecimal> revenue(List<UUID> customers) {
		Map<UUID, BigDecimal> revenue = new java.util.HashMap<>();
		if (customers.isEmpty()) {
			return revenue;
		}
		this.jdbc.sql("SELECT customer_id, revenue FROM customer_figures WHERE customer_id = ANY(?)")
			.param(customers.toArray(new UUID[0]))
			.query((rs) -> {
				revenue.put(rs.getObject(1, UUID.class), rs.getBigDecimal(2));
			});
		return revenue;
	}

	private static Line line(Map<UUID, Line> lines, UUID account, UUID customer) {
		return lines.computeIfAbsent(account, (a) -> new Line(a, customer));
	}

	private static final class Line {

		final UUID account;

		final UUID customer;

		long expiring;

		long atOnce;

		Instant earliest;

		long lostPerYear;

		String from;

		String to;

		Instant at;

		Tier.Benefits benefits = Tier.Benefits.NONE;

		Line(UUID account, UUID customer) {
			this.account = account;
			this.customer = customer;
		}

	}

}
