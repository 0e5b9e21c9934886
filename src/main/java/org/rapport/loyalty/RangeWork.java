package org.rapport.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a piece of work once per {@link AccountRanges.Range account range}, each in its
 * own transaction, {@code workers} ranges at once on their own connections (ranges are
 * disjoint, so they never wait for each other). The ranges done are committed even when
 * another fails: the first failure is thrown after every range has finished, and running
 * the job again resumes with what is left.
 */
final class RangeWork {

	private RangeWork() {
	}

	/**
	 * Runs the ranges on the workers, each with nothing read before it: for work that
	 * reads what it needs itself.
	 */
	static <T> List<T> inRanges(String job, List<AccountRanges.Range> ranges, int workers,
			TransactionTemplate transactions, Function<AccountRanges.Range, T> work) {
		return inScans(job, ranges.isEmpty() ? List.of() : List.of(ranges), workers, transactions, (scan) -> Map.of(),
				(range, none) -> work.apply(range), Boolean.TRUE);
	}

	/**
	 * Runs the ranges of each scan of consecutive ranges: the scan's {@code read} (on the
	 * calling thread) lists what its ranges are to do, keyed by a range's lower bound,
	 * then its ranges run on the workers with their lists while the next scan is read
	 * (ADR 0037). At most two scans' lists are held at once. A scan's ranges are queued
	 * only once every range of the scan before is done; queueing them at once, behind
	 * those ranges, was measured and gained nothing (ADR 0055).
	 */
	static <L, T> List<T> inScans(String job, List<List<AccountRanges.Range>> scans, int workers,
			TransactionTemplate transactions, Function<List<AccountRanges.Range>, Map<UUID, L>> read,
			BiFunction<AccountRanges.Range, L, T> work, L none) {
		if (scans.isEmpty()) {
			return List.of();
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
		List<T> results = new ArrayList<>();
		RuntimeException failure = null;
		try {
			List<Future<T>> previous = List.of();
			for (List<AccountRanges.Range> scan : scans) {
				Map<UUID, L> listed;
				try {
					listed = read.apply(scan);
				}
				catch (RuntimeException ex) {
					failure = (failure != null) ? failure : ex;
					continue;
				}
				failure = collect(previous, results, failure);
				List<Future<T>> submitted = new ArrayList<>();
				for (AccountRanges.Range range : scan) {
					L mine = listed.getOrDefault(range.after(), none);
					submitted.add(pool.submit(() -> transactions.execute((status) -> work.apply(range, mine))));
				}
				previous = submitted;
			}
			failure = collect(previous, results, failure);
			if (failure != null) {
				throw failure;
			}
			return results;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(job + " interrupted", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static <T> RuntimeException collect(List<Future<T>> futures, List<T> results, RuntimeException failure)
			throws InterruptedException {
		for (Future<T> future : futures) {
			try {
				results.add(future.get());
			}
			catch (ExecutionException ex) {
				failure = (failure != null) ? failure
						: (ex.getCause() instanceof RuntimeException r) ? r : new IllegalStateException(ex.getCause());
			}
		}
		return failure;
	}

}
