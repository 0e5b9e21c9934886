package org.rapport.interaction;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the small recordings of concurrent requests together: a request puts its
 * prepared items in a queue and waits for its turn; whoever gets the turn writes
 * everything queued so far (up to {@link #MAX_ITEMS} items) in one transaction (one
 * commit, one event) and hands every request of that group its own results once the
 * commit is durable. A request whose items were taken by another writer waits for that
 * writer's answer. Alone, a request writes at once, exactly as before.
 * <p>
 * Writes are pipelined (ADR 0039): one group at a time runs its statements, but its turn
 * ends when its commit begins, so that while it waits for PostgreSQL to flush the commit
 * the next group already runs its statements; up to
 * {@code rapport.interactions.concurrent-writes} groups are in flight (one running
 * statements, the others waiting for their flush), and PostgreSQL flushes concurrent
 * commits together. With one group in flight the path was a single file in which every
 * group waited for the flush of the one before.
 * <p>
 * Each item keeps its own result: duplicates, rejected returns and created ids are per
 * item as in a batch. If a combined write fails as a whole, each request of the group
 * writes its items again on its own, so one request's failure is never another's. A
 * caller already inside a transaction writes in it, without combining, so that its own
 * rollback stays its own.
 * <p>
 * A group's statements are planned once per connection, not on every call (ADR 0045): the
 * group's transaction starts with {@link #GENERIC_PLANS}, local to it. Left to itself
 * ({@code plan_cache_mode = auto}) PostgreSQL planned the figures upsert and the
 * customers' look-up afresh for every group, because a plan made for the array's actual
 * length always looked cheaper than the kept one; planning took more of PostgreSQL's time
 * than executing them. The plans kept are the ones for a few rows, which is what a group
 * is (at most {@link #MAX_ITEMS} items).
 */
@Component
class WriteCombiner {

	/** At most this many items are written in one combined transaction. */
	static final int MAX_ITEMS = 64;

	/**
	 * How many combined writes may be in flight (one running statements, the others
	 * committing) unless configured.
	 */
	static final int CONCURRENT_WRITES = 3;

	/**
	 * Run first in a group's transaction with {@code force_generic_plan} (a parameter, so
	 * that it is itself a prepared statement): its statements use the plans kept for
	 * their prepared statements instead of being planned again on every execution; the
	 * setting ends with the transaction.
	 */
	static final String GENERIC_PLANS = "SELECT set_config('plan_cache_mode', ?, true)";

	private final IngestionWrite write;

	private final Clock clock;

	/** Opens the group's transaction, so that its commit can be told apart; or null. */
	private final TransactionTemplate transactions;

	/** Sets {@link #GENERIC_PLANS} in the group's transaction; or null. */
	private final JdbcClient jdbc;

	private final int slots;

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled whenever a write commits or ends, so that a waiting request may go. */
	private final Condition turn = this.lock.newCondition();

	/** Requests not yet taken by a writer; guarded by {@link #lock}. */
	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	/** A group is running its statements; guarded by {@link #lock}. */
	private boolean executing;

	/** Combined writes in flight, executing or committing; guarded by {@link #lock}. */
	private int writing;

	/**
	 * Without a transaction manager: a group's turn ends when its write returns, so
	 * groups never overlap (for tests of the grouping alone).
	 */
	WriteCombiner(IngestionWrite write, Clock clock) {
		this(write, clock, null, 1);
	}

	/** Without the plans' setting (for tests of the pipeline with no database). */
	WriteCombiner(IngestionWrite write, Clock clock, PlatformTransactionManager transactions, int concurrentWrites) {
		this(write, clock, transactions, null, concurrentWrites);
	}

	@Autowired
	WriteCombiner(IngestionWrite write, Clock clock, PlatformTransactionManager transactions, JdbcClient jdbc,
			@Value("${rapport.interactions.concurrent-writes:" + CONCURRENT_WRITES + "}") int concurrentWrites) {
		if (concurrentWrites < 1) {
			throw new IllegalArgumentException("rapport.interactions.concurrent-writes must be at least 1");
		}
		this.write = write;
		this.clock = clock;
		this.transactions = (transactions == null) ? null : new TransactionTemplate(transactions);
		this.jdbc = jdbc;
		this.slots = concurrentWrites;
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
		this.lock.lock();
		try {
			this.queue.add(mine);
		}
		finally {
			this.lock.unlock();
		}
		while (true) {
			List<Pending> group;
			this.lock.lock();
			try {
				while (!mine.taken && (this.executing || this.writing >= this.slots)) {
					this.turn.awaitUninterruptibly();
				}
				if (mine.taken) {
					break;
				}
				group = take();
				this.executing = true;
				this.writing++;
			}
			finally {
				this.lock.unlock();
			}
			Turn turn = new Turn();
			try {
				Runnable answers;
				if (this.transactions == null) {
					answers = writeGroup(group);
				}
				else {
					answers = this.transactions.execute((status) -> {
						// the statements are done when the commit begins: the next group
						// may run its own while this one waits for its flush
						TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
							@Override
							public void beforeCommit(boolean readOnly) {
								turn.end();
							}
						});
						if (this.jdbc != null) {
							this.jdbc.sql(GENERIC_PLANS).param("force_generic_plan").query(String.class).single();
						}
						return writeGroup(group);
					});
				}
				// only once the group's commit is durable
				answers.run();
			}
			catch (RuntimeException ex) {
				failed(group, ex);
			}
			finally {
				turn.end();
				this.lock.lock();
				try {
					this.writing--;
					this.turn.signalAll();
				}
				finally {
					this.lock.unlock();
				}
			}
		}
		return mine.results(this.write, this.clock);
	}

	/** A group's turn to run statements, ended once: at its commit, or when it fails. */
	private final class Turn {

		private boolean ended;

		void end() {
			if (this.ended) {
				return;
			}
			this.ended = true;
			WriteCombiner.this.lock.lock();
			try {
				WriteCombiner.this.executing = false;
				WriteCombiner.this.turn.signalAll();
			}
			finally {
				WriteCombiner.this.lock.unlock();
			}
		}

	}

	/** How many requests are waiting for a writer to take them. */
	int queued() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** How many combined writes run now. */
	int writing() {
		this.lock.lock();
		try {
			return this.writing;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Under the lock: the queued requests, oldest first, up to {@link #MAX_ITEMS} items
	 * (at least one request), marked taken.
	 */
	private List<Pending> take() {
		List<Pending> group = new ArrayList<>();
		int size = 0;
		while (!this.queue.isEmpty() && (group.isEmpty() || size + this.queue.peek().items.size() <= MAX_ITEMS)) {
			Pending next = this.queue.poll();
			next.taken = true;
			group.add(next);
			size += next.items.size();
		}
		return group;
	}

	/**
	 * Writes a group (in the caller's transaction, if any) and answers how to hand each
	 * request its own results, to run once the transaction has committed.
	 */
	private Runnable writeGroup(List<Pending> group) {
		if (group.size() == 1) {
			Pending only = group.get(0);
			List<RecordResult> results = this.write.write(only.items, this.clock.instant(), only.shown);
			return () -> only.complete(results);
		}
		List<Prepared> all = new ArrayList<>();
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
		Map<UUID, InteractionView> shown = new HashMap<>();
		List<RecordResult> results = this.write.write(all, this.clock.instant(), shown);
		return () -> {
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
		};
	}

	/**
	 * A group's transaction failed as a whole: a request alone gets the failure, the
	 * requests of a combined group write their items again, each on its own.
	 */
	private static void failed(List<Pending> group, RuntimeException ex) {
		if (group.size() == 1) {
			group.get(0).fail(ex);
		}
		else {
			group.forEach(Pending::writeAlone);
		}
	}

	/** One request's items and, once written, their results or the failure. */
	private static final class Pending {

		private final List<Prepared> items;

		private final Map<UUID, InteractionView> shown;

		private final CountDownLatch answered = new CountDownLatch(1);

		/** Taken by a writer; guarded by the combiner's lock. */
		private boolean taken;

		private volatile List<RecordResult> results;

		private volatile RuntimeException failure;

		/** Its group failed as a whole: the request writes its items on its own. */
		private volatile boolean alone;

		Pending(List<Prepared> items, Map<UUID, InteractionView> shown) {
			this.items = items;
			this.shown = shown;
		}

		void fail(RuntimeException ex) {
			this.failure = ex;
			this.answered.countDown();
		}

		void complete(List<RecordResult> results) {
			this.results = results;
			this.answered.countDown();
		}

		void writeAlone() {
			this.alone = true;
			this.answered.countDown();
		}

		/**
		 * Waits for the writer that took the request; writes it alone, in the calling
		 * thread, when its group failed.
		 */
		List<RecordResult> results(IngestionWrite write, Clock clock) {
			boolean interrupted = false;
			while (true) {
				try {
					this.answered.await();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
			if (this.alone) {
				return write.write(this.items, clock.instant(), this.shown);
			}
			if (this.failure != null) {
				throw this.failure;
			}
			return this.results;
		}

	}

}
