package org.rapport.loyalty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A programme with its earning rules and tier ladder, read once per transaction (ADR
 * 0022). A delivery of recorded interactions is one transaction, so every purchase of a
 * delivery is evaluated against the same rules. Outside a transaction nothing is kept.
 * The writers of programmes, rules and ladders call {@link #forget}, so a transaction
 * that changes them and then earns sees its own change.
 * <p>
 * Earning also keeps the last snapshot of each programme across transactions, under the
 * programme's revision (ADR 0033): every change of the programme, a rule or the ladder
 * gives the programme a new revision from a sequence (a trigger does, so no writer can
 * forget it), and earning reads the current revision with the member's state, in the
 * statement it makes anyway. A kept snapshot is used only while its revision is the one
 * just read, so a rule saved in between applies from the next delivery on, on every
 * instance, without any message between instances; a revision is never used twice, so a
 * change that was rolled back cannot leave a snapshot that looks current.
 */
@Component
class ProgrammeSnapshots {

	private static final Object KEY = ProgrammeSnapshots.class;

	/**
	 * The programme, its rules and its tier ladder (null without one), read at the
	 * revision (or later; 0 when not known).
	 */
	record Snapshot(LoyaltyProgramme programme, List<EarnRule> rules, TierLadder ladder, long revision) {

		boolean has(RuleKind kind) {
			return this.rules.stream().anyMatch((r) -> r.kind() == kind);
		}

	}

	private final ProgrammeStore programmes;

	private final TierStore tiers;

	/** The last snapshot of each programme read for earning, by programme id. */
	private final Map<UUID, Snapshot> latest = new ConcurrentHashMap<>();

	ProgrammeSnapshots(ProgrammeStore programmes, TierStore tiers) {
		this.programmes = programmes;
		this.tiers = tiers;
	}

	Snapshot byId(UUID programmeId) {
		Map<Object, Snapshot> kept = kept();
		Snapshot snapshot = (kept != null) ? kept.get(programmeId) : null;
		if (snapshot == null) {
			snapshot = load(this.programmes.byId(programmeId).orElseThrow(), kept);
		}
		return snapshot;
	}

	/**
	 * The snapshot of the programme at the revision the caller has just read (with the
	 * member's state): the transaction's own if it has one, else the kept one when its
	 * revision is that one, else read now and kept. Read after the revision, in the same
	 * transaction, a fresh read is of that revision or a later one, never an earlier.
	 */
	Snapshot byId(UUID programmeId, long revision) {
		Map<Object, Snapshot> kept = kept();
		Snapshot snapshot = (kept != null) ? kept.get(programmeId) : null;
		if (snapshot != null) {
			return snapshot;
		}
		snapshot = this.latest.get(programmeId);
		if (snapshot == null || snapshot.revision() != revision) {
			LoyaltyProgramme programme = this.programmes.byId(programmeId).orElseThrow();
			snapshot = new Snapshot(programme, List.copyOf(this.programmes.rules(programmeId)),
					this.tiers.ladder(programmeId).orElse(null), revision);
			this.latest.put(programmeId, snapshot);
		}
		if (kept != null) {
			kept.put(programmeId, snapshot);
			kept.put(snapshot.programme().code(), snapshot);
		}
		return snapshot;
	}

	Optional<Snapshot> byCode(String code) {
		Map<Object, Snapshot> kept = kept();
		Snapshot snapshot = (kept != null) ? kept.get(code) : null;
		if (snapshot != null) {
			return Optional.of(snapshot);
		}
		return this.programmes.byCode(code).map((p) -> {
			Snapshot known = (kept != null) ? kept.get(p.id()) : null;
			return (known != null) ? known : load(p, kept);
		});
	}

	private Snapshot load(LoyaltyProgramme programme, Map<Object, Snapshot> kept) {
		Snapshot snapshot = new Snapshot(programme, List.copyOf(this.programmes.rules(programme.id())),
				this.tiers.ladder(programme.id()).orElse(null), 0);
		if (kept != null) {
			kept.put(programme.id(), snapshot);
			kept.put(programme.code(), snapshot);
		}
		return snapshot;
	}

	/**
	 * Drops what the current transaction has read, so that its next read sees a change it
	 * has just written.
	 */
	static void forget() {
		if (TransactionSynchronizationManager.hasResource(KEY)) {
			kept().clear();
		}
	}

	/** The current transaction's snapshots, bound on first use; null outside one. */
	@SuppressWarnings("unchecked")
	private static Map<Object, Snapshot> kept() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Map<Object, Snapshot> kept = (Map<Object, Snapshot>) TransactionSynchronizationManager.getResource(KEY);
		if (kept == null) {
			Map<Object, Snapshot> fresh = new HashMap<>();
			TransactionSynchronizationManager.bindResource(KEY, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
				}
			});
			kept = fresh;
		}
		return kept;
	}

}
