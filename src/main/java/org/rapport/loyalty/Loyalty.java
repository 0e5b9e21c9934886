package org.rapport.loyalty;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.validation.Valid;
import org.rapport.platform.web.ApiException;
import org.rapport.platform.web.ApiException.FieldProblem;
import org.rapport.platform.web.Text;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * Front door of the loyalty engine: programmes and rules, members and cards, the ledger
 * and its jobs. Writes take an idempotency key (null only for callers that cannot retry):
 * the same key again answers the first result and changes nothing.
 */
@Service
@Validated
public class Loyalty {

	private final ProgrammeStore programmes;

	private final ProgrammeAdmin admin;

	private final AccountStore accounts;

	private final Membership membership;

	private final Cards cards;

	private final Points points;

	private final Ledger ledger;

	private final LedgerJobs jobs;

	private final PurchaseEarning earning;

	private final Requests requests;

	private final TierDesk tierDesk;

	private final PointsAboutToExpire expiring;

	Loyalty(ProgrammeStore programmes, ProgrammeAdmin admin, AccountStore accounts, Membership membership, Cards cards,
			Points points, Ledger ledger, LedgerJobs jobs, PurchaseEarning earning, Requests requests,
			TierDesk tierDesk, PointsAboutToExpire expiring) {
		this.tierDesk = tierDesk;
		this.expiring = expiring;
		this.programmes = programmes;
		this.admin = admin;
		this.accounts = accounts;
		this.membership = membership;
		this.cards = cards;
		this.points = points;
		this.ledger = ledger;
		this.jobs = jobs;
		this.earning = earning;
		this.requests = requests;
	}

	// programme and rules

	@Transactional
	public LoyaltyProgramme createProgramme(@Valid ProgrammeSettings settings) {
		return this.admin.create(settings);
	}

	/**
	 * @throws ApiException 412 when the programme is no longer at {@code expectedVersion}
	 */
	@Transactional
	public LoyaltyProgramme changeProgramme(String code, int expectedVersion, @Valid ProgrammeSettings settings) {
		return this.admin.change(programme(code), expectedVersion, settings);
	}

	@Transactional(readOnly = true)
	public LoyaltyProgramme programme(String code) {
		return this.programmes.byCode(code)
			.orElseThrow(
					() -> NotFound.of(Text.of("loyalty.programme.not-found", "Programme {0} does not exist", code)));
	}

	@Transactional(readOnly = true)
	public List<LoyaltyProgramme> programmes() {
		return this.programmes.all();
	}

	/**
	 * The programmes a customer may join: every one but those migrated into another (ADR
	 * 0093).
	 */
	@Transactional(readOnly = true)
	public List<LoyaltyProgramme> openProgrammes() {
		return this.programmes.open();
	}

	/** The code of each programme migrated into another, with that other's code. */
	@Transactional(readOnly = true)
	public java.util.Map<String, String> migratedProgrammes() {
		return this.programmes.migrations();
	}

	/**
	 * Every saved version of the programme's settings: version, changedAt, changedBy,
	 * settings.
	 */
	@Transactional(readOnly = true)
	public List<Map<String, Object>> programmeVersions(String code) {
		return this.programmes.versions(programme(code).id());
	}

	@Transactional(readOnly = true)
	public List<EarnRule> rules(String code) {
		return this.programmes.rules(programme(code).id());
	}

	/**
	 * Adds a rule ({@code ruleId} null) or replaces one's group, name, params, validity
	 * and activity.
	 */
	@Transactional
	public EarnRule saveRule(String code, UUID ruleId, @Valid NewRule rule) {
		return this.admin.saveRule(programme(code), ruleId, rule);
	}

	/**
	 * What the basket would earn, rule by rule: for the member {@code customerId} as they
	 * are now, or for a new member when null. Nothing is written.
	 */
	@Transactional(readOnly = true)
	public Earning simulate(String code, UUID customerId, Basket basket) {
		List<FieldProblem> problems = basket.problems();
		if (!problems.isEmpty()) {
			throw ApiException.invalid(problems);
		}
		LoyaltyProgramme programme = programme(code);
		MemberContext context = MemberContext.newMember();
		if (customerId != null) {
			Account account = this.accounts.active(customerId, programme.id())
				.orElseThrow(() -> NotFound.of(Text.of("loyalty.member.not-found-in-programme",
						"Member of {0} {1} does not exist", code, customerId)));
			context = this.earning.context(account, basket.occurredAt());
		}
		return RulesEngine.evaluate(programme, this.programmes.rules(programme.id()), context, basket);
	}

	// members and cards

	@Transactional
	public MemberSummary enrol(String code, @Valid Enrolment enrolment, String key) {
		LoyaltyProgramme programme = programme(code);
		return this.requests.once("enrol:" + code, key, MemberSummary.class,
				() -> this.membership.enrol(programme, enrolment));
	}

	@Transactional(readOnly = true)
	public MemberSummary member(UUID accountId) {
		Account account = account(accountId);
		return this.membership.summary(this.programmes.byId(account.programmeId()).orElseThrow(), account);
	}

	/** The customer's memberships, one per programme. */
	@Transactional(readOnly = true)
	public List<MemberSummary> membershipsOf(UUID customerId) {
		return this.accounts.activeOf(customerId)
			.stream()
			.map((a) -> this.membership.summary(this.programmes.byId(a.programmeId()).orElseThrow(), a))
			.toList();
	}

	/**
	 * The customer's earlier memberships: accounts migrated into another programme or
	 * combined by a customer merge, whose ledgers stay readable ({@link #ledger},
	 * {@link #statement}); the latest closed first.
	 */
	@Transactional(readOnly = true)
	public List<EarlierMembership> earlierMembershipsOf(UUID customerId) {
		return this.accounts.earlierOf(customerId);
	}

	/** The card and its member, by a card number written in any usual way. */
	@Transactional(readOnly = true)
	public Optional<CardLookup> findByCard(String number) {
		return this.cards.byNumber(Luhn.normalise(number))
			.map((c) -> new CardLookup(c, c.status() == CardStatus.ACTIVE, member(c.accountId())));
	}

	@Transactional
	public CardView issueCard(UUID accountId, CardKind kind, String number, String key) {
		Account account = activeAccount(accountId);
		return this.requests.once("card-issue:" + accountId, key, CardView.class, () -> this.cards.issue(account,
				this.programmes.byId(account.programmeId()).orElseThrow(), kind, number, null));
	}

	/**
	 * Replaces a card: the old one becomes REPLACED, the new one is issued; the balance
	 * stays on the account.
	 */
	@Transactional
	public CardView replaceCard(UUID accountId, UUID cardId, CardKind kind, String number, String key) {
		Account account = activeAccount(accountId);
		return this.requests.once("card-replace:" + cardId, key, CardView.class, () -> {
			this.cards.end(account, cardId, CardStatus.REPLACED);
			return this.cards.issue(account, this.programmes.byId(account.programmeId()).orElseThrow(), kind, number,
					cardId);
		});
	}

	/** Blocks a card or reports it lost ({@code status} BLOCKED or LOST). */
	@Transactional
	public CardView endCard(UUID accountId, UUID cardId, CardStatus status, String key) {
		if (status != CardStatus.BLOCKED && status != CardStatus.LOST) {
			throw ApiException.invalid("status", Text.of("loyalty.card.end-status", "BLOCKED or LOST"));
		}
		Account account = activeAccount(accountId);
		return this.requests.once("card-" + status + ":" + cardId, key, CardView.class,
				() -> this.cards.end(account, cardId, status));
	}

	// ledger

	@Transactional(readOnly = true)
	public LedgerPage ledger(UUID accountId, int page, int size) {
		account(accountId);
		int s = Math.max(1, Math.min(size, 200));
		int p = Math.max(0, page);
		return new LedgerPage(this.ledger.page(accountId, p, s), p, s, this.ledger.count(accountId));
	}

	/**
	 * The member's statement of the period [from, to) (either may be null): opening
	 * balance, the period's movements and totals by kind, closing balance; read from one
	 * snapshot (ADR 0087).
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public Statement statement(UUID accountId, Instant from, Instant to) {
		Account account = account(accountId);
		return this.ledger.statement(account, this.programmes.byId(account.programmeId()).orElseThrow(), from, to);
	}

	/**
	 * The balance recomputed from the ledger alone; always equal to the member's balance.
	 */
	@Transactional(readOnly = true)
	public Balance sumOfLedger(UUID accountId) {
		return this.ledger.sumOfLedger(accountId);
	}

	@Transactional
	public Movement redeem(UUID accountId, long points, String reason, String key) {
		return this.points.redeem(activeAccount(accountId), points, text(reason), required(key));
	}

	@Transactional
	public Movement adjust(UUID accountId, long points, String reason, String key) {
		Account account = activeAccount(accountId);
		return this.points.adjust(this.programmes.byId(account.programmeId()).orElseThrow(), account, points,
				text(reason), required(key));
	}

	/** The most members one goodwill bonus reaches at once. */
	public static final int GOODWILL_MEMBERS = 1000;

	/** The most points one goodwill bonus gives each member. */
	public static final long GOODWILL_POINTS = 1_000_000;

	/**
	 * A goodwill bonus to several members of a programme at once, e.g. those a programme
	 * change would hurt and who are likely to leave (ADR 0083): one audited adjustment
	 * per member, with the same reason, all or none, the accounts locked in their order
	 * (as every other writer takes them, so no deadlock). Each member's movement is keyed
	 * {@code goodwill:<key>}, so a retry with the same key gives nobody anything twice
	 * and answers the movements made the first time.
	 * @throws ApiException 400 for no member, too many, points out of range, a missing
	 * reason or key, or an account that is not of the programme; 409 for a closed account
	 */
	@Transactional
	public List<Movement> goodwill(String code, java.util.Collection<UUID> accountIds, long points, String reason,
			String key) {
		LoyaltyProgramme programme = programme(code);
		List<UUID> accounts = (accountIds == null) ? List.of()
				: accountIds.stream()
					.filter(java.util.Objects::nonNull)
					.distinct()
					.sorted(TierOffers::compareAsPostgres)
					.toList();
		if (accounts.isEmpty()) {
			throw ApiException.invalid("accountIds",
					Text.of("loyalty.goodwill.no-members", "name at least one member"));
		}
		if (accounts.size() > GOODWILL_MEMBERS) {
			throw ApiException.invalid("accountIds", Text.of("loyalty.goodwill.too-many", "at most {0} members at once",
					String.valueOf(GOODWILL_MEMBERS)));
		}
		if (points < 1 || points > GOODWILL_POINTS) {
			throw ApiException.invalid("points",
					Text.of("loyalty.points.range", "between 1 and {0}", String.valueOf(GOODWILL_POINTS)));
		}
		String why = text(reason);
		String k = "goodwill:" + required(key);
		// every account checked before any is credited
		List<Account> members = new java.util.ArrayList<>();
		for (UUID id : accounts) {
			Account account = this.accounts.byId(id)
				.filter((a) -> a.programmeId().equals(programme.id()))
				.orElseThrow(() -> ApiException.invalid("accountIds",
						Text.of("loyalty.goodwill.not-a-member", "account {0} is not a member of {1}", id, code)));
			if (!"ACTIVE".equals(account.status())) {
				throw ApiException.conflict("account-closed",
						Text.of("loyalty.account.closed-id", "The account {0} is {1}", id, account.status()));
			}
			members.add(account);
		}
		return members.stream().map((a) -> this.points.adjust(programme, a, points, why, k)).toList();
	}

	@Transactional
	public Movement transfer(UUID fromAccountId, UUID toAccountId, long points, String reason, String key) {
		Account from = activeAccount(fromAccountId);
		return this.points.transfer(this.programmes.byId(from.programmeId()).orElseThrow(), from,
				activeAccount(toAccountId), points, text(reason), required(key));
	}

	public JobRun activatePending(Instant asOf) {
		return this.jobs.activate(asOf);
	}

	public JobRun expirePoints(Instant asOf) {
		return this.jobs.expire(asOf);
	}

	// tiers, impact preview and programme migration (ADR 0013)

	/** The programme's tier ladder. */
	@Transactional(readOnly = true)
	public TierLadder tierLadder(String code) {
		return this.tierDesk.tiers().ladder(programme(code));
	}

	/**
	 * How many active members hold each tier of the programme's ladder now, and how many
	 * none.
	 */
	public TierMembers tierMembers(String code) {
		return this.tierDesk.tiers().members(programme(code));
	}

	/**
	 * What the ladder would do to the members at {@code asOf} (moves now, and who keeps a
	 * tier they no longer qualify for until when), without applying anything.
	 */
	public TierPlan previewTierLadder(String code, TierLadder ladder, Instant asOf) {
		return this.tierDesk.tiers().preview(programme(code), ladder, asOf);
	}

	/**
	 * Saves the ladder and re-qualifies the members at {@code asOf}: the previewed moves.
	 */
	public TierPlan applyTierLadder(String code, TierLadder ladder, Instant asOf) {
		return applyTierLadder(code, ladder, asOf, null);
	}

	/**
	 * Applies the ladder only if that makes exactly what the preview with
	 * {@code previewFingerprint} showed (null: no such check).
	 * @throws ApiException 409 {@code preview-stale}, with nothing changed, when the
	 * ladder was changed meanwhile or other members would move
	 */
	public TierPlan applyTierLadder(String code, TierLadder ladder, Instant asOf, String previewFingerprint) {
		return this.tierDesk.tiers().apply(programme(code), ladder, asOf, previewFingerprint);
	}

	/** The nightly tier re-qualification of every programme with a ladder (set-based). */
	public List<TierPlan> requalifyTiers(Instant asOf) {
		return this.tierDesk.tiers().requalifyAll(asOf);
	}

	/** The member's tier, its source and end, and the progress to the next tier. */
	@Transactional(readOnly = true)
	public MemberTier tierOf(UUID accountId, Instant asOf) {
		Account account = account(accountId);
		return this.tierDesk.tiers()
			.memberTier(this.programmes.byId(account.programmeId()).orElseThrow(), account, asOf);
	}

	/** The member's tier changes, oldest first (changedAt, from, to, source, reason). */
	@Transactional(readOnly = true)
	public List<Map<String, Object>> tierHistory(UUID accountId) {
		account(accountId);
		return this.tierDesk.tiers().history(accountId);
	}

	/**
	 * Sets the member's tier by hand until {@code until} (tier null: no tier); audited.
	 */
	public MemberTier overrideTier(UUID accountId, String tierCode, Instant until, String reason) {
		return this.tierDesk.tiers().override(activeAccount(accountId), tierCode, until, reason);
	}

	/**
	 * Ends the member's override now, with a reason: the member gets the tier they
	 * qualify for, as when the override reaches its date; audited.
	 * @throws ApiException 409 {@code no-override} when no override is running
	 */
	public MemberTier endTierOverride(UUID accountId, String reason) {
		return this.tierDesk.tiers().endOverride(activeAccount(accountId), reason);
	}

	/** Members within {@code withinPercent} % of their next tier's threshold. */
	@Transactional(readOnly = true)
	public List<TierCandidate> nearNextTier(String code, int withinPercent, int limit) {
		LoyaltyProgramme p = programme(code);
		return this.tierDesk.offers()
			.nearNext(p, this.tierDesk.tiers().ladder(p), this.tierDesk.now(), withinPercent, limit);
	}

	/**
	 * The three lists at once ({@link #nearNextTier}, {@link #qualifyForBetterTier} and
	 * {@link #tierAtRisk}): one pass over the members' qualifying values instead of
	 * three.
	 */
	@Transactional(readOnly = true)
	public TierOfferLists tierOffers(String code, int withinPercent, int withinDays, int limit) {
		LoyaltyProgramme p = programme(code);
		return this.tierDesk.offers()
			.all(p, this.tierDesk.tiers().ladder(p), this.tierDesk.now(), withinPercent, withinDays, limit);
	}

	/**
	 * Members below the threshold of the tier they qualified for whose protection (period
	 * and grace) ends within {@code withinDays} days, or has ended and waits for the next
	 * re-qualification: they lose the tier unless they reach the threshold by then.
	 */
	@Transactional(readOnly = true)
	public List<TierAtRisk> tierAtRisk(String code, int withinDays, int limit) {
		checkList("withinDays", withinDays, TierOffers.MAX_DAYS, limit);
		LoyaltyProgramme p = programme(code);
		return this.tierDesk.offers()
			.atRisk(p, this.tierDesk.tiers().ladder(p), this.tierDesk.now(), withinDays, limit);
	}

	/**
	 * Every member of {@link #tierAtRisk}'s list, in its order, handed to {@code sink}
	 * one at a time (an export of any length).
	 */
	@Transactional(readOnly = true)
	public void eachTierAtRisk(String code, int withinDays, Consumer<TierAtRisk> sink) {
		checkList("withinDays", withinDays, TierOffers.MAX_DAYS, 1);
		LoyaltyProgramme p = programme(code);
		this.tierDesk.offers().eachAtRisk(p, this.tierDesk.tiers().ladder(p), this.tierDesk.now(), withinDays, sink);
	}

	/**
	 * The members who lose points to expiry within {@code withinDays} days (or at the
	 * next expiry run), most points first.
	 */
	@Transactional(readOnly = true)
	public List<ExpiringPoints> pointsExpiring(String code, int withinDays, int limit) {
		checkList("withinDays", withinDays, PointsAboutToExpire.MAX_DAYS, limit);
		return this.expiring.list(programme(code), this.tierDesk.now(), withinDays, limit);
	}

	/**
	 * Every member of {@link #pointsExpiring}'s list, in its order, handed to
	 * {@code sink} one at a time (an export of any length).
	 */
	@Transactional(readOnly = true)
	public void eachPointsExpiring(String code, int withinDays, Consumer<ExpiringPoints> sink) {
		checkList("withinDays", withinDays, PointsAboutToExpire.MAX_DAYS, 1);
		this.expiring.each(programme(code), this.tierDesk.now(), withinDays, sink);
	}

	/**
	 * How many members lose how many points to expiry within {@code withinDays} days (or
	 * at the next expiry run), and their worth.
	 */
	@Transactional(readOnly = true)
	public ExpiringTotal pointsExpiringTotal(String code, int withinDays) {
		checkList("withinDays", withinDays, PointsAboutToExpire.MAX_DAYS, 1);
		return this.expiring.total(programme(code), this.tierDesk.now(), withinDays);
	}

	/** Members who already qualify for a better tier than the one they hold. */
	@Transactional(readOnly = true)
	public List<TierCandidate> qualifyForBetterTier(String code, int limit) {
		LoyaltyProgramme p = programme(code);
		return this.tierDesk.offers().qualifyForBetter(p, this.tierDesk.tiers().ladder(p), this.tierDesk.now(), limit);
	}

	/** Who would lose what with the change, highest revenue first; nothing is written. */
	public List<ImpactLine> impactPreview(String code, ProgrammeChange change) {
		return this.tierDesk.impact().preview(programme(code), change);
	}

	/**
	 * Moves every member of {@code fromCode} to {@code toCode}, keeping balance, tier,
	 * cards and history.
	 */
	public MigrationRun migrateProgramme(String fromCode, String toCode) {
		return this.tierDesk.migration().migrate(programme(fromCode), programme(toCode));
	}

	private Account account(UUID id) {
		return this.accounts.byId(id)
			.orElseThrow(
					() -> NotFound.of(Text.of("loyalty.account.not-found", "Loyalty account {0} does not exist", id)));
	}

	private Account activeAccount(UUID id) {
		Account account = account(id);
		if (!"ACTIVE".equals(account.status())) {
			throw ApiException.conflict("account-closed",
					Text.of("loyalty.account.closed", "The account is {0}", account.status()));
		}
		return account;
	}

	private static String text(String reason) {
		if (reason == null || reason.isBlank()) {
			throw ApiException.invalid("reason", Text.of("loyalty.reason.required", "give a reason"));
		}
		if (reason.length() > 500) {
			throw ApiException.invalid("reason", Text.of("loyalty.reason.too-long", "at most 500 characters"));
		}
		return reason.strip();
	}

	private static String required(String key) {
		if (key == null || key.isBlank() || key.length() > 200) {
			throw ApiException.invalid("idempotencyKey",
					Text.of("loyalty.idempotency-key.needed", "give an idempotency key of at most 200 characters"));
		}
		return key;
	}

	/**
	 * @throws ApiException 400 when a list's horizon or length is out of range
	 */
	private static void checkList(String field, int days, int maxDays, int limit) {
		if (days < 0 || days > maxDays) {
			throw ApiException.invalid(field,
					Text.of("loyalty.list.days-range", "between 0 and {0} days", String.valueOf(maxDays)));
		}
		if (limit < 1 || limit > 1000) {
			throw ApiException.invalid("limit", Text.of("loyalty.list.limit-range", "between 1 and 1000"));
		}
	}

}
