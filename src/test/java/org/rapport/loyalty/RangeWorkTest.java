package org.rapport.loyalty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * How the ranges of consecutive scans are handed to the workers (ADR 0037, ADR 0055). The
 * work here only records what ran; the transactions are a stand-in with no database,
 * since only the order of the work is under test.
 */
class RangeWorkTest {

	static final long WAIT_SECONDS = 30;

	final TransactionTemplate transactions = new TransactionTemplate(new NoDatabase());

	static AccountRanges.Range range(int n) {
		return new AccountRanges.Range(new UUID(0, n), new UUID(0, n + 1));
	}

	static Map<UUID, String> listed(List<AccountRanges.Range> scan) {
		Map<UUID, String> lists = new java.util.HashMap<>();
		scan.forEach((r) -> lists.put(r.after(), "lots of " + r.after().getLeastSignificantBits()));
		return lists;
	}

	@Test
	void whileAScansRangesRunOnlyTheNextScanIsRead() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<Integer> reads = Collections.synchronizedList(new ArrayList<>());
		List<List<AccountRanges.Range>> scans = List.of(List.of(range(1)), List.of(range(2)), List.of(range(3)));
		AtomicReference<List<String>> results = new AtomicReference<>();

		Thread caller = new Thread(() -> results.set(RangeWork.inScans("test", scans, 2, this.transactions, (scan) -> {
			reads.add((int) scan.get(0).after().getLeastSignificantBits());
			return listed(scan);
		}, (range, lots) -> {
			if (range.equals(range(1))) {
				hold(release);
			}
			return lots;
		}, "none")));
		caller.start();

		// the caller reads the second scan, then parks waiting for the first scan's range
		await().atMost(Duration.ofSeconds(WAIT_SECONDS))
			.until(() -> reads.size() >= 2 && caller.getState() == Thread.State.WAITING);
		List<Integer> readsWhileFirstRan = List.copyOf(reads);
		release.countDown();
		caller.join(Duration.ofSeconds(WAIT_SECONDS).toMillis());

		assertThat(readsWhileFirstRan).as("scans read while the first scan's range was still running")
			.containsExactly(1, 2);
		assertThat(results.get()).containsExactly("lots of 1", "lots of 2", "lots of 3");
		assertThat(reads).containsExactly(1, 2, 3);
	}

	@Test
	void aFailedRangeIsThrownOnlyAfterEveryOtherRangeIsDone() {
		List<String> done = Collections.synchronizedList(new ArrayList<>());
		List<List<AccountRanges.Range>> scans = List.of(List.of(range(1), range(2)), List.of(range(3)));

		assertThatThrownBy(
				() -> RangeWork.inScans("test", scans, 2, this.transactions, RangeWorkTest::listed, (range, lots) -> {
					if (range.equals(range(2))) {
						throw new IllegalStateException("range 2 failed");
					}
					done.add(lots);
					return lots;
				}, "none"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("range 2 failed");
		assertThat(done).containsExactlyInAnyOrder("lots of 1", "lots of 3");
	}

	private static void hold(CountDownLatch latch) {
		try {
			if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("not released");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Transactions that begin and end nothing: the work under test touches no database.
	 */
	static class NoDatabase extends AbstractPlatformTransactionManager {

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}

	}

}
