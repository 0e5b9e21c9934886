package org.rapport.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs the write statements of a streaming pass on a few threads while the pass reads and
 * computes the next batch: at most {@code threads} writes run and at most {@code threads}
 * more wait, so memory stays bounded by a few batches. The first failure is thrown by the
 * next {@link #submit} or by {@link #close}, which waits for every write (none is left
 * running when the pass ends or fails).
 */
final class BatchWriter implements AutoCloseable {

	private final ExecutorService threads;

	private final Semaphore slots;

	private final List<Future<?>> pending = new ArrayList<>();

	BatchWriter(int threads, String name) {
		this.threads = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
		this.slots = new Semaphore(2 * threads);
	}

	void submit(Runnable write) {
		check(false);
		try {
			this.slots.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		try {
			this.pending.add(this.threads.submit(() -> {
				try {
					write.run();
				}
				finally {
					this.slots.release();
				}
			}));
		}
		catch (RuntimeException ex) {
			this.slots.release();
			throw ex;
		}
	}

	/** Waits for every write; throws the first failure. */
	@Override
	public void close() {
		try {
			check(true);
		}
		finally {
			this.threads.shutdown();
		}
	}

	private void check(boolean all) {
		RuntimeException failure = null;
		List<Future<?>> left = new ArrayList<>();
		for (Future<?> future : this.pending) {
			if (!all && !future.isDone()) {
				left.add(future);
				continue;
			}
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				if (failure == null) {
					failure = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException(ex.getCause());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				failure = new IllegalStateException("interrupted", ex);
				break;
			}
		}
		this.pending.clear();
		this.pending.addAll(left);
		if (failure != null) {
			if (!all) {
				close();
			}
			throw failure;
		}
	}

}
