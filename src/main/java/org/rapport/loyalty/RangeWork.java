package org.rapport.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

	static <T> List<T> inRanges(String job, List<AccountRanges.Range> ranges, int workers,
			TransactionTemplate transactions, Function<AccountRanges.Range, T> work) {
		if (ranges.isEmpty()) {
			return List.of();
		}
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(workers, ranges.size())));
		try {
			List<Future<T>> futures = new ArrayList<>();
			for (AccountRanges.Range range : ranges) {
				futures.add(pool.submit(() -> transactions.execute((status) -> work.apply(range))));
			}
			List<T> results = new ArrayList<>();
			RuntimeException failure = null;
			for (Future<T> future : futures) {
				try {
					results.add(future.get());
				}
				catch (ExecutionException ex) {
					failure = (failure != null) ? failure : (ex.getCause() instanceof RuntimeException r) ? r
							: new IllegalStateException(ex.getCause());
				}
			}
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

}
