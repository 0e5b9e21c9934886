package org.rapport.interaction;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the small recordings of concurrent requests together: a request puts its
 * prepared items in a queue and takes the writer's lock; whoever holds the lock writes
 * everything queued so far in one transaction (one commit, one event) and hands every
 * waiting request its own results. A request whose items were written while it waited
 * finds them done and returns. Under load the commits — the machine's scarcest resource
 * for single purchases — are shared by up to {@link #MAX_ITEMS} items; alone, a request
 * writes at once, exactly as before.
 * <p>
 * Each item keeps its own result: duplicates, rejected returns and created ids are per
 * item as in a batch. If a combined write fails as a whole, each request's items are
 * written again on their own, so one request's failure is never another's. A caller
 * already inside a transaction writes in it, without combining, so that its own rollback
 * stays its own.
 */
@Component
class WriteCombiner {

	/** At most this many items are written in one combined transaction. */
	static final int MAX_ITEMS = 64;

	private final IngestionWrite write;

	private final Clock clock;

	private final ReentrantLock writer = new ReentrantLock();

	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	WriteCombiner(IngestionWrite write, Clock clock) {
		this.write = write;
		this.clock = clock;
	}

	/** Writes the items, possibly together with other requests' items; their results. */
	List<RecordResult> write(List<Prepared> items) {
		return write(items, null);
	}

	/**
	 * As {@link #write(List)}; with {@code shown}, the created interactions are put there
	 * as stored.
	 */
	List<RecordResult> write(List<Prepared> items, Map<UUID, InteractionView> shown) {
		if (items.isEmpty() || TransactionSynchronizationManager.isActualTransactionActive()) {
			return this.write.write(items, this.clock.instant(), shown);
		}
		Pending mine = new Pending(items, shown);
		synchronized (this.queue) {
			this.queue.add(mine);
		}
		this.writer.lock();
		try {
			while (!mine.done()) {
				writeQueued();
			}
		}
		finally {
			this.writer.unlock();
		}
		return mine.results();
	}

	/** How many requests are waiting for a write. */
	int queued() {
		synchronized (this.queue) {
			return this.queue.size();
		}
	}

	/** Under the writer's lock: takes what is queued and writes it. */
	private void writeQueued() {
		List<Pending> group = new ArrayList<>();
		int size = 0;
		synchronized (this.queue) {
			while (!this.queue.isEmpty() && (group.isEmpty() || size + this.queue.peek().items.size() <= MAX_ITEMS)) {
				Pending next = this.queue.poll();
				group.add(next);
				size += next.items.size();
			}
		}
		if (group.size() == 1) {
			group.get(0).run(this.write, this.clock);
			return;
		}
		List<Prepared> all = new ArrayList<>(size);
		Map<Integer, Pending> owners = new HashMap<>();
		Map<Integer, Integer> ownIndex = new HashMap<>();
		for (Pending p : group) {
			for (Prepared item : p.items) {
				int index = all.size();
				owners.put(index, p);
				ownIndex.put(index, item.index());
				all.add(item.withIndex(index));
			}
		}
		List<RecordResult> results;
		Map<UUID, InteractionView> shown = new HashMap<>();
		try {
			results = this.write.write(all, this.clock.instant(), shown);
		}
		catch (RuntimeException ex) {
			group.forEach((p) -> p.run(this.write, this.clock));
			return;
		}
		Map<Pending, List<RecordResult>> split = new HashMap<>();
		group.forEach((p) -> split.put(p, new ArrayList<>()));
		for (RecordResult r : results) {
			Pending owner = owners.get(r.index());
			split.get(owner).add(r.withIndex(ownIndex.get(r.index())));
			if (owner.shown != null && r.id() != null && shown.containsKey(r.id())) {
				owner.shown.put(r.id(), shown.get(r.id()));
			}
		}
		split.forEach(Pending::complete);
	}

	/** One request's items and, once written, their results or the failure. */
	private static final class Pending {

		private final List<Prepared> items;

		private final Map<UUID, InteractionView> shown;

		private volatile List<RecordResult> results;

		private volatile RuntimeException failure;

		Pending(List<Prepared> items, Map<UUID, InteractionView> shown) {
			this.items = items;
			this.shown = shown;
		}

		boolean done() {
			return this.results != null || this.failure != null;
		}

		void run(IngestionWrite write, Clock clock) {
			try {
				complete(write.write(this.items, clock.instant(), this.shown));
			}
			catch (RuntimeException ex) {
				this.failure = ex;
			}
		}

		void complete(List<RecordResult> results) {
			this.results = results;
		}

		List<RecordResult> results() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.results;
		}

	}

}
