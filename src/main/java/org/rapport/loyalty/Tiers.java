package org.rapport.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.rapport.audit.AuditTrail;
import org.rapport.platform.Actor;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tier ladders and members' tiers: applying or previewing a ladder (the preview runs the
 * very same statement in a transaction that is rolled back), the nightly
 * re-qualification, overrides, the upgrade at once after earning, and the tier of a
 * member with the progress to the next.
 */
@Component
class Tiers {

	private static final Logger log = LoggerFactory.getLogger(Tiers.class);

	private final TierStore store;

	private final TierJobs jobs;

	private final ProgrammeStore programmes;

	private final ProgrammeSnapshots snapshots;

	private final AccountStore accounts;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final TransactionTemplate rolledBack;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int rangeSize;

	private final int workers;

	Tiers(TierStore store, TierJobs jobs, ProgrammeStore programmes, ProgrammeSnapshots snapshots,
			AccountStore accounts, AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc,
			PlatformTransactionManager tx, Clock clock,
			@Value("${rapport.loyalty.jobs-range-size:20000}") int rangeSize,
			@Value("${rapport.loyalty.jobs-workers:2}") int workers) {
		this.store = store;
		this.jobs = jobs;
		this.programmes = programmes;
		this.snapshots = snapshots;
		this.accounts = accounts;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.rolledBack = new TransactionTemplate(tx);
		this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transactions = new TransactionTemplate(tx);
		this.clock = clock;
		this.rangeSize = rangeSize;
		this.workers = Math.max(1, workers);
	}

	TierLadder ladder(LoyaltyProgramme programme) {
		return this.store.ladder(programme.id())
			.orElseThrow(() -> NotFound
				.of(Text.of("loyalty.tier.no-ladder", "Tier ladder of {0} does not exist", programme.code())));
	}

	/** How many active members hold each tier of the programme's ladder now. */
	@Transactional(readOnly = true)
	TierMembers members(LoyaltyProgramme programme) {
		TierLadder ladder = ladder(programme);
		return TierMembers.of(ladder, this.store.held(programme.id()), this.store.activeMembers(programme.id()),
				this.clock.instant());
	}

	/**
	 * Saves the ladder and re-qualifies every member under it at {@code asOf}. With
	 * {@code expectedFingerprint} (the one of the preview the user saw), the apply is
	 * refused, with nothing changed, unless it makes exactly the previewed moves from the
	 * same stored ladder: compared inside this transaction, under the ladder's lock.
	 */
	@Transactional
	TierPlan apply(LoyaltyProgramme programme, TierLadder ladder, Instant asOf, String expectedFingerprint) {
		int version = this.store.lockLadder(programme.id());
		TierLadder before = this.store.ladder(programme.id()).orElse(null);
		this.store.saveLadder(programme.id(), ladder.validated());
		TierPlan made = this.jobs.requalify(programme, ladder, asOf, null, false);
		String fingerprint = fingerprint(version, ladder, made);
		if (expectedFingerprint != null && !expectedFingerprint.equals(fingerprint)) {
			throw ApiException.conflict("preview-stale",
					Text.of("loyalty.tier.preview-stale", "The ladder or its members changed since the preview: "
							+ "applying now would not make the previewed moves. Preview again; nothing was changed."));
		}
		this.audit.record(AuditTrail.Change.of("loyalty.tiers-changed", "loyalty_programme", programme.id(),
				Text.of("loyalty.audit.tiers-changed", "Tier ladder of {0} changed", programme.code()), before,
				ladder));
		return publish(programme,
				new TierPlan(made.programmeCode(), asOf, true, made.moves(), made.atRisk(), fingerprint));
	}

	/** What {@link #apply} would do, without applying anything. */
	TierPlan preview(LoyaltyProgramme programme, TierLadder ladder, Instant asOf) {
		return inRolledBackTransaction(() -> {
			int version = this.store.lockLadder(programme.id());
			this.store.saveLadder(programme.id(), ladder.validated());
			TierPlan plan = this.jobs.requalify(programme, ladder, asOf, null, false);
			return new TierPlan(plan.programmeCode(), asOf, false, plan.moves(), plan.atRisk(),
					fingerprint(version, ladder, plan));
		});
	}

	/**
	 * What a preview showed, as a SHA-256: the stored ladder's version it started from,
	 * the ladder, the moment, and who moves from where to where (and who keeps a tier
	 * until when), in account order so that changed revenue figures do not count.
	 */
	static String fingerprint(int version, TierLadder ladder, TierPlan plan) {
		StringBuilder text = new StringBuilder().append(version)
			.append('|')
			.append(ladder.measure())
			.append('|')
			.append(ladder.window())
			.append('|')
			.append(ladder.graceMonths())
			.append('|')
			.append(plan.asOf());
		for (Tier t : ladder.tiers()) {
			text.append("\nT|")
				.append(t.code())
				.append('|')
				.append(t.name())
				.append('|')
				.append(t.threshold().stripTrailingZeros().toPlainString())
				.append('|')
				.append(t.multiplier().stripTrailingZeros().toPlainString())
				.append('|')
				.append(t.discount().stripTrailingZeros().toPlainString())
				.append('|')
				.append(t.priorityService())
				.append('|')
				.append(t.gifts());
		}
		lines(text, "M", plan.moves());
		lines(text, "R", plan.atRisk());
		try {
			return java.util.HexFormat.of()
				.formatHex(java.security.MessageDigest.getInstance("SHA-256")
					.digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void lines(StringBuilder text, String kind, List<TierMove> moves) {
		moves.stream()
			.sorted(java.util.Comparator.comparing(TierMove::accountId))
			.forEach((m) -> text.append('\n')
				.append(kind)
				.append('|')
				.append(m.accountId())
				.append('|')
				.append(m.fromTier())
				.append('|')
				.append(m.toTier())
				.append('|')
				.append(m.effectiveAt()));
	}

	<T> T inRolledBackTransaction(java.util.function.Supplier<T> work) {
		return this.rolledBack.execute((status) -> {
			status.setRollbackOnly();
			return work.get();
		});
	}

	/**
	 * The nightly re-qualification of every programme with a ladder, range by range of
	 * account ids (ADR 0022): one transaction per range, {@code jobs-workers} ranges at
	 * once; each range's moves are published with it. Each range reads its own members'
	 * qualifying values, by an index-only scan of the window's rows in account order (ADR
	 * 0076), so the ranges start at once instead of waiting for a pass over the whole
	 * table. Before them the table the values come from is vacuumed, so that the rows
	 * written since the last vacuum (the night's own movements) are marked visible to all
	 * and the scan need not visit their pages. The plan lists the moves of all ranges,
	 * most valuable customers first. A run stopped half-way is completed by running it
	 * again: a range done before changes nothing the second time.
	 */
	List<TierPlan> requalifyAll(Instant asOf) {
		Map<LoyaltyProgramme, TierLadder> ladders = new LinkedHashMap<>();
		for (LoyaltyProgramme p : this.programmes.all()) {
			this.store.ladder(p.id()).ifPresent((ladder) -> ladders.put(p, ladder));
		}
		ladders.values().stream().map((ladder) -> valuesTable(ladder.measure())).distinct().forEach(this::vacuum);
		List<TierPlan> plans = new ArrayList<>();
		for (Map.Entry<LoyaltyProgramme, TierLadder> entry : ladders.entrySet()) {
			LoyaltyProgramme p = entry.getKey();
			TierLadder ladder = entry.getValue();
			List<AccountRanges.Range> ranges = AccountRanges.of(this.jdbc, this.rangeSize).ranges();
			List<TierPlan> parts = RangeWork.inRanges("tier re-qualification", ranges, this.workers, this.transactions,
					(range) -> publish(p, this.jobs.requalify(p, ladder, asOf, range)));
			Comparator<TierMove> valuable = Comparator.comparing(TierMove::revenue, Comparator.reverseOrder())
				.thenComparing(TierMove::accountId);
			List<TierMove> moves = parts.stream().flatMap((t) -> t.moves().stream()).sorted(valuable).toList();
			List<TierMove> atRisk = parts.stream().flatMap((t) -> t.atRisk().stream()).sorted(valuable).toList();
			log.info("Tier re-qualification of {} as of {}: {} moves, {} at risk in {} account ranges", p.code(), asOf,
					moves.size(), atRisk.size(), ranges.size());
			plans.add(new TierPlan(p.code(), asOf, true, moves, atRisk, null));
		}
		return plans;
	}

	/**
	 * Marks the pages of the table a measure's values come from visible to all where they
	 * can be (a plain {@code VACUUM}, which visits only the pages written or changed
	 * since the last one), so that the ranges' index-only scans read the index alone. Not
	 * run inside a caller's transaction (where PostgreSQL refuses it) nor by a role that
	 * does not own the table (PostgreSQL skips it with a warning): the scans then read
	 * the rows' pages as well, slower but with the same result.
	 */
	private void vacuum(String table) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return;
		}
		long started = System.nanoTime();
		this.jdbc.sql("VACUUM (SKIP_LOCKED) " + table).update();
		log.info("Vacuumed {} for the tier values in {} ms", table, (System.nanoTime() - started) / 1_000_000);
	}

	/** The table a measure's qualifying values are summed from. */
	static String valuesTable(TierLadder.Measure measure) {
		return (measure == TierLadder.Measure.POINTS_EARNED) ? "loyalty_movement" : "loyalty_purchase";
	}

	/**
	 * Upgrade at once: before the earning transaction commits (so the purchase rows are
	 * there too), the members who earned in it are re-qualified, upgrades only. The
	 * earnings of one transaction (a whole delivery of recorded interactions) are
	 * collected and re-qualified together before commit: one statement per programme and
	 * moment of earning, none for a programme without a ladder (ADR 0022). Deterministic
	 * (the purchase's own time is the evaluation time) and idempotent (a second run finds
	 * the tier reached).
	 */
	@EventListener
	void on(PointsEarned earned) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return;
		}
		@SuppressWarnings("unchecked")
		List<PointsEarned> collected = (List<PointsEarned>) TransactionSynchronizationManager.getResource(EARNED);
		if (collected == null) {
			List<PointsEarned> fresh = new ArrayList<>();
			TransactionSynchronizationManager.bindResource(EARNED, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					upgrade(fresh);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(EARNED);
				}
			});
			collected = fresh;
		}
		collected.add(earned);
	}

	private static final Object EARNED = new Object();

	/**
	 * Re-qualifies (upgrades only) the accounts that earned, grouped by programme and
	 * moment of earning, in the order they first earned.
	 */
	void upgrade(List<PointsEarned> earned) {
		Map<String, Map<Instant, Set<UUID>>> byProgramme = new LinkedHashMap<>();
		for (PointsEarned e : earned) {
			byProgramme.computeIfAbsent(e.programmeCode(), (c) -> new LinkedHashMap<>())
				.computeIfAbsent(e.occurredAt(), (t) -> new LinkedHashSet<>())
				.add(e.accountId());
		}
		byProgramme.forEach((code, moments) -> {
			ProgrammeSnapshots.Snapshot snapshot = this.snapshots.byCode(code).orElseThrow();
			if (snapshot.ladder() == null) {
				return;
			}
			moments.forEach((at, accounts) -> publish(snapshot.programme(),
					this.jobs.requalify(snapshot.programme(), snapshot.ladder(), at, List.copyOf(accounts), true)));
		});
	}

	@Transactional
	MemberTier override(Account account, String tierCode, Instant until, String reason) {
		LoyaltyProgramme programme = this.programmes.byId(account.programmeId()).orElseThrow();
		TierLadder ladder = ladder(programme);
		if (tierCode != null && ladder.tier(tierCode) == null) {
			throw ApiException.invalid("tier",
					Text.of("loyalty.tier.unknown", "no tier {0} in the ladder of {1}", tierCode, programme.code()));
		}
		if (until == null || !until.isAfter(this.clock.instant())) {
			throw ApiException.invalid("until",
					Text.of("loyalty.tier.override-until-future", "an override needs an end date in the future"));
		}
		String why = reason(reason);
		TierStore.State before = this.store.state(account.id()).orElse(null);
		String from = (before == null) ? null : before.tierCode();
		Actor actor = Actor.current();
		this.store.override(account.id(), programme.id(), tierCode, until, why, actor.id());
		String text = LoyaltyWordings.OVERRIDE.stored(until, actor.name(), why);
		this.store.logChange(account.id(), from, tierCode, "OVERRIDE", text);
		this.audit.record(AuditTrail.Change.of("loyalty.tier-override", "loyalty_account", account.id(),
				Text.of("loyalty.audit.tier-override", "Override until {0} by {1}: {2}", until.toString(), actor.name(),
						why),
				before, Map.of("tier", String.valueOf(tierCode), "until", until.toString(), "reason", why)));
		this.events.publishEvent(new TierChanged(account.id(), account.customerId(), programme.code(), from, tierCode,
				"OVERRIDE", text, this.clock.instant()));
		return memberTier(programme, account, this.clock.instant());
	}

	/**
	 * Ends a running override now, before its date, with a reason: the member gets the
	 * tier their qualifying value earns, exactly as when an override reaches its end (one
	 * rule, the re-qualification's). Audited, and kept in the tier history.
	 */
	@Transactional
	MemberTier endOverride(Account account, String reason) {
		LoyaltyProgramme programme = this.programmes.byId(account.programmeId()).orElseThrow();
		TierLadder ladder = ladder(programme);
		String why = reason(reason);
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		TierStore.State before = this.store.state(account.id()).orElse(null);
		if (!this.store.endOverride(account.id(), now)) {
			throw ApiException.conflict("no-override",
					Text.of("loyalty.tier.no-override", "The member's tier is not set by hand now"));
		}
		String text = LoyaltyWordings.OVERRIDE_ENDED.stored(Actor.current().name(), why);
		this.store.logChange(account.id(), before.tierCode(), before.tierCode(), "OVERRIDE_ENDED", text, now);
		// re-qualified a microsecond later, so that its move follows the ending in the
		// history
		publish(programme,
				this.jobs.requalify(programme, ladder, now.plus(1, ChronoUnit.MICROS), List.of(account.id()), false));
		this.audit.record(AuditTrail.Change.of("loyalty.tier-override-ended", "loyalty_account", account.id(), Text
			.of("loyalty.audit.tier-override-ended", "Override ended early by {0}: {1}", Actor.current().name(), why),
				before, Map.of("reason", why)));
		return memberTier(programme, account, now);
	}

	private static String reason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw ApiException.invalid("reason", Text.of("loyalty.reason.required", "give a reason"));
		}
		if (reason.length() > 500) {
			throw ApiException.invalid("reason", Text.of("loyalty.reason.too-long", "at most 500 characters"));
		}
		return reason.strip();
	}

	@Transactional(readOnly = true)
	MemberTier memberTier(LoyaltyProgramme programme, Account account, Instant asOf) {
		TierLadder ladder = this.store.ladder(programme.id()).orElse(null);
		if (ladder == null) {
			return new MemberTier(account.id(), null, null, null, null, null, null, null, null, null, BigDecimal.ZERO,
					null, null, null, 0, null, null);
		}
		BigDecimal value = this.jdbc.sql(TierJobs.values(ladder.measure(), true))
			.param("p", programme.id())
			.param("accounts", new UUID[] { account.id() })
			.param("ws", ProgrammeStore.utc(ladder.windowStart(asOf)))
			.param("asOf", ProgrammeStore.utc(asOf))
			.query((rs, n) -> rs.getBigDecimal("value"))
			.optional()
			.orElse(BigDecimal.ZERO);
		TierStore.State state = this.store.state(account.id()).orElse(null);
		Tier tier = (state == null) ? null : ladder.tier(state.tierCode());
		Tier qualifies = ladder.tierFor(value);
		Tier next = ladder.next((tier == null) ? null : tier.code());
		BigDecimal missing = (next == null) ? null : next.threshold().subtract(value).max(BigDecimal.ZERO);
		int progress = (next == null) ? 100
				: value.multiply(new BigDecimal(100))
					.divide(next.threshold(), 0, RoundingMode.FLOOR)
					.min(new BigDecimal(100))
					.intValue();
		Instant qualifiedUntil = (state == null) ? null : state.qualifiedUntil();
		return new MemberTier(account.id(), tier, (state == null) ? null : state.since(),
				(state == null) ? null : state.source(), (state == null) ? null : state.overrideUntil(),
				(state == null) ? null : state.overrideReason(), (state == null) ? null : state.overrideBy(),
				qualifiedUntil, (qualifiedUntil == null) ? null : ladder.downgradeFrom(qualifiedUntil),
				ladder.measure(), value, (qualifies == null) ? null : qualifies.code(), next, missing, progress,
				MemberTier.toKeep(tier, (state == null) ? null : state.source(), value),
				(qualifies != null && ladder.rank(qualifies.code()) > ladder.rank((tier == null) ? null : tier.code()))
						? qualifies : null);
	}

	@Transactional(readOnly = true)
	List<Map<String, Object>> history(UUID accountId) {
		return this.store.history(accountId);
	}

	private TierPlan publish(LoyaltyProgramme programme, TierPlan plan) {
		for (TierMove m : plan.moves()) {
			this.events.publishEvent(new TierChanged(m.accountId(), m.customerId(), programme.code(), m.fromTier(),
					m.toTier(), "QUALIFIED", m.reason(), plan.asOf()));
		}
		return plan;
	}

}
