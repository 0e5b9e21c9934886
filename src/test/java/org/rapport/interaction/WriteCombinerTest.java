package org.rapport.interaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class WriteCombinerTest {

	private final ExecutorService pool = Executors.newFixedThreadPool(6);

	@AfterEach
	void stop() {
		this.pool.shutdownNow();
	}

	@Test
	void requestsWaitingWhileAnotherWritesAreWrittenTogetherAndEachGetsItsOwnResults() throws Exception {
		FakeWrite write = new FakeWrite(null);
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC());
		Future<List<RecordResult>> first = this.pool.submit(() -> combiner.write(items(1)));
		assertThat(write.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<List<Prepared>> requests = List.of(items(2), items(3), items(1));
		List<Future<List<RecordResult>>> waiting = new ArrayList<>();
		for (List<Prepared> request : requests) {
			waiting.add(this.pool.submit(() -> combiner.write(request)));
		}
		awaitQueued(combiner, write, 3);
		write.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		for (int r = 0; r < requests.size(); r++) {
			List<RecordResult> results = waiting.get(r).get(10, TimeUnit.SECONDS);
			List<Prepared> sent = requests.get(r);
			assertThat(results).extracting(RecordResult::index)
				.containsExactlyElementsOf(sent.stream().map(Prepared::index).toList());
			assertThat(results).extracting(RecordResult::id)
				.containsExactlyElementsOf(sent.stream().map(Prepared::id).toList());
		}
		assertThat(write.calls).hasSize(2);
		assertThat(write.calls.get(1)).hasSize(6);
	}

	@Test
	void whenACombinedWriteFailsEachRequestIsWrittenAloneSoOnlyTheBadOneFails() throws Exception {
		List<Prepared> bad = items(2);
		FakeWrite write = new FakeWrite(bad.get(0).id());
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC());
		Future<List<RecordResult>> first = this.pool.submit(() -> combiner.write(items(1)));
		assertThat(write.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<Prepared> good = items(3);
		Future<List<RecordResult>> badAnswer = this.pool.submit(() -> combiner.write(bad));
		Future<List<RecordResult>> goodAnswer = this.pool.submit(() -> combiner.write(good));
		awaitQueued(combiner, write, 2);
		write.release.countDown();

		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		assertThat(goodAnswer.get(10, TimeUnit.SECONDS)).extracting(RecordResult::id)
			.containsExactlyElementsOf(good.stream().map(Prepared::id).toList());
		assertThatThrownBy(() -> badAnswer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
	}

	@Test
	void whileAGroupWaitsForItsCommitTheNextGroupRunsItsStatementsAndNobodyIsAnsweredBeforeTheirCommit()
			throws Exception {
		FakeWrite write = new FakeWrite(null, false);
		GatedTransactions transactions = new GatedTransactions();
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC(), transactions, 2);
		Future<List<RecordResult>> first = this.pool.submit(() -> combiner.write(items(1)));
		transactions.awaitCommitting(1);
		Future<List<RecordResult>> second = this.pool.submit(() -> combiner.write(items(2)));
		transactions.awaitCommitting(2);

		// two groups in flight: both wrote their statements, neither is answered yet
		assertThat(write.calls).hasSize(2);
		assertThat(first.isDone()).isFalse();
		assertThat(second.isDone()).isFalse();
		// a third request waits: the two slots are taken
		Future<List<RecordResult>> third = this.pool.submit(() -> combiner.write(items(3)));
		awaitQueued(combiner, write, 1);
		assertThat(write.calls).hasSize(2);

		transactions.open(1);
		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		transactions.awaitCommitting(3);
		assertThat(write.calls).hasSize(3);
		assertThat(second.isDone()).isFalse();
		transactions.open(2);
		transactions.open(3);
		assertThat(second.get(10, TimeUnit.SECONDS)).hasSize(2);
		assertThat(third.get(10, TimeUnit.SECONDS)).hasSize(3);
		assertThat(combiner.writing()).isZero();
	}

	@Test
	void requestsQueuedWhileAGroupRunsItsStatementsAreWrittenTogetherNotOneGroupEach() throws Exception {
		FakeWrite write = new FakeWrite(null);
		GatedTransactions transactions = new GatedTransactions();
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC(), transactions, 3);
		Future<List<RecordResult>> first = this.pool.submit(() -> combiner.write(items(1)));
		assertThat(write.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<Future<List<RecordResult>>> waiting = new ArrayList<>();
		for (int r = 0; r < 3; r++) {
			waiting.add(this.pool.submit(() -> combiner.write(items(2))));
		}
		// a free slot is not enough: only one group runs statements at a time
		awaitQueued(combiner, write, 3);
		assertThat(write.calls).hasSize(1);
		write.release.countDown();
		transactions.awaitCommitting(2);
		transactions.open(1);
		transactions.open(2);

		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		for (Future<List<RecordResult>> w : waiting) {
			assertThat(w.get(10, TimeUnit.SECONDS)).hasSize(2);
		}
		assertThat(write.calls).hasSize(2);
		assertThat(write.calls.get(1)).hasSize(6);
	}

	@Test
	void whenACombinedGroupsCommitFailsEachRequestIsWrittenAloneAndAnsweredFromItsOwnCommit() throws Exception {
		FakeWrite write = new FakeWrite(null);
		write.failCommitOfSize = 5;
		GatedTransactions transactions = new GatedTransactions();
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC(), transactions, 2);
		Future<List<RecordResult>> first = this.pool.submit(() -> combiner.write(items(1)));
		assertThat(write.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<Prepared> a = items(2);
		List<Prepared> b = items(3);
		Future<List<RecordResult>> aAnswer = this.pool.submit(() -> combiner.write(a));
		Future<List<RecordResult>> bAnswer = this.pool.submit(() -> combiner.write(b));
		awaitQueued(combiner, write, 2);
		write.release.countDown();
		transactions.open(1);
		transactions.open(2);

		assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
		// the combined group's commit failed: each request wrote its items again alone
		assertThat(aAnswer.get(10, TimeUnit.SECONDS)).extracting(RecordResult::id)
			.containsExactlyElementsOf(a.stream().map(Prepared::id).toList());
		assertThat(bAnswer.get(10, TimeUnit.SECONDS)).extracting(RecordResult::id)
			.containsExactlyElementsOf(b.stream().map(Prepared::id).toList());
		assertThat(write.calls).extracting(List::size).containsExactlyInAnyOrder(1, 5, 2, 3);
	}

	@Test
	void aRequestAloneWhoseCommitFailsGetsTheFailure() {
		FakeWrite write = new FakeWrite(null, false);
		GatedTransactions transactions = new GatedTransactions();
		transactions.failCommit(1);
		transactions.open(1);
		WriteCombiner combiner = new WriteCombiner(write, Clock.systemUTC(), transactions, 2);

		assertThatThrownBy(() -> combiner.write(items(1))).isInstanceOf(TransactionSystemException.class);
		assertThat(combiner.writing()).isZero();
		assertThat(combiner.queued()).isZero();
	}

	/** Waits until the given number of requests are queued behind the blocked write. */
	private static void awaitQueued(WriteCombiner combiner, FakeWrite write, int requests) {
		await().atMost(Duration.ofSeconds(10)).until(() -> combiner.queued() == requests);
	}

	private static List<Prepared> items(int count) {
		List<Prepared> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(new Prepared(i, UUID.randomUUID(), UUID.randomUUID(), null, "k" + UUID.randomUUID(), List.of()));
		}
		return items;
	}

	/**
	 * A transaction manager whose n-th commit (counting from 1) waits until it is opened,
	 * as a commit waits for its flush, and fails when told to.
	 */
	private static final class GatedTransactions extends AbstractPlatformTransactionManager {

		private final Map<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();

		private final Set<Integer> failing = ConcurrentHashMap.newKeySet();

		private final AtomicInteger commits = new AtomicInteger();

		private CountDownLatch gate(int commit) {
			return this.gates.computeIfAbsent(commit, (n) -> new CountDownLatch(1));
		}

		void open(int commit) {
			gate(commit).countDown();
		}

		void failCommit(int commit) {
			this.failing.add(commit);
		}

		void awaitCommitting(int commits) {
			await().atMost(Duration.ofSeconds(10)).until(() -> this.commits.get() >= commits);
		}

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			int commit = this.commits.incrementAndGet();
			try {
				if (!gate(commit).await(10, TimeUnit.SECONDS)) {
					throw new TransactionSystemException("commit " + commit + " was never opened");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (this.failing.contains(commit)) {
				throw new TransactionSystemException("commit " + commit + " could not be flushed");
			}
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

	/**
	 * Answers every item as created; the first call waits to be released, and any call
	 * holding the poisoned item fails.
	 */
	private static final class FakeWrite extends IngestionWrite {

		final CountDownLatch firstCallStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<List<Prepared>> calls = new CopyOnWriteArrayList<>();

		private final UUID poisoned;

		private final boolean blockFirst;

		/** A write of this many items fails when its transaction commits. */
		int failCommitOfSize;

		FakeWrite(UUID poisoned) {
			this(poisoned, true);
		}

		FakeWrite(UUID poisoned, boolean blockFirst) {
			super(null, null, null);
			this.poisoned = poisoned;
			this.blockFirst = blockFirst;
		}

		@Override
		List<RecordResult> write(List<Prepared> items, Instant now, Map<UUID, InteractionView> shown) {
			this.calls.add(items);
			if (this.blockFirst && this.calls.size() == 1) {
				this.firstCallStarted.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (items.size() == this.failCommitOfSize && TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void beforeCommit(boolean readOnly) {
						throw new TransactionSystemException("the commit could not be flushed");
					}
				});
			}
			if (items.stream().anyMatch((p) -> p.id().equals(this.poisoned))) {
				throw new IllegalStateException("poisoned item");
			}
			return items.stream().map((p) -> RecordResult.created(p.index(), p.id())).toList();
		}

	}

}
