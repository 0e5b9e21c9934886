package org.rapport.loyalty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A programme with its earning rules and tier ladder, read once per transaction (ADR
 * 0022). A delivery of recorded interactions is one transaction, so every purchase of a
 * delivery is evaluated against the same rules, read once, and the next delivery reads
 * them again: a rule saved in between applies from the next delivery on, on every
 * instance, without any cache to invalidate across instances. Outside a transaction
 * nothing is kept. The writers of programmes, rules and ladders call {@link #forget}, so
 * a transaction that changes them and then earns sees its own change.
 */
@Component
class ProgrammeSnapshots {

	private static final Object KEY = ProgrammeSnapshots.class;

	/** The programme, its rules and its tier ladder (null without one). */
	record Snapshot(LoyaltyProgramme programme, List<EarnRule> rules, TierLadder ladder) {

		boolean has(RuleKind kind) {
			return this.rules.stream().anyMatch((r) -> r.kind() == kind);
		}

	}

	private final ProgrammeStore programmes;

	private final TierStore tiers;

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
				this.tiers.ladder(programme.id()).orElse(null));
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
